"""Editing records one field at a time, with undo.

An edit is first *prepared*: the typed text is parsed and validated with the same cell
parsers as the importer, and the result is a ``Change`` (table, row, old and new values) or
an ``EditError`` with the Indonesian message for the field. Nothing invalid reaches the
database. ``apply`` and ``revert`` write a change in a transaction and return what it
touched (``OpChanges``: the table and the reporting years), so the window recomputes only
the indikator that depend on them.
Deleting is a tombstone (``deleted = 1``), never a hard delete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from ..domain import sakip as sakip_rule
from ..domain.record_rules import koperasi_problems, usaha_problems
from ..domain.rat import rat_date_problem
from ..exchange.cells import (
    CellError, is_blank, parse_bool, parse_choice, parse_code, parse_date, parse_int,
    parse_kabupaten, parse_nib, parse_nik, parse_rupiah, parse_score, text,
)
from ..domain import ikm as ikm_rule
from ..exchange.kinds import ikm as ikm_kind
from ..exchange.kinds.koperasi import JENIS, STATUS, parse_nik_koperasi, parse_nomor_badan_hukum
from . import ownership
from .changes import OpChanges
from .editing_errors import EditError
from ..store import audit, document_repo
from ..store import models as m
from ..store.fields import utc_now


@dataclass(frozen=True)
class Change:
    """Attributes:
    table: the table written.
    row_id: the row (for an insert: the id it got, set by ``apply``).
    before, after: field → value (before is empty for an insert).
    label: what the user did, for the undo menu ("Ubah aset 2022").
    """

    table: str
    row_id: int | None
    before: dict[str, Any]
    after: dict[str, Any]
    label: str
    insert_values: dict[str, Any] = field(default_factory=dict)

    def write(self) -> tuple["Change", OpChanges]:
        """Apply (the undo stack calls this, and ``undo`` for the reverse)."""
        return apply(self)

    def undo(self) -> OpChanges:
        return revert(self)


@dataclass(frozen=True)
class FieldSpec:
    label: str
    parse: Callable[[Any], Any]
    required: bool = False


def _kabupaten_id(value) -> int:
    k = parse_kabupaten(value)
    return m.Kabupaten.get(m.Kabupaten.bps == k.bps).id


def _not_future_year(value) -> int:
    return parse_int(value, 1900, date.today().year)


MODELS = {"koperasi": m.Koperasi, "koperasi_tahun_buku": m.KoperasiTahunBuku,
          "sakip": m.Sakip, "usaha_kecil": m.UsahaKecil, "ikm_survei": m.IkmSurvei,
          "ikm_respon": m.IkmRespon}

FIELDS: dict[str, dict[str, FieldSpec]] = {
    "koperasi": {
        "nama": FieldSpec("Nama koperasi", text, True),
        "tanggal_badan_hukum": FieldSpec("Tanggal badan hukum", parse_date, True),
        "kabupaten_id": FieldSpec("Kabupaten/kota", _kabupaten_id, True),
        "jenis": FieldSpec("Jenis koperasi",
                           lambda v: parse_choice(v, JENIS, "Jenis koperasi").value, True),
        "status": FieldSpec("Status", lambda v: parse_choice(v, STATUS, "Status").value, True),
        "tanggal_bubar": FieldSpec("Tanggal bubar", parse_date),
        "nik_koperasi": FieldSpec("NIK koperasi", parse_nik_koperasi),
        "alamat": FieldSpec("Alamat", text),
    },
    "koperasi_tahun_buku": {
        "tanggal_rat": FieldSpec("Tanggal RAT", parse_date),
        "rat_sah": FieldSpec("RAT sah", parse_bool, True),
        "anggota_l": FieldSpec("Anggota laki-laki", lambda v: parse_int(v, 0)),
        "anggota_p": FieldSpec("Anggota perempuan", lambda v: parse_int(v, 0)),
        "volume_usaha": FieldSpec("Volume usaha", parse_rupiah, True),
        "aset": FieldSpec("Aset", parse_rupiah, True),
        "modal_sendiri": FieldSpec("Modal sendiri", lambda v: parse_rupiah(v, True)),
        "modal_luar": FieldSpec("Modal luar", parse_rupiah),
        "shu": FieldSpec("SHU", lambda v: parse_rupiah(v, True)),
    },
    "sakip": {
        "perencanaan": FieldSpec("Perencanaan Kinerja", parse_score),
        "pengukuran": FieldSpec("Pengukuran Kinerja", parse_score),
        "pelaporan": FieldSpec("Pelaporan Kinerja", parse_score),
        "evaluasi_internal": FieldSpec("Evaluasi Akuntabilitas Kinerja Internal", parse_score),
        "capaian_kinerja": FieldSpec("Capaian Kinerja", parse_score),
        "nilai_lhe": FieldSpec("Nilai LHE", parse_score),
        "nomor_lhe": FieldSpec("Nomor LHE", text),
        "tanggal_lhe": FieldSpec("Tanggal LHE", parse_date),
    },
    "ikm_survei": {
        "nama": FieldSpec("Nama survei", text, True),
        "periode": FieldSpec("Periode", text),
        "jenis_layanan": FieldSpec("Jenis layanan", text),
        "populasi": FieldSpec("Populasi penerima layanan", lambda v: parse_int(v, 0)),
    },
    "ikm_respon": {
        "tanggal": FieldSpec("Tanggal", parse_date, True),
        "jenis_layanan": FieldSpec("Jenis layanan", text, True),
        "jenis_kelamin": FieldSpec("Jenis kelamin", lambda v: parse_choice(
            v, ikm_kind.JENIS_KELAMIN, "Jenis kelamin")),
        "umur": FieldSpec("Umur", lambda v: parse_int(v, 10, 120)),
        "pendidikan": FieldSpec("Pendidikan", lambda v: parse_choice(
            v, ikm_kind.PENDIDIKAN, "Pendidikan")),
        "pekerjaan": FieldSpec("Pekerjaan", lambda v: parse_choice(
            v, ikm_kind.PEKERJAAN, "Pekerjaan")),
        **{k.lower(): FieldSpec(k, ikm_kind.answer_parser(k)) for k in ikm_rule.KODE_UNSUR},
    },
    "usaha_kecil": {
        "nama_usaha": FieldSpec("Nama usaha", text, True),
        "nama_pemilik": FieldSpec("Nama pemilik", text, True),
        "nik_pemilik": FieldSpec("NIK pemilik", parse_nik),
        "kabupaten_id": FieldSpec("Kabupaten/kota", _kabupaten_id, True),
        "alamat": FieldSpec("Alamat", text),
        "sektor": FieldSpec("Sektor", text),
        "modal_usaha": FieldSpec("Modal usaha", parse_rupiah),
        "hasil_penjualan": FieldSpec("Hasil penjualan tahunan", parse_rupiah),
        "tanggal_terdata": FieldSpec("Tanggal terdata", parse_date, True),
        "tanggal_tutup": FieldSpec("Tanggal tutup", parse_date),
        "nib": FieldSpec("NIB", parse_nib),
        "tanggal_nib": FieldSpec("Tanggal NIB", parse_date),
        "nomor_iumk": FieldSpec("Nomor IUMK", parse_code("Nomor IUMK")),
        "tanggal_iumk": FieldSpec("Tanggal IUMK", parse_date),
    },
}


def parse_field(table: str, name: str, raw) -> Any:
    spec = FIELDS[table][name]
    if is_blank(raw):
        if spec.required:
            raise EditError(f"{spec.label} wajib diisi")
        return None
    try:
        return spec.parse(raw)
    except CellError as exc:
        raise EditError(f"{spec.label}: {exc}") from exc


# the fields of the cross-field rules of domain.record_rules, as the functions name them
_RECORD_FIELDS = {
    "koperasi": ("status", "tanggal_bubar", "tanggal_badan_hukum"),
    "usaha_kecil": ("tanggal_terdata", "tanggal_tutup", "nib", "tanggal_nib", "nomor_iumk",
                    "tanggal_iumk"),
}


def _check_row(table: str, row, name: str, value) -> None:
    """Rules that involve more than the one field (the importer's cross-field checks)."""
    if name in _RECORD_FIELDS.get(table, ()):
        after = {k: getattr(row, k) for k in _RECORD_FIELDS[table]} | {name: value}
        problems = (koperasi_problems if table == "koperasi" else usaha_problems)(**after)
        if problems:
            raise EditError(problems[0].message)
    elif table == "koperasi_tahun_buku" and name == "tanggal_rat" and value is not None:
        problem = rat_date_problem(row.tahun, value)
        if problem is not None and problem.error:
            raise EditError(problem.message)
    elif table == "sakip" and name in FIELDS["sakip"] and isinstance(value, Decimal):
        try:
            sakip_rule.check_component(sakip_rule.Skema(row.skema), name, value)
        except sakip_rule.SakipError as exc:
            raise EditError(str(exc)) from exc
    elif table == "ikm_respon" and name == "tanggal" and value.year != row.survei.tahun:
        raise EditError(f"Tanggal harus dalam tahun survei ({row.survei.tahun})")
    elif table == "ikm_survei" and name == "nama" and m.IkmSurvei.select().where(
            (m.IkmSurvei.nama == value) & (m.IkmSurvei.id != row.id)).exists():
        raise EditError(f"Survei bernama '{value}' sudah ada")
    if table == "usaha_kecil" and name == "nib" and value and m.UsahaKecil.select().where(
            (m.UsahaKecil.nib == value) & (m.UsahaKecil.id != row.id)).exists():
        raise EditError("NIB ini sudah dipakai usaha lain di register")


def prepare_edit(table: str, row_id: int, name: str, raw, label: str | None = None) -> Change | None:
    """Validate ``raw`` for field ``name`` of a row. None when the value does not change."""
    model = MODELS[table]
    row = model.get_by_id(row_id)
    value = parse_field(table, name, raw)
    _check_row(table, row, name, value)
    old = getattr(row, name)
    if old == value:
        return None
    return Change(table, row_id, {name: old}, {name: value},
                  label or f"Ubah {FIELDS[table][name].label.lower()}")


def prepare_tahun_buku(koperasi_id: int, tahun_text, volume_text, aset_text) -> Change:
    """A new tahun buku row for a koperasi (or the revival of a deleted one)."""
    tahun = parse_field_value(_not_future_year, tahun_text, "Tahun buku")
    volume = parse_field("koperasi_tahun_buku", "volume_usaha", volume_text)
    aset = parse_field("koperasi_tahun_buku", "aset", aset_text)
    existing = m.KoperasiTahunBuku.get_or_none(
        (m.KoperasiTahunBuku.koperasi == koperasi_id) & (m.KoperasiTahunBuku.tahun == tahun))
    if existing is not None and not existing.deleted:
        raise EditError(f"Tahun buku {tahun} sudah ada")
    values = {"koperasi_id": koperasi_id, "tahun": tahun, "volume_usaha": volume, "aset": aset}
    if existing is not None:
        return Change("koperasi_tahun_buku", existing.id,
                      {"deleted": True, "volume_usaha": existing.volume_usaha,
                       "aset": existing.aset},
                      {"deleted": False, "volume_usaha": volume, "aset": aset},
                      f"Tambah tahun buku {tahun}")
    return Change("koperasi_tahun_buku", None, {}, {}, f"Tambah tahun buku {tahun}",
                  insert_values=values)


def parse_field_value(parse, raw, label: str):
    if is_blank(raw):
        raise EditError(f"{label} wajib diisi")
    try:
        return parse(raw)
    except CellError as exc:
        raise EditError(f"{label}: {exc}") from exc


YEAR_VALUES = {"target": ("Target", document_repo.set_target, m.Target),
               "realisasi_manual": ("Realisasi", document_repo.set_realisasi_manual,
                                    m.RealisasiManual)}


def prepare_year_value(table: str, indikator_id: int, tahun: int, raw) -> Change | None:
    """The target or the manual realisasi of an indikator for a year; blank removes it."""
    label, _, model = YEAR_VALUES[table]
    value = None if is_blank(raw) else parse_field_value(parse_score, raw, label)
    row = model.get_or_none((model.indikator == indikator_id) & (model.tahun == tahun))
    old = None if row is None or row.deleted else row.nilai
    if old == value:
        return None
    return Change(table, None, {"nilai": old}, {"nilai": value}, f"Ubah {label.lower()} {tahun}",
                  insert_values={"indikator_id": indikator_id, "tahun": tahun})


def prepare_sakip(tahun_text, skema: str = "88/2021") -> Change:
    """A new SAKIP evaluation for a year (components filled in afterwards)."""
    tahun = parse_field_value(lambda v: parse_int(v, 2000, date.today().year + 1), tahun_text,
                              "Tahun")
    existing = m.Sakip.get_or_none(m.Sakip.tahun == tahun)
    if existing is not None and not existing.deleted:
        raise EditError(f"Evaluasi SAKIP tahun {tahun} sudah ada")
    if existing is not None:
        return Change("sakip", existing.id, {"deleted": True}, {"deleted": False},
                      f"Tambah evaluasi SAKIP {tahun}")
    return Change("sakip", None, {}, {}, f"Tambah evaluasi SAKIP {tahun}",
                  insert_values={"tahun": tahun, "skema": skema})


def prepare_koperasi(nomor_text, nama_text, tanggal_text, kabupaten_text, jenis_text) -> Change:
    """A new koperasi on the register (status aktif)."""
    nomor = parse_field_value(parse_nomor_badan_hukum, nomor_text, "Nomor badan hukum")
    if m.Koperasi.select().where(m.Koperasi.nomor_badan_hukum == nomor).exists():
        raise EditError(f"Koperasi dengan nomor badan hukum {nomor} sudah ada")
    values = {"nomor_badan_hukum": nomor, "status": "aktif"}
    for name, raw in (("nama", nama_text), ("tanggal_badan_hukum", tanggal_text),
                      ("kabupaten_id", kabupaten_text), ("jenis", jenis_text)):
        values[name] = parse_field("koperasi", name, raw)
    return Change("koperasi", None, {}, {}, f"Tambah koperasi {values['nama']}",
                  insert_values=values)


def prepare_usaha(nama_text, pemilik_text, kabupaten_text, terdata_text) -> Change:
    """A new usaha kecil on the register."""
    values = {}
    for name, raw in (("nama_usaha", nama_text), ("nama_pemilik", pemilik_text),
                      ("kabupaten_id", kabupaten_text), ("tanggal_terdata", terdata_text)):
        values[name] = parse_field("usaha_kecil", name, raw)
    return Change("usaha_kecil", None, {}, {}, f"Tambah usaha {values['nama_usaha']}",
                  insert_values=values)


def prepare_survey(nama_text, tahun: int, populasi_text="") -> Change:
    """A new IKM survey of a year."""
    nama = parse_field("ikm_survei", "nama", nama_text)
    populasi = parse_field("ikm_survei", "populasi", populasi_text)
    if m.IkmSurvei.select().where(m.IkmSurvei.nama == nama).exists():
        raise EditError(f"Survei bernama '{nama}' sudah ada")
    return Change("ikm_survei", None, {}, {}, f"Tambah survei {nama}",
                  insert_values={"nama": nama, "tahun": tahun, "populasi": populasi})


def prepare_response(survei_id: int, today: date | None = None) -> Change:
    """A new, empty respondent row of a survey: dated today, or 31 December of a past
    survey year; the survey's jenis layanan."""
    survei = m.IkmSurvei.get_by_id(survei_id)
    today = today or date.today()
    tanggal = today if today.year == survei.tahun else date(survei.tahun, 12, 31)
    if tanggal > today:
        raise EditError(f"Survei tahun {survei.tahun} belum dapat diisi (tanggal di masa depan)")
    layanan = survei.jenis_layanan.split(",")[0].strip() or "Umum"
    return Change("ikm_respon", None, {}, {}, "Tambah responden",
                  insert_values={"survei_id": survei_id, "tanggal": tanggal,
                                 "jenis_layanan": layanan})


def prepare_delete(table: str, row_id: int, label: str) -> Change:
    return Change(table, row_id, {"deleted": False}, {"deleted": True}, label)


def apply(change: Change) -> tuple[Change, OpChanges]:
    """Write a change; returns the change (with the id of an inserted row) and what it
    touched."""
    ownership.check_change(change.table, change.row_id, change.insert_values, change.after)
    with audit.recording(m.database):
        change = _apply(change)
    return change, touched(change)


def touched(change: Change) -> OpChanges:
    """The table of ``change`` and the reporting years whose figures it may move: a tahun
    buku Y counts in year Y and, as the year before, in Y+1 (``domain.koperasi``); a
    koperasi or usaha row (its status, dates, kabupaten) may move every year."""
    years = None
    if change.table in YEAR_VALUES:
        years = {change.insert_values["tahun"]}
    elif change.table in ("koperasi_tahun_buku", "sakip", "ikm_survei", "ikm_respon"):
        tahun = change.insert_values.get("tahun")
        if tahun is None:
            row = MODELS[change.table].get_by_id(change.row_id)
            tahun = row.survei.tahun if change.table == "ikm_respon" else row.tahun
        years = {tahun, tahun + 1} if change.table == "koperasi_tahun_buku" else {tahun}
    return OpChanges.of({change.table}, years)


def _apply(change: Change) -> Change:
    if change.table in YEAR_VALUES:
        v = change.insert_values
        YEAR_VALUES[change.table][1](v["indikator_id"], v["tahun"], change.after["nilai"])
        return change
    model = MODELS[change.table]
    with m.database.atomic():
        if change.insert_values and change.row_id is None:
            row = model.create(**change.insert_values)
            change = Change(change.table, row.id, change.before, change.after, change.label,
                            change.insert_values)
        elif change.insert_values:
            model.update(deleted=False, updated_at=utc_now()).where(
                model.id == change.row_id).execute()
        else:
            model.update(**change.after, updated_at=utc_now()).where(
                model.id == change.row_id).execute()
    return change


def revert(change: Change) -> OpChanges:
    """Undo a change. An inserted row becomes a tombstone (it may have travelled already)."""
    ownership.check_change(change.table, change.row_id, change.insert_values)
    with audit.recording(m.database):
        _revert(change)
    return touched(change)


def _revert(change: Change) -> None:
    if change.table in YEAR_VALUES:
        v = change.insert_values
        YEAR_VALUES[change.table][1](v["indikator_id"], v["tahun"], change.before["nilai"])
        return
    model = MODELS[change.table]
    with m.database.atomic():
        if change.insert_values:
            model.update(deleted=True, updated_at=utc_now()).where(
                model.id == change.row_id).execute()
        else:
            model.update(**change.before, updated_at=utc_now()).where(
                model.id == change.row_id).execute()
