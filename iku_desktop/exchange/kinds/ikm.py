"""Import kind ``ikm``: Survei Kepuasan Masyarakat responses (PermenPANRB 14/2017).

Answers are keyed by unsur, never by column position: a header starting with the code
("U8 Penanganan Pengaduan") maps to that unsur. An answer is 1–4 or the label of that
unsur's answer ("Sangat sesuai", "Gratis"…). Responses have no natural key: a file already
imported is recognised by its content hash and skipped.
"""

from __future__ import annotations

from ...domain import ikm as rule
from ...store import models as m
from ...store.fields import new_uuid, utc_now
from ..cells import (
    CellError, choice_keys, parse_choice, parse_code, parse_date, parse_int, text,
)
from ..schema import Column, KindSpec, ParsedRow
from .base import Counts, ImportContext, upsert, valid_rows


def answer_parser(kode: str):
    """Parse an answer of unsur ``kode``: 1–4 or one of its labels (keyed by unsur)."""
    return _answer(kode)


def _answer(kode: str):
    def parse(value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if value in (1, 2, 3, 4):  # also 3.0; never int() of inf or nan
                return int(value)
            raise CellError("Jawaban harus 1–4")
        t = text(value)
        if t.isdigit():
            if t in ("1", "2", "3", "4"):
                return int(t)
            raise CellError("Jawaban harus 1–4")
        score = rule.score_label(kode, t)
        if score is None:
            labels = " / ".join(next(u for u in rule.UNSUR if u.kode == kode).labels)
            raise CellError(f"Jawaban {kode} tidak dikenal; isi 1–4 atau: {labels}")
        return score

    return parse


JENIS_KELAMIN = choice_keys({"L": "L", "P": "P", "laki-laki": "L", "laki laki": "L", "pria": "L",
                             "perempuan": "P", "wanita": "P"})
PENDIDIKAN = choice_keys({
    "SD": "SD", "SMP": "SMP", "SLTP": "SMP", "SMA": "SMA", "SLTA": "SMA", "SMK": "SMA",
    "D1–D3": "D1–D3", "D1-D3": "D1–D3", "D1": "D1–D3", "D2": "D1–D3", "D3": "D1–D3",
    "D4/S1": "D4/S1", "D4": "D4/S1", "S1": "D4/S1", "S2": "S2", "S3": "S3",
})
PEKERJAAN = choice_keys({p: p for p in rule.PEKERJAAN} | {"ASN": "PNS", "Polri": "POLRI"})

SPEC = KindSpec(
    name="ikm",
    label="Respon Survei Kepuasan Masyarakat",
    tables=("ikm_survei", "ikm_respon"),
    columns=(
        Column("survei", "Survei", False, text, help="Nama survei; bawaan 'SKM <tahun>'"),
        Column("tanggal", "Tanggal", True, parse_date, aliases=("Tanggal Survei", "Timestamp"),
               fmt="date", example="05/05/2022"),
        Column("jenis_layanan", "Jenis Layanan", True, text, aliases=("Layanan",)),
        Column("jenis_kelamin", "Jenis Kelamin", False,
               lambda v: parse_choice(v, JENIS_KELAMIN, "Jenis kelamin"), choices=("L", "P")),
        Column("umur", "Umur", False, lambda v: parse_int(v, 10, 120), fmt="int"),
        Column("pendidikan", "Pendidikan", False,
               lambda v: parse_choice(v, PENDIDIKAN, "Pendidikan"), choices=rule.PENDIDIKAN),
        Column("pekerjaan", "Pekerjaan", False,
               lambda v: parse_choice(v, PEKERJAAN, "Pekerjaan"), choices=rule.PEKERJAAN),
        *(Column(u.kode.lower(), u.kode, False, _answer(u.kode), prefix=True, fmt="int",
                 help=f"{u.nama}: 1–4 ({' / '.join(u.labels)})", choices=("1", "2", "3", "4"),
                 example="4") for u in rule.UNSUR),
        Column("uuid", "ID Respon", False, parse_code("ID respon"),
               help="Diisi oleh ekspor IKU Desktop; kosongkan untuk responden baru"),
    ),
)


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
