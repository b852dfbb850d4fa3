"""Preparing edits: typed text → a ``Change`` (or ``EditError``), before anything is
written. One field of a row (``prepare_edit``), a new row of a register, a deletion."""

from __future__ import annotations

from datetime import date

from ... import registers
from ...exchange.cells import is_blank
from ...store import models as m
from ..editing_errors import EditError
from .change import YEAR_VALUES, Change, model
from .fields import field_of, parse_field, parse_field_value, parse_value
from .rules import check_row


def _required(table: str, name: str, raw):
    """A required value of a field the editing service does not edit (a new row's key)."""
    f = registers.get(table).field(name)
    return parse_field_value(f.parse, raw, f.label)


def prepare_edit(table: str, row_id: int, name: str, raw, label: str | None = None) -> Change | None:
    """Validate ``raw`` for field ``name`` (a stored column) of a row. None when the value
    does not change."""
    row = model(table).get_by_id(row_id)
    value = parse_field(table, name, raw)
    check_row(table, row, name, value)
    old = getattr(row, name)
    if old == value:
        return None
    return Change(table, row_id, {name: old}, {name: value},
                  label or f"Ubah {field_of(table, name).label.lower()}")


def prepare_tahun_buku(koperasi_id: int, tahun_text, volume_text, aset_text) -> Change:
    """A new tahun buku row for a koperasi (or the revival of a deleted one)."""
    tahun = _required("koperasi_tahun_buku", "tahun", tahun_text)
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


def prepare_year_value(table: str, indikator_id: int, tahun: int, raw) -> Change | None:
    """The target or the manual realisasi of an indikator for a year; blank removes it."""
    label, _, model_ = YEAR_VALUES[table]
    value = None if is_blank(raw) else _required(table, "nilai", raw)
    if table == "target" and value is not None:
        _check_target(indikator_id, value)
    row = model_.get_or_none((model_.indikator == indikator_id) & (model_.tahun == tahun))
    old = None if row is None or row.deleted else row.nilai
    if old == value:
        return None
    return Change(table, None, {"nilai": old}, {"nilai": value}, f"Ubah {label.lower()} {tahun}",
                  insert_values={"indikator_id": indikator_id, "tahun": tahun})


def _check_target(indikator_id: int, value) -> None:
    """A target above the top of its indikator's scale (``domain.targets``) is refused."""
    from ..indicators import registry

    ind = m.Indikator.get_by_id(indikator_id)
    problem = registry.check_target(value, ind.metode, ind.urutan)
    if problem:
        raise EditError(f"{registers.get('target').field('nilai').label}: {problem}")


def prepare_sakip(tahun_text, skema: str = "88/2021") -> Change:
    """A new SAKIP evaluation for a year (components filled in afterwards)."""
    tahun = _required("sakip", "tahun", tahun_text)
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
    nomor = _required("koperasi", "nomor_badan_hukum", nomor_text)
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


def prepare_row(table: str, label: str | None = None, **raw) -> Change:
    """A new row of any register from typed text per stored column (a register declared
    by its spec alone is added this way); its required fields must be given, and the new
    record keep its rules."""
    spec = registers.get(table)
    stored = {f.column: f for f in spec.stored_fields}
    unknown = set(raw) - set(stored)
    if unknown:
        raise EditError(f"Kolom '{sorted(unknown)[0]}' tidak ada pada {spec.label}")
    values = {column: parse_value(stored[column], text) for column, text in raw.items()}
    for column, f in stored.items():
        if f.required and values.get(column) is None and f.default is None:
            raise EditError(f"{f.label} wajib diisi")
    record = {stored[c].name: v for c, v in values.items()}
    for issue in spec.errors(record):
        raise EditError(issue.message)
    return Change(table, None, {}, {}, label or "Tambah baris", insert_values=values)


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
