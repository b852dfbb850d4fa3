"""Rows in their portable form, the form data packages carry: every column except the
local ones (``id``, ``sync_hash``), references to other rows by their uuid (a kabupaten/kota
by its BPS code), values as SQLite stores them (dates as ISO text, decimals as text,
booleans as 0/1), and the version the row was derived from (``versi``, a version vector:
``package_order``). The content hash of a row is the SHA-256 of its portable form without
``updated_at`` (which each office sets when the row changes there) and ``versi`` (the same
content reached by two offices is the same content)."""

from __future__ import annotations

import hashlib
import json

from ..domain.synced_tables import ORDER  # noqa: F401  (parents before children)

# table → local column → (referenced table, portable name)
FOREIGN = {
    "fungsi": {"dokumen_id": ("dokumen", "dokumen")},
    "sasaran": {"dokumen_id": ("dokumen", "dokumen")},
    "indikator": {"dokumen_id": ("dokumen", "dokumen"), "sasaran_id": ("sasaran", "sasaran")},
    "target": {"indikator_id": ("indikator", "indikator")},
    "realisasi_manual": {"indikator_id": ("indikator", "indikator")},
    "koperasi": {"kabupaten_id": ("kabupaten", "kabupaten")},
    "koperasi_tahun_buku": {"koperasi_id": ("koperasi", "koperasi")},
    "usaha_kecil": {"kabupaten_id": ("kabupaten", "kabupaten")},
    "ikm_respon": {"survei_id": ("ikm_survei", "survei")},
}
LOCAL = ("id", "sync_hash", "import_batch_id")  # never travel
NOT_HASHED = ("updated_at", "versi")
# natural keys a row must not share with a row of another uuid (unique in the schema)
NATURAL = {"koperasi": "nomor_badan_hukum", "usaha_kecil": "nib", "sakip": "tahun",
           "ikm_survei": "nama"}


class MissingParent(LookupError):
    """A row refers to a row this database does not have: ``table`` and ``uuid``."""

    def __init__(self, table: str, uuid: str) -> None:
        super().__init__(f"{table} {uuid}")
        self.table, self.uuid = table, uuid


def content_hash(row: dict) -> str:
    body = {k: v for k, v in row.items() if k not in NOT_HASHED}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Mapper:
    """Converts rows between the local and the portable form for one database, caching the
    uuid ↔ id lookups."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self._columns: dict[str, list[str]] = {}
        self._uuid_of: dict[str, dict[int, str]] = {}
        self._id_of: dict[str, dict[str, int]] = {}
        self._koperasi_bps: dict[str, str] | None = None
        kab = conn.execute("SELECT id, bps FROM kabupaten").fetchall()
        self._uuid_of["kabupaten"] = dict(kab)
        self._id_of["kabupaten"] = {b: i for i, b in kab}

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            self._columns[table] = [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]
        return self._columns[table]

    def portable_columns(self, table: str) -> set[str]:
        fk = FOREIGN.get(table, {})
        return {fk[c][1] if c in fk else c for c in self.columns(table) if c not in LOCAL}

    def _ids(self, table: str) -> None:
        if table not in self._id_of:
            pairs = self.conn.execute(f"SELECT id, uuid FROM {table}").fetchall()
            self._uuid_of[table] = dict(pairs)
            self._id_of[table] = {u: i for i, u in pairs}

    def forget(self, table: str) -> None:
        """Rows were added to ``table``: read its ids again when next needed."""
        self._uuid_of.pop(table, None)
        self._id_of.pop(table, None)
        if table == "koperasi":  # (not after each chunk of a table of tahun buku)
            self._koperasi_bps = None

    def id_of(self, table: str, uuid: str) -> int | None:
        self._ids(table)
        return self._id_of[table].get(uuid)

    def to_portable(self, table: str, row: dict) -> dict:
        fk = FOREIGN.get(table, {})
        out = {}
        for c, v in row.items():
            if c in LOCAL:
                continue
            if c in fk:
                ref, name = fk[c]
                self._ids(ref)
                out[name] = None if v is None else self._uuid_of[ref].get(v)
            else:
                out[c] = v
        return out

    def to_local(self, table: str, row: dict) -> dict:
        """Column → value for SQL; raises MissingParent for a reference not found here."""
        fk = {name: (col, ref) for col, (ref, name) in FOREIGN.get(table, {}).items()}
        out = {}
        for k, v in row.items():
            if k in fk:
                col, ref = fk[k]
                if v is None:
                    out[col] = None
                    continue
                local = self.id_of(ref, v)
                if local is None:
                    raise MissingParent(ref, v)
                out[col] = local
            else:
                out[k] = v
        return out

    def rows(self, table: str, where: str = "", args: tuple = ()) -> list[dict]:
        cols = self.columns(table)
        sql = f"SELECT {', '.join(cols)} FROM {table}" + (f" WHERE {where}" if where else "")
        return [dict(zip(cols, r)) for r in self.conn.execute(sql, args)]

    def kabupaten_of(self, table: str, portable: dict) -> str | None:
        """The BPS code of the kabupaten/kota a regional row belongs to."""
        if table in ("koperasi", "usaha_kecil"):
            return portable.get("kabupaten")
        if table == "koperasi_tahun_buku":
            if self._koperasi_bps is None:
                self._koperasi_bps = dict(self.conn.execute(
                    "SELECT c.uuid, k.bps FROM koperasi AS c JOIN kabupaten AS k ON "
                    "k.id = c.kabupaten_id"))
            return self._koperasi_bps.get(portable.get("koperasi") or "")
        return None


def portable_schema(conn) -> dict[str, dict[str, tuple[str, bool]]]:
    """table → portable column → (its declared SQL type, NOT NULL)."""
    out = {}
    for table in ORDER:
        fk = FOREIGN.get(table, {})
        out[table] = {fk[name][1] if name in fk else name: (sql_type.upper(), bool(not_null))
                      for _, name, sql_type, not_null, _, _ in
                      conn.execute(f"PRAGMA table_info({table})") if name not in LOCAL}
    return out


def all_portable_columns(conn) -> dict[str, set[str]]:
    mapper = Mapper(conn)
    return {t: mapper.portable_columns(t) for t in ORDER}
