"""How figures look in the window (Indonesian), on top of the core's formatting."""

from __future__ import annotations

from iku_desktop.domain.capaian import Band
from iku_desktop.domain.formatting import format_number

BAND_COLOURS = {
    Band.SANGAT_TINGGI: "#1b7f3b",
    Band.TINGGI: "#5a9e2f",
    Band.SEDANG: "#c99a06",
    Band.RENDAH: "#d9661f",
    Band.SANGAT_RENDAH: "#c0392b",
}


def count_words(numerator, denominator, noun: str) -> str:
    """"123 dari 456 koperasi"."""
    if numerator is None or denominator is None:
        return ""
    return f"{format_number(numerator, 0)} dari {format_number(denominator, 0)} {noun}".strip()
