"""Embedded TTF fonts shipped in ``resources/fonts`` (Liberation, SIL OFL 1.1, metric-compatible
with Arial and Times New Roman). The PC's fonts are never used, so a printout looks the same
on every machine."""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .. import resources

FAMILIES = {"sans": "LiberationSans", "serif": "LiberationSerif"}
_registered: set[str] = set()


def register(family: str = "sans") -> str:
    """Register a family (regular, bold, italic, bold italic); returns its base name."""
    base = FAMILIES[family]
    if base in _registered:
        return base
    styles = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}
    for suffix, style in styles.items():
        path = resources.path(f"fonts/{base}-{style}.ttf")
        pdfmetrics.registerFont(TTFont(base + suffix, str(path)))
    addMapping(base, 0, 0, base)
    addMapping(base, 1, 0, base + "-Bold")
    addMapping(base, 0, 1, base + "-Italic")
    addMapping(base, 1, 1, base + "-BoldItalic")
    _registered.add(base)
    return base
