"""Import kind ``ikm``: Survei Kepuasan Masyarakat responses (PermenPANRB 14/2017).

Answers are keyed by unsur, never by column position: a header starting with the code
("U8 Penanganan Pengaduan") maps to that unsur. An answer is 1–4 or the label of that
unsur's answer ("Sangat sesuai", "Gratis"…). Responses have no natural key: a file already
imported is recognised by its content hash and skipped. Its columns are the register's
spec (``registers.ikm``).
"""

from __future__ import annotations

from ...domain import ikm as rule
from ...registers import ikm as register
from ...store import models as m
from ...store.fields import new_uuid, utc_now
from ..schema import ParsedRow, kind_spec
from .base import Counts, ImportContext, upsert, valid_rows

REGISTER = register.RESPON
SPEC = kind_spec(REGISTER, tables=("ikm_survei", "ikm_respon"))


def survey_name(r: ParsedRow) -> str:
    return r.get("survei") or f"SKM {r['tanggal'].year}"


def check(rows: list[ParsedRow], ctx: ImportContext) -> list[ParsedRow]:
    ok = valid_rows(rows)
    existing = {s.nama: s.tahun for s in m.IkmSurvei.live()}
    first_year: dict[str, tuple[int, int]] = {}
    for r in ok:
        name, year = survey_name(r), r["tanggal"].year
        expected = existing.get(name)
        if expected is None:
            expected, _ = first_year.setdefault(name, (year, r.row))
        if year != expected:
            ctx.error(r, "tanggal", "survey_year",
                      f"Survei '{name}' adalah survei tahun {expected}; tanggal ini tahun {year}")
        if not any(r.get(u.kode.lower()) for u in rule.UNSUR):
            ctx.error(r, None, "empty_response", "Tidak ada jawaban U1–U9 pada baris ini")
    with_ids = any(r.get("uuid") for r in ok)
    if with_ids:
        seen: dict[str, int] = {}
        for r in ok:
            key = r.get("uuid")
            if key and key in seen:
                ctx.error(r, "uuid", "duplicate_key", f"ID respon sama dengan baris {seen[key]}")
            if key:
                seen.setdefault(key, r.row)
    elif ctx.sha256 and m.ImportBatch.select().where(
            (m.ImportBatch.sha256 == ctx.sha256) & (m.ImportBatch.kind == SPEC.name)).exists():
        ctx.report.warning("already_imported",
                           "Berkas ini sudah pernah diimpor; respon tidak ditambahkan lagi",
                           sheet=ctx.sheet)
        return []
    return valid_rows(rows)


def apply(rows: list[ParsedRow], ctx: ImportContext) -> dict[str, Counts]:
    surveys, responses = Counts(), Counts()
    if not rows:
        return {"ikm_survei": surveys, "ikm_respon": responses}
    by_name = {s.nama: s for s in m.IkmSurvei.select()}
    by_uuid = {}
    if any(r.get("uuid") for r in rows):
        by_uuid = {x.uuid: x for x in m.IkmRespon.select().where(
            m.IkmRespon.uuid.in_([r["uuid"] for r in rows if r.get("uuid")]))}
    batch_rows = []
    for r in rows:
        name = survey_name(r)
        survei = by_name.get(name)
        if survei is None:
            survei = m.IkmSurvei.create(nama=name, tahun=r["tanggal"].year,
                                        jenis_layanan=r["jenis_layanan"], origin=ctx.origin)
            by_name[name] = survei
            surveys.added += 1
        values = dict(
            survei_id=survei.id, tanggal=r["tanggal"], jenis_layanan=r["jenis_layanan"],
            jenis_kelamin=r.get("jenis_kelamin"), umur=r.get("umur"),
            pendidikan=r.get("pendidikan"), pekerjaan=r.get("pekerjaan"),
            **{u.kode.lower(): r.get(u.kode.lower()) for u in rule.UNSUR},
        )
        existing = by_uuid.get(r.get("uuid"))
        if existing is not None:  # a response exported by IKU Desktop, coming back
            upsert(m.IkmRespon, existing, values, ctx.origin, responses)
            continue
        batch_rows.append({**values, "origin": ctx.origin,
                           **({"uuid": r["uuid"]} if r.get("uuid") else {})})
    if not batch_rows:
        return {"ikm_survei": surveys, "ikm_respon": responses}
    # the file is remembered (by its hash) only when it added responses
    batch = m.ImportBatch.create(kind=SPEC.name, file_name=ctx.file_name, sha256=ctx.sha256,
                                 added=len(batch_rows))
    for d in batch_rows:
        d["import_batch"] = batch.id
    for start in range(0, len(batch_rows), 500):
        chunk = batch_rows[start:start + 500]
        m.IkmRespon.insert_many([_with_sync(d) for d in chunk]).execute()
    responses.added = len(batch_rows)
    return {"ikm_survei": surveys, "ikm_respon": responses}


def _with_sync(d: dict) -> dict:
    return {"uuid": new_uuid(), **d, "updated_at": utc_now(), "deleted": False}
