"""Import kind ``sakip``: evaluations of SAKIP (one per year), checked against
PermenPANRB 88/2021 or 12/2015. Its columns and record rules are the register's spec
(``registers.sakip``)."""

from __future__ import annotations

from ...domain import sakip as rule
from ...registers import sakip as register
from ...registers.sakip import KOMPONEN_KEYS
from ...store import models as m
from ..schema import ParsedRow, kind_spec
from .base import Counts, ImportContext, optional_values, upsert, valid_rows

REGISTER = register.SPEC
SPEC = kind_spec(REGISTER)


def check(rows: list[ParsedRow], ctx: ImportContext) -> list[ParsedRow]:
    seen: dict[int, int] = {}
    for r in valid_rows(rows):
        if r["tahun"] in seen:
            ctx.error(r, "tahun", "duplicate_key", f"Tahun sama dengan baris {seen[r['tahun']]}")
        seen.setdefault(r["tahun"], r.row)
        issues = REGISTER.problems(r)
        # an imported evaluation is complete: its score computable, its predikat the score's
        issues = issues or register.evaluation_problems(r)
        for issue in issues:
            ctx.issue(r, issue)
    return valid_rows(rows)


def apply(rows: list[ParsedRow], ctx: ImportContext) -> dict[str, Counts]:
    counts = Counts()
    existing = {s.tahun: s for s in m.Sakip.select()}
    for r in rows:
        skema = r.get("skema", rule.Skema.PERMENPANRB_88_2021)
        values = {"tahun": r["tahun"], "skema": skema.value,
                  **{k: r.get(k) for k in KOMPONEN_KEYS},
                  "nilai_lhe": r.get("nilai_lhe"),
                  **optional_values(r, ("nomor_lhe", "tanggal_lhe"), {"nomor_lhe": ""})}
        existing[r["tahun"]] = upsert(m.Sakip, existing.get(r["tahun"]), values, ctx.origin, counts)
    return {"sakip": counts}
