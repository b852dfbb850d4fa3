"""The SAKIP evaluations as the window lists them: one prepared row per year, with the
total and predikat of ``domain.sakip.evaluasi`` (or why there is none)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..domain import sakip as rule
from ..store import models as m

#: the recorded fields of an evaluation, in the window's column order
FIELDS = ("perencanaan", "pengukuran", "pelaporan", "evaluasi_internal", "capaian_kinerja",
          "nilai_lhe", "nomor_lhe", "tanggal_lhe")


@dataclass(frozen=True)
class SakipRow:
    """Attributes:
    id, tahun, skema: the evaluation.
    values: field (FIELDS) → the recorded value (Decimal, str, date) or None.
    evaluasi: its total and predikat, or why not (domain.sakip.Evaluasi).
    """

    id: int
    tahun: int
    skema: str
    values: dict[str, Decimal | str | date | None]
    evaluasi: rule.Evaluasi


def sakip_rows() -> list[SakipRow]:
    """Every live evaluation, by year."""
    return [SakipRow(r.id, r.tahun, r.skema, {f: getattr(r, f) for f in FIELDS},
                     rule.evaluasi(r))
            for r in m.Sakip.live().order_by(m.Sakip.tahun)]
