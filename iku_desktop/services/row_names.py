"""What a user reads for one row named by its table and uuid, instead of the uuid: a
koperasi by its name and nomor badan hukum, a tahun buku by its year and koperasi, a usaha
by its name, a SAKIP evaluation or a lock by its year, an IKM survey by its name, a target
by its indikator and year. The audit log, the package conflicts, and the package rows
refused or held back all name rows here (``taken``, ``waiting_for``: the reasons that
name another row).

``names`` looks rows up in the open database (one query per table, for a list of
thousands of audit rows); ``name_of_values`` names a row from its own portable values (a
package's row that is not in this database)."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..domain.synced_tables import label
from ..store import models as m

# table → SQL giving (uuid, *the values its name is made of), for uuids in (…)
_QUERIES = {
    "koperasi": "SELECT uuid, nama, nomor_badan_hukum FROM koperasi WHERE uuid IN ({})",
    "koperasi_tahun_buku": (
        "SELECT t.uuid, t.tahun, k.nama, k.nomor_badan_hukum FROM koperasi_tahun_buku t "
        "JOIN koperasi k ON k.id = t.koperasi_id WHERE t.uuid IN ({})"),
    "usaha_kecil": "SELECT uuid, nama_usaha, nama_pemilik FROM usaha_kecil WHERE uuid IN ({})",
    "sakip": "SELECT uuid, tahun FROM sakip WHERE uuid IN ({})",
    "ikm_survei": "SELECT uuid, nama, tahun FROM ikm_survei WHERE uuid IN ({})",
    "ikm_respon": ("SELECT r.uuid, r.tanggal, s.nama FROM ikm_respon r "
                   "JOIN ikm_survei s ON s.id = r.survei_id WHERE r.uuid IN ({})"),
    "target": ("SELECT t.uuid, t.tahun, i.urutan, i.nama FROM target t "
               "JOIN indikator i ON i.id = t.indikator_id WHERE t.uuid IN ({})"),
    "realisasi_manual": (
        "SELECT t.uuid, t.tahun, i.urutan, i.nama FROM realisasi_manual t "
        "JOIN indikator i ON i.id = t.indikator_id WHERE t.uuid IN ({})"),
    "indikator": "SELECT uuid, urutan, nama FROM indikator WHERE uuid IN ({})",
    "sasaran": "SELECT uuid, urutan, teks FROM sasaran WHERE uuid IN ({})",
    "fungsi": "SELECT uuid, urutan, teks FROM fungsi WHERE uuid IN ({})",
    "dokumen": "SELECT uuid, revisi, judul FROM dokumen WHERE uuid IN ({})",
    "kunci_tahun": "SELECT uuid, tahun FROM kunci_tahun WHERE uuid IN ({})",
}


def _short(text, limit: int = 60) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _koperasi(nama, nomor) -> str:
    return f"{nama} (BH {nomor})" if nomor else str(nama)


# table → the name made of the values its query gives (after the uuid)
_NAMES = {
    "koperasi": lambda nama, nomor: _koperasi(nama, nomor),
    "koperasi_tahun_buku": lambda tahun, nama, nomor: (
        f"tahun buku {tahun} — {_koperasi(nama, nomor)}"),
    "usaha_kecil": lambda nama, pemilik: f"{nama} (pemilik {pemilik})" if pemilik else nama,
    "sakip": lambda tahun: f"evaluasi SAKIP {tahun}",
    "ikm_survei": lambda nama, tahun: f"{nama} ({tahun})",
    "ikm_respon": lambda tanggal, survei: f"responden {tanggal} — survei {survei}",
    "target": lambda tahun, urutan, nama: f"target {tahun} — IKU {urutan} {_short(nama)}",
    "realisasi_manual": lambda tahun, urutan, nama: (
        f"realisasi {tahun} — IKU {urutan} {_short(nama)}"),
    "indikator": lambda urutan, nama: f"IKU {urutan} {_short(nama)}",
    "sasaran": lambda urutan, teks: f"sasaran {urutan} {_short(teks)}",
    "fungsi": lambda urutan, teks: f"fungsi {urutan} {_short(teks)}",
    "dokumen": lambda revisi, judul: f"{_short(judul)} revisi {revisi}",
    "kunci_tahun": lambda tahun: f"kunci realisasi {tahun}",
}


def _unnamed(table: str, key: str | None) -> str:
    if not key:
        return label(table)
    return key if table == "setting" else f"{label(table)} {key[:8]}… (tidak ada di sini)"


def names(rows: Iterable[tuple[str, str | None]], conn=None) -> dict[tuple[str, str | None], str]:
    """(table, uuid) → the row's name, for every pair given (a row not found here, or of a
    table without names, is its table's label and a short uuid; a setting, its key).
    ``conn``: a worker's connection (default: the open database's)."""
    wanted: dict[str, set[str]] = defaultdict(set)
    pairs = set(rows)
    for table, key in pairs:
        if key and table in _QUERIES:
            wanted[table].add(key)
    conn = conn or m.database.connection()
    found: dict[tuple[str, str], str] = {}
    for table, keys in wanted.items():
        keys = list(keys)
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            sql = _QUERIES[table].format(", ".join("?" * len(part)))
            for uuid, *values in conn.execute(sql, part):
                found[(table, uuid)] = _NAMES[table](*values)
    return {p: found.get(p) or _unnamed(*p) for p in pairs}


def name(table: str, key: str | None, conn=None) -> str:
    """One row's name (``names`` for many)."""
    return names([(table, key)], conn)[(table, key)]


def name_of_values(table: str, values: dict, conn=None) -> str:
    """A package's row named from its own portable values (parents by uuid: a tahun buku's
    koperasi is named when it is here); the row need not be in this database."""
    v = values
    if table == "koperasi":
        return _koperasi(v.get("nama"), v.get("nomor_badan_hukum"))
    if table == "koperasi_tahun_buku":
        parent = v.get("koperasi")
        koperasi = (name("koperasi", parent, conn) if parent and _here("koperasi", parent, conn)
                    else "koperasi yang belum ada di sini")
        return f"tahun buku {v.get('tahun')} — {koperasi}"
    if table == "usaha_kecil":
        return _NAMES[table](v.get("nama_usaha"), v.get("nama_pemilik"))
    if table in ("sakip", "kunci_tahun"):
        return _NAMES[table](v.get("tahun"))
    if table == "ikm_survei":
        return _NAMES[table](v.get("nama"), v.get("tahun"))
    return name(table, v.get("uuid"), conn)


# what a row of a table is called inside a sentence ("… sudah dipakai koperasi lain")
_KINDS = {"koperasi": "koperasi", "usaha_kecil": "usaha kecil", "sakip": "evaluasi SAKIP",
          "ikm_survei": "survei IKM"}
# a natural key's column as a user reads it
_FIELDS = {"nomor_badan_hukum": "nomor badan hukum", "nib": "NIB", "tahun": "tahun",
           "nama": "nama"}
# a parent row a package's row waits for ("menunggu data koperasinya")
_PARENTS = {"koperasi": "koperasinya", "ikm_survei": "survei IKM-nya",
            "indikator": "indikatornya", "sasaran": "sasarannya", "dokumen": "Dokumen IKU-nya",
            "kabupaten": "kabupaten/kotanya"}


def taken(table: str, column: str, value, other: str) -> str:
    """Why a package's row is refused: its natural key is another row's (``other``: that
    row's name)."""
    return (f"{_FIELDS.get(column, column)} {value} sudah dipakai "
            f"{_KINDS.get(table, label(table))} lain: {other}")


def waiting_for(parent_table: str) -> str:
    """Why a package's row is held back: the row it belongs to is not here yet."""
    return f"menunggu data {_PARENTS.get(parent_table, 'induknya')}, yang belum ada di sini"


def _here(table: str, uuid: str, conn=None) -> bool:
    return (conn or m.database.connection()).execute(
        f"SELECT 1 FROM {table} WHERE uuid = ?", (uuid,)).fetchone() is not None
