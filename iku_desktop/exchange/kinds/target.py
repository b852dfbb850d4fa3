"""Import kind ``target``: the target of each indikator for each year of the document's
period (``registers.year_values.TARGET``). The indikator is named by its number in the
document in force; a year outside its period, or of a locked year whose target would
change, a negative target or one above the top of its indikator's scale
(``domain.targets``), is refused naming the row. A blank target removes the year's
target, said in the report (a warning naming the row) when there was one; a cell that only
looks blank (a formula never computed, inf or nan, an Excel error) is refused
(``schema.parse_rows``). A file without the Target column leaves the targets alone, as a
column absent from any import leaves its stored values alone."""

from __future__ import annotations

from ...domain.formatting import format_decimal, format_time
from ...registers import year_values as register
from ...store import document_repo
from ...store import models as m
from ...store.fields import utc_now
from ..schema import ParsedRow, kind_spec
from .base import Counts, ImportContext, upsert, valid_rows

REGISTER = register.TARGET
SPEC = kind_spec(REGISTER)


def _stored() -> dict[tuple[int, int], m.Target]:
    return {(t.indikator_id, t.tahun): t for t in m.Target.select()}


def check(rows: list[ParsedRow], ctx: ImportContext) -> list[ParsedRow]:
    doc = document_repo.load_active()
    if doc is None:
        if rows:
            ctx.report.error("no_document", "Tidak ada dokumen IKU aktif; target tidak dapat "
                             "diimpor", sheet=ctx.sheet)
        return []
    locked = {k.tahun: format_time(k.dikunci_at) for k in m.KunciTahun.select()}
    stored = _stored()
    seen: dict[tuple[int, int], int] = {}
    for r in valid_rows(rows):
        ind = register.find_indikator(doc, r["indikator"])
        if ind is None:
            numbers = ", ".join(str(i.nomor) for i in doc.semua_indikator)
            ctx.error(r, "indikator", "unknown_reference",
                      f"Indikator {r['indikator']} tidak ada di dokumen IKU (nomor: {numbers})")
            continue
        tahun = r["tahun"]
        if tahun not in doc.tahun:
            ctx.error(r, "tahun", "out_of_period", f"Tahun {tahun} di luar periode dokumen "
                      f"({doc.tahun_awal}–{doc.tahun_akhir})")
            continue
        problem = ctx.check_target and r.get("nilai") is not None and \
            ctx.check_target(r["nilai"], ind.metode, ind.nomor)
        if problem:
            ctx.error(r, "nilai", "out_of_range", problem)
        key = (ind.id, tahun)
        if key in seen:
            ctx.error(r, "indikator", "duplicate_key",
                      f"Indikator {ind.nomor} tahun {tahun} sama dengan baris {seen[key]}")
        seen.setdefault(key, r.row)
        if "nilai" not in r.index:
            continue  # no Target column: the stored targets stay as they are
        row = stored.get(key)
        old = None if row is None or row.deleted else row.nilai
        if tahun in locked and old != r.get("nilai"):
            ctx.error(r, "nilai", "locked_year",
                      f"Realisasi tahun {tahun} sudah dikunci ({locked[tahun]}); target "
                      f"indikator {ind.nomor} tahun itu tidak dapat diubah")
        elif old is not None and r.get("nilai") is None:
            ctx.warning(r, "nilai", "target_removed",
                        f"Target IKU {ind.nomor} tahun {tahun} kosong: target tersimpan "
                        f"{format_decimal(old)} dihapus")
    return valid_rows(rows)


def apply(rows: list[ParsedRow], ctx: ImportContext) -> dict[str, Counts]:
    doc = document_repo.load_active()
    counts = Counts()
    stored = _stored()
    for r in rows:
        ind = register.find_indikator(doc, r["indikator"])
        key = (ind.id, r["tahun"])
        row, nilai = stored.get(key), r.get("nilai")
        if "nilai" not in r.index:  # no Target column
            counts.unchanged += 1
            continue
        if nilai is None:  # a blank target removes the year's target
            if row is not None and not row.deleted:
                m.Target.update(deleted=True, updated_at=utc_now()).where(
                    m.Target.id == row.id).execute()
                row.deleted = True
                counts.updated += 1
            else:
                counts.unchanged += 1
            continue
        values = {"indikator_id": ind.id, "tahun": r["tahun"], "nilai": nilai}
        stored[key] = upsert(m.Target, row, values, ctx.origin, counts)
    return {"target": counts}
