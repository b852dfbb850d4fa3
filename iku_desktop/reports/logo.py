"""The letterhead logo, checked whole before it is kept: every printout draws it, so an
image that cannot be drawn (a truncated PNG, a "decompression bomb" — a small file that
declares an enormous picture) would make every printout fail."""

from __future__ import annotations

import io
import warnings

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ..errors import Refused

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 25_000_000  # 5.000 × 5.000; the logo prints about 3 cm wide
MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


class LogoError(Refused, ValueError):
    """A logo that is refused; ``str()`` is the user's message."""


def check(data: bytes) -> None:
    """Refuse what is not a whole PNG or JPEG of at most ``MAX_PIXELS`` pixels: its size is
    read from the header before any pixel is decoded, then it is decoded whole and drawn as
    the printouts draw it."""
    if len(data) > MAX_BYTES or not data.startswith(MAGIC):
        raise LogoError("Logo harus berkas PNG atau JPEG, paling besar 2 MB")
    too_large = (f"Logo terlalu besar: lebih dari {MAX_PIXELS // 1_000_000} juta piksel "
                 "(paling besar mis. 5.000 × 5.000 piksel); perkecil gambarnya")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:  # reads the header only
                width, height = im.size
                if im.format not in ("PNG", "JPEG"):
                    raise LogoError("Logo harus berkas PNG atau JPEG")
                if width * height > MAX_PIXELS:
                    raise LogoError(f"{too_large} ({width} × {height})")
                im.load()  # every pixel: a truncated or damaged image fails here
        c = Canvas(io.BytesIO())
        c.drawImage(ImageReader(io.BytesIO(data)), 0, 0, 30, 30, preserveAspectRatio=True,
                    mask="auto")
        c.save()
    except LogoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise LogoError(too_large) from exc
    except Exception as exc:  # noqa: BLE001 — any decoder failure: the image is not whole
        raise LogoError("Logo rusak atau terpotong: gambarnya tidak dapat dibaca utuh; simpan "
                        "ulang sebagai PNG atau JPEG lalu coba lagi") from exc
