"""The letterhead logo is checked whole when it is set: a truncated PNG and a decompression
bomb (a small file declaring an enormous picture) were accepted and then every printout
failed. A bad logo kept before the check makes printing refuse with a message."""

import io
import random
import struct
import zlib
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from iku_desktop.services import printing, setting_edit
from iku_desktop.store import settings
from tests.conftest import table_dump

LOGO = Path(__file__).resolve().parents[1] / "data" / "logo.png"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(side: int) -> bytes:
    """A black 1-bit PNG of side × side pixels: tens of kilobytes, hundreds of megapixels."""
    row = b"\0" * (1 + (side + 7) // 8)
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0,
                                                                 0, 0))
            + _chunk(b"IDAT", data) + _chunk(b"IEND", b""))


def photo(fmt: str, size=(300, 200)) -> bytes:
    rng = random.Random(3)
    im = Image.frombytes("RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1]
                                                                             * 3)))
    buf = io.BytesIO()
    im.save(buf, fmt)
    return buf.getvalue()


BAD = {
    "truncated PNG": (lambda: photo("PNG")[:-3000], "rusak atau terpotong"),
    "truncated JPEG": (lambda: photo("JPEG")[:-2000], "rusak atau terpotong"),
    "PNG with a damaged pixel stream": (
        lambda: (lambda d: d[:200] + bytes(b ^ 0x5A for b in d[200:400]) + d[400:])(
            photo("PNG")), "rusak atau terpotong"),
    "decompression bomb, 20.000 x 20.000": (lambda: bomb_png(20_000), "terlalu besar"),
    "just over the bound, 5.001 x 5.001": (lambda: bomb_png(5_001), "5001 × 5001"),
    "not an image": (lambda: b"%PDF-1.7\n" + b"x" * 100, "PNG atau JPEG"),
}


@pytest.mark.parametrize("make", BAD.values(), ids=BAD.keys())
def test_a_logo_that_cannot_be_drawn_is_refused_when_set(db, tmp_path, make):
    make, words = make
    data = make()
    assert len(data) < 2 * 1024 * 1024
    path = tmp_path / "logo.png"
    path.write_bytes(data)
    before = table_dump(db)
    with pytest.raises(ValueError, match=words):
        setting_edit.set_from_text("kop_surat_logo", [], path)
    assert table_dump(db) == before
    printing.make("dokumen", archive=False)  # printing still works


def test_a_whole_logo_is_kept_and_printed(db, tmp_path):
    for fmt in ("PNG", "JPEG"):
        path = tmp_path / f"logo.{fmt.lower()}"
        path.write_bytes(photo(fmt))
        setting_edit.set_from_text("kop_surat_logo", [], path)
        pdf = printing.make("dokumen", archive=False).pdf
        assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].images) == 1
    setting_edit.set_from_text("kop_surat_logo", [])  # no file: removed
    assert settings.get("kop_surat_logo") == ""


def test_a_too_large_logo_file_is_not_read_whole(db, tmp_path):
    path = tmp_path / "besar.png"
    path.write_bytes(LOGO.read_bytes() + b"\0" * (3 * 1024 * 1024))
    with pytest.raises(ValueError, match="terlalu besar"):
        setting_edit.set_from_text("kop_surat_logo", [], path)


def test_a_bad_logo_kept_before_the_check_makes_printing_refuse(db):
    import base64

    settings.set_value("kop_surat_logo", base64.b64encode(photo("PNG")[:-3000]).decode())
    with pytest.raises(printing.PrintError, match="Logo kop surat yang tersimpan"):
        printing.make("dokumen", archive=False)
    settings.set_value("kop_surat_logo", "bukan base64!")
    with pytest.raises(printing.PrintError, match="Logo kop surat yang tersimpan"):
        printing.make("dokumen", archive=False)
