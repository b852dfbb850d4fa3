"""Browsing the registers page by page, with filtering and sorting done in SQL (a window
never loads 200.000 rows at once): ``ids`` returns the matching ids in order, ``rows`` the
display values of some of them. For koperasi, the rows also tell for a year whether the
koperasi *meningkat kualitasnya*, and why not, or that it is outside the year's
denominator (domain.koperasi.classify_koperasi).

Every register also has what its spec (``iku_desktop.registers``) gives: the column labels
of the window (``column_label``), and for a register declared by its spec alone the ids
and display rows (``spec_columns``, ``spec_ids``, ``spec_rows``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import registers as spec_registry
from ..domain.formatting import format_date, format_decimal, format_number
from ..domain.identifiers import mask_nik
from ..domain.koperasi import (
    JenisKoperasi, Koperasi, Kualitas, StatusKoperasi, TahunBuku, classify_koperasi,
)
from ..domain.usaha_kecil import Skala, classify_skala
from ..store import models as m
from ..store import settings
from ..store.register_tables import model_for


@dataclass(frozen=True)
class RegisterFilter:
    """Attributes:
    search: part of the name, nomor badan hukum/NIB or NIK (case-insensitive).
    kabupaten_id, jenis, status: exact filters (None = all).
    order: column key to sort by; descending: reverse order.
    """

    search: str = ""
    kabupaten_id: int | None = None
    jenis: str | None = None
    status: str | None = None
    order: str = "nama"
    descending: bool = False


KOPERASI_ORDER = {"nomor_badan_hukum": m.Koperasi.nomor_badan_hukum, "nama": m.Koperasi.nama,
                  "kabupaten": m.Koperasi.kabupaten, "jenis": m.Koperasi.jenis,
                  "status": m.Koperasi.status, "tanggal_badan_hukum": m.Koperasi.tanggal_badan_hukum}


def koperasi_ids(f: RegisterFilter) -> list[int]:
    q = m.Koperasi.select(m.Koperasi.id).where(m.Koperasi.deleted == False)  # noqa: E712
    if f.search:
        like = f"%{f.search.strip()}%"
        q = q.where(m.Koperasi.nama ** like | m.Koperasi.nomor_badan_hukum ** like
                    | m.Koperasi.nik_koperasi ** like)
    if f.kabupaten_id:
        q = q.where(m.Koperasi.kabupaten == f.kabupaten_id)
    if f.jenis:
        q = q.where(m.Koperasi.jenis == f.jenis)
    if f.status:
        q = q.where(m.Koperasi.status == f.status)
    col = KOPERASI_ORDER.get(f.order, m.Koperasi.nama)
    q = q.order_by(col.desc() if f.descending else col, m.Koperasi.id)
    return _ids(q)


def _ids(query) -> list[int]:
    """Run a one-column id query on the cursor directly: peewee's per-row wrappers cost
    more than SQLite for 200.000 rows."""
    sql, params = query.sql()
    return [r[0] for r in m.database.execute_sql(sql, params).fetchall()]


@dataclass(frozen=True)
class KoperasiRow:
    id: int
    nomor_badan_hukum: str
    nama: str
    kabupaten: str
    jenis: str
    status: str
    kualitas: Kualitas
    alasan: str
    tanggal_badan_hukum: object = None
    tanggal_bubar: object = None
    nik_koperasi: str | None = None


def koperasi_rows(ids: list[int], year: int) -> dict[int, KoperasiRow]:
    kab = {k.id: k for k in m.Kabupaten.select()}
    books: dict[int, dict[int, TahunBuku]] = {}
    for t in m.KoperasiTahunBuku.live().where(
            m.KoperasiTahunBuku.koperasi.in_(ids)
            & m.KoperasiTahunBuku.tahun.in_([year - 1, year])):
        books.setdefault(t.koperasi_id, {})[t.tahun] = TahunBuku(
            t.tahun, t.tanggal_rat, t.rat_sah, t.volume_usaha, t.aset)
    hanya_aktif = settings.get("koperasi_hanya_aktif")
    out = {}
    for k in m.Koperasi.select().where(m.Koperasi.id.in_(ids)):
        rows = books.get(k.id, {})
        kop = Koperasi(k.id, kab[k.kabupaten_id].bps, JenisKoperasi(k.jenis),
                       StatusKoperasi(k.status), k.tanggal_badan_hukum, k.tanggal_bubar)
        kualitas, alasan = classify_koperasi(kop, rows.get(year), rows.get(year - 1), year,
                                             hanya_aktif)
        out[k.id] = KoperasiRow(k.id, k.nomor_badan_hukum, k.nama, kab[k.kabupaten_id].nama,
                                k.jenis, k.status, kualitas, alasan, k.tanggal_badan_hukum,
                                k.tanggal_bubar, k.nik_koperasi)
    return out


USAHA_ORDER = {"nama_usaha": m.UsahaKecil.nama_usaha, "nama_pemilik": m.UsahaKecil.nama_pemilik,
               "kabupaten": m.UsahaKecil.kabupaten, "nib": m.UsahaKecil.nib,
               "tanggal_terdata": m.UsahaKecil.tanggal_terdata,
               "sektor": m.UsahaKecil.sektor, "modal_usaha": m.UsahaKecil.modal_usaha,
               "hasil_penjualan": m.UsahaKecil.hasil_penjualan,
               "tanggal_tutup": m.UsahaKecil.tanggal_tutup}


def usaha_ids(f: RegisterFilter) -> list[int]:
    q = m.UsahaKecil.select(m.UsahaKecil.id).where(m.UsahaKecil.deleted == False)  # noqa: E712
    if f.search:
        like = f"%{f.search.strip()}%"
        q = q.where(m.UsahaKecil.nama_usaha ** like | m.UsahaKecil.nama_pemilik ** like
                    | m.UsahaKecil.nib ** like | m.UsahaKecil.nik_pemilik ** like)
    if f.kabupaten_id:
        q = q.where(m.UsahaKecil.kabupaten == f.kabupaten_id)
    col = USAHA_ORDER.get(f.order, m.UsahaKecil.nama_usaha)
    q = q.order_by(col.desc() if f.descending else col, m.UsahaKecil.id)
    return _ids(q)


@dataclass(frozen=True)
class UsahaRow:
    """A usaha kecil as the register shows it: every field of the register (dates as ISO
    text, "" when empty; money as whole rupiah, None when unknown), the NIK also masked,
    and the size class (PP 7/2021) with the basis it was found on."""

    id: int
    nama_usaha: str
    nama_pemilik: str
    nik_masked: str
    nik: str
    kabupaten: str
    nib: str
    tanggal_nib: str
    iumk: str
    skala: str
    dasar: str
    tanggal_iumk: str = ""
    alamat: str = ""
    sektor: str = ""
    modal_usaha: int | None = None
    hasil_penjualan: int | None = None
    tanggal_terdata: str = ""
    tanggal_tutup: str = ""


def _iso(d) -> str:
    return d.isoformat() if d else ""


def usaha_rows(ids: list[int]) -> dict[int, UsahaRow]:
    kab = {k.id: k.nama for k in m.Kabupaten.select()}
    out = {}
    for u in m.UsahaKecil.select().where(m.UsahaKecil.id.in_(ids)):
        k = classify_skala(u.modal_usaha, u.hasil_penjualan,
                           Skala(u.skala_penetapan) if u.skala_penetapan else None,
                           u.skala_alasan or "ditetapkan")
        out[u.id] = UsahaRow(
            u.id, u.nama_usaha, u.nama_pemilik,
            mask_nik(u.nik_pemilik) if u.nik_pemilik else "", u.nik_pemilik or "",
            kab[u.kabupaten_id], u.nib or "", _iso(u.tanggal_nib),
            u.nomor_iumk or "", k.skala.label if k.skala else "tidak diketahui", k.dasar.value,
            _iso(u.tanggal_iumk), u.alamat or "", u.sektor or "", u.modal_usaha,
            u.hasil_penjualan, _iso(u.tanggal_terdata), _iso(u.tanggal_tutup))
    return out


def kabupaten() -> list[tuple[int, str]]:
    """(id, nama) of the kabupaten/kota of Provinsi Jambi, in BPS code order."""
    return [(k.id, k.nama) for k in m.Kabupaten.select().order_by(m.Kabupaten.bps)]


@dataclass(frozen=True)
class TahunBukuRow:
    id: int
    tahun: int
    tanggal_rat: date | None
    rat_sah: bool | None
    volume_usaha: int | None
    aset: int | None
    modal_sendiri: int | None
    modal_luar: int | None
    shu: int | None
    anggota_l: int | None
    anggota_p: int | None


def tahun_buku_rows(koperasi_id: int) -> list[TahunBukuRow]:
    """The live tahun buku of one koperasi, by year."""
    fields = list(TahunBukuRow.__dataclass_fields__)
    t = m.KoperasiTahunBuku
    return [TahunBukuRow(*(getattr(r, f) for f in fields))
            for r in t.live().where(t.koperasi == koperasi_id).order_by(t.tahun)]


# --- what the register specs (``iku_desktop.registers``) give every register -------------

def column_label(table: str, field: str) -> str:
    """The window's column header of a register's field (by name or stored column)."""
    return spec_registry.get(table).field(field).column_label


@dataclass(frozen=True)
class SpecColumn:
    """A column of a register shown by its spec: the stored column (what ``editing``
    edits; None when not editable), its header, and whether it holds personal data."""

    column: str
    label: str
    editable: bool
    personal: bool
    kind: str = "text"


def spec_columns(table: str) -> list[SpecColumn]:
    """The columns of a register as the window shows it: its stored fields that the
    import file has, with the spec's column labels."""
    spec = spec_registry.get(table)
    return [SpecColumn(f.column, f.column_label, f.editable, f.personal, f.kind)
            for f in spec.columns if f.column]


def spec_regional(table: str) -> bool:
    """Whether a register's rows belong to the kabupaten/kota office of the row (else to
    the province)."""
    return spec_registry.get(table).owner == spec_registry.spec.WILAYAH


def spec_ids(table: str, search: str = "") -> list[int]:
    """The live rows of a register, in the order they were added; ``search`` matches any
    of its text fields (case-insensitive)."""
    spec = spec_registry.get(table)
    model = model_for(spec)
    q = model.select(model.id).where(model.deleted == False)  # noqa: E712
    if search.strip():
        like = f"%{search.strip()}%"
        texts = [getattr(model, f.column) for f in spec.stored_fields if f.kind == "text"]
        if texts:
            cond = texts[0] ** like
            for t in texts[1:]:
                cond = cond | (t ** like)
            q = q.where(cond)
    return _ids(q.order_by(model.id))


def spec_rows(table: str, ids: list[int], reveal: bool = False) -> dict[int, tuple[str, ...]]:
    """Display text of the rows ``ids`` in the columns of ``spec_columns``: dates and
    numbers as Indonesian text, a kabupaten/kota by its name, personal data masked unless
    ``reveal``."""
    spec = spec_registry.get(table)
    model = model_for(spec)
    columns = [f for f in spec.columns if f.column]
    kab = {k.id: k.nama for k in m.Kabupaten.select()}
    out = {}
    for row in model.select().where(model.id.in_(ids)):
        out[row.id] = tuple(_shown(f, getattr(row, f.column), kab, reveal) for f in columns)
    return out


def _shown(f, value, kab: dict[int, str], reveal: bool) -> str:
    if value is None or value == "":
        return ""
    if f.kind == "kabupaten":
        return kab.get(value, "")
    if f.kind == "date":
        return format_date(value)
    if f.kind == "bool":
        return "Ya" if value else "Tidak"
    if f.kind == "money":
        return format_number(value, 0)
    if f.kind == "int":
        return str(value)
    if f.kind == "score":
        return format_decimal(value)
    if f.personal and not reveal:
        return mask_nik(str(value))
    return str(value)
