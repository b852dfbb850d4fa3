"""The import kind of a register declared only by its spec (``registers.register``):
columns and record rules from the spec, rows upserted by the spec's natural key."""

from __future__ import annotations

from ...registers.spec import RegisterSpec
from ...store.register_tables import model_for
from ..schema import ParsedRow, kind_spec
from .base import (
    Counts, ImportContext, NewRows, defaults, kabupaten_ids, optional_fields, optional_values,
    upsert, valid_rows,
)


class SpecKind:
    """``SPEC``, ``check`` and ``apply`` of a register, as an import kind module has them."""

    def __init__(self, register: RegisterSpec) -> None:
        self.REGISTER = register
        self.SPEC = kind_spec(register)

    def check(self, rows: list[ParsedRow], ctx: ImportContext) -> list[ParsedRow]:
        key = self.REGISTER.key
        seen: dict[tuple, int] = {}
        for r in rows:
            if key and not r.invalid:
                k = tuple(r.get(name) for name in key)
                if k in seen:
                    ctx.error(r, key[0], "duplicate_key",
                              f"{self.REGISTER.field(key[0]).label} sama dengan baris {seen[k]}")
                seen.setdefault(k, r.row)
            for issue in self.REGISTER.problems(r):
                ctx.issue(r, issue)
        return valid_rows(rows)

    def apply(self, rows: list[ParsedRow], ctx: ImportContext) -> dict[str, Counts]:
        spec = self.REGISTER
        model = model_for(spec)
        counts = Counts()
        new_rows = NewRows(model, ctx.origin)
        kab = kabupaten_ids() if any(f.kind == "kabupaten" for f in spec.fields) else {}
        key_columns = [spec.field(k).column for k in spec.key]
        existing = {tuple(getattr(row, c) for c in key_columns): row
                    for row in model.select()} if key_columns else {}
        optional = set(optional_fields(spec))
        present = optional_values  # a blank clears; an absent column leaves the value alone
        for r in rows:
            values = {}
            picked = present(r, tuple(optional), defaults(spec))
            for f in spec.columns:
                if not f.column:
                    continue
                if f.name in optional:
                    if f.name not in picked:
                        continue
                    value = picked[f.name]
                else:
                    value = r.get(f.name, f.default)
                value = None if value is None else f.stored(value)
                if f.kind == "kabupaten" and value is not None:
                    value = kab[value.bps]
                values[f.column] = value
            cur = existing.get(tuple(values.get(c) for c in key_columns)) if key_columns else None
            upsert(model, cur, values, ctx.origin, counts, new_rows)
        new_rows.write()
        return {spec.table: counts}
