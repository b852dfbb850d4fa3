"""Laying out the letterhead (kop surat): its lines centred in the space beside the logo,
each wrapped to that space (a word wider than it is broken), the first line in bold."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..errors import Refused

LINE_STEP = 5.5 * mm
MAX_LOGO_SIDE = 30 * mm
LOGO_GAP = 3 * mm
MAX_LINES = 12  # after wrapping: about a third of the page


class KopError(Refused, ValueError):
    """A letterhead that does not fit; ``str()`` is the user's message."""


@dataclass(frozen=True)
class KopLayout:
    """Attributes:
    lines: (text, font, size) of every line as drawn, top to bottom.
    logo_side: the logo's square (0: no logo).
    height: of the whole letterhead, the double rule included.
    """

    lines: tuple[tuple[str, str, float], ...]
    logo_side: float
    height: float


def layout_kop(lines: tuple[str, ...], has_logo: bool, font: str, width: float) -> KopLayout:
    """The letterhead of ``lines`` in a frame ``width`` wide. The logo's side follows the
    number of lines (as a letterhead of short lines always had it), up to 3 cm; the lines
    are centred on the page, so they keep clear of the logo on both sides."""
    side = min((2 + 5.5 * max(1, len(lines))) * mm, MAX_LOGO_SIDE) if has_logo else 0
    room = width - 2 * (side + LOGO_GAP) if has_logo else width
    drawn = []
    for i, line in enumerate(lines):
        face, size = (font + "-Bold", 13) if i == 0 else (font, 9.5)
        drawn += [(piece, face, size) for piece in wrap(line, face, size, room)]
    if len(drawn) > MAX_LINES:
        raise KopError(f"Kop surat terlalu panjang: {len(drawn)} baris setelah dilipat "
                       f"(paling banyak {MAX_LINES}); persingkat baris kop surat")
    height = max(8 * mm + LINE_STEP * max(1, len(drawn)), side + 6 * mm)
    return KopLayout(tuple(drawn), side, height)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``: broken between words, and inside a word
    only where the word alone is wider. A line that fits is kept as it is."""
    if stringWidth(text, font, size) <= width:
        return [text]
    out, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        current = ""
        while stringWidth(word, font, size) > width:
            cut = _fitting(word, font, size, width)
            out.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        out.append(current)
    return out


def _fitting(word: str, font: str, size: float, width: float) -> int:
    """The longest prefix of ``word`` no wider than ``width`` (at least one character)."""
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(word[:mid], font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo
