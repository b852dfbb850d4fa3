"""The target and the manual realisasi of an indikator for a year (rule book §1): a
number typed in, per indikator and year."""

from __future__ import annotations

from ..exchange.cells import parse_int, parse_score, text
from .spec import Field, RegisterSpec


def _year_value(table: str, label: str, *more: Field) -> RegisterSpec:
    return RegisterSpec(
        table=table,
        label=label,
        year="tahun",
        fields=(
            Field("tahun", "Tahun", lambda v: parse_int(v, 2000, 2100), True, kind="int",
                  editable=False),
            Field("nilai", label, parse_score, kind="score"),
            *more,
        ),
    )


TARGET = _year_value("target", "Target")
REALISASI = _year_value("realisasi_manual", "Realisasi",
                        Field("catatan", "Catatan", text, header=None, editable=False))
