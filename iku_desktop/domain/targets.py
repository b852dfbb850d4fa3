"""The rule a target obeys (rule book §1–§5): a number the indikator's realisasi can
reach — never negative, and never above the top of the scale that realisasi is on: IKU 1
and 2 are percentages of a whole (0–100), the SAKIP score is 0–100, the IKM value 25–100.
An indikator whose realisasi is typed in has no known scale: only the sign is checked.
Every door that sets a target (the editing service behind the Target tab and ``iku target
set``, the ``target`` import) asks ``target_problem``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .formatting import format_number


@dataclass(frozen=True)
class Scale:
    """The scale an indikator's realisasi is on: its ``top``, and how a user reads it."""

    top: Decimal
    label: str


PERCENT = Scale(Decimal(100), "persentase, 0–100")
SAKIP = Scale(Decimal(100), "nilai evaluasi SAKIP, 0–100")
IKM = Scale(Decimal(100), "nilai IKM, 25–100")


def target_problem(value: Decimal, scale: Scale | None = None,
                   nomor: int | None = None) -> str | None:
    """Why ``value`` cannot be the target of indikator ``nomor`` whose realisasi is on
    ``scale`` (None: it can)."""
    if value < 0:
        return "tidak boleh negatif"
    if scale is not None and value > scale.top:
        return (f"tidak boleh lebih dari {format_number(scale.top, 0)} untuk IKU {nomor} "
                f"({scale.label})")
    return None
