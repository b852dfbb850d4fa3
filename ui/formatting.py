"""How figures look in the window (Indonesian), on top of the core's formatting; the
"dikunci" mark of a locked year."""

from __future__ import annotations

from iku_desktop.domain.capaian import Band
from iku_desktop.domain.formatting import format_number, format_time

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


LOCK_STYLE = ("background: #fdecea; color: #8e2a1e; border: 1px solid #e6b0aa; "
              "border-radius: 4px; padding: 4px 8px; font-weight: bold;")


def lock_label():
    """The "dikunci" mark of a locked year (hidden while the year is open)."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(LOCK_STYLE)
    label.hide()
    return label


def show_lock(label, lock) -> None:
    """Show on ``label`` that the figures are those of the year's locked Laporan Capaian
    (``lock``: ``locking.YearLock``), or hide it (None)."""
    label.setVisible(lock is not None)
    if lock is not None:
        label.setText(f"DIKUNCI — tahun {lock.tahun} dikunci {format_time(lock.dikunci_at)} "
                      f"(kode {lock.kode}): angka yang tampil adalah angka Laporan Capaian "
                      "saat dikunci, bukan hasil hitung data sekarang.")
