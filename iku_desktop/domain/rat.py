"""When the RAT of a tahun buku may be held (rule book §2).

Basis: Permenkop UKM 19/2015 (Penyelenggaraan Rapat Anggota Koperasi), pasal 4–20 — the
Rapat Anggota Tahunan accounts for a closed tahun buku, so it is held after the books close
on 31 December; one held more than six months after that is late (a warning, it still
counts when sah). A date on or before 31 December is the RAT of the previous tahun buku
typed into the wrong row: an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .formatting import format_date


@dataclass(frozen=True)
class RatDateProblem:
    """Attributes:
    error: True when the date cannot belong to this tahun buku (refused), False for a
        late RAT (a warning: it still counts when sah).
    message: the Indonesian message for the field.
    """

    error: bool
    message: str


def rat_date_problem(tahun: int, tanggal: date) -> RatDateProblem | None:
    """None when ``tanggal`` is a proper RAT date for tahun buku ``tahun``."""
    closed = date(tahun, 12, 31)
    if tanggal <= closed:
        return RatDateProblem(True, (
            f"Tanggal RAT ({format_date(tanggal)}) harus setelah tahun buku {tahun} ditutup "
            f"(31 Desember {tahun}); RAT tahun buku sebelumnya dicatat pada baris tahun buku "
            "itu"))
    deadline = date(tahun + 1, 6, 30)
    if tanggal > deadline:
        return RatDateProblem(False, (
            f"RAT terlambat: {format_date(tanggal)} lebih dari enam bulan setelah tahun buku "
            f"{tahun} ditutup (batas 30 Juni {tahun + 1}); tetap dihitung bila sah"))
    return None
