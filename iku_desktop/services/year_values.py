"""What the per-year panel of an indikator shows: the years of the document's period, the
target and manual realisasi of each, and the years whose realisasi is locked."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..store import document_repo
from ..store import models as m


@dataclass(frozen=True)
class YearValues:
    years: tuple[int, ...]
    target: dict[int, Decimal]
    realisasi_manual: dict[int, Decimal]
    locked: frozenset[int]


def year_values(indikator_id: int) -> YearValues:
    doc = document_repo.load_active()
    ind = next(i for i in doc.semua_indikator if i.id == indikator_id)
    locked = frozenset(k.tahun for k in m.KunciTahun.select(m.KunciTahun.tahun))
    return YearValues(tuple(doc.tahun), dict(ind.targets), dict(ind.realisasi_manual), locked)
