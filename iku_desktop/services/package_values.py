"""The values of package rows, checked by the rules imports and edits use before anything
is merged: a package row is data typed at another office, no more trusted than a cell.

Each row of each member is checked for its shape (the portable form of ``sync_rows``:
text as JSON strings, integers as JSON integers, dates as ISO text, decimals as text,
booleans as 0/1, references as uuids, a kabupaten/kota as its BPS code, a version
vector as JSON of office codes and package numbers), then each field
by the parser of the register's field (``registers``: identifiers, dates, amounts,
choices, bounds — the parsers behind both the importer and the editing service, in the
portable form of the value), then the record's cross-field rules (the register's spec,
errors only). Any problem refuses the whole package, naming the member, the row and the
field.
"""

from __future__ import annotations

import json
import re

from .. import registers
from ..domain.identifiers import IdentifierError, validate_nip
from ..domain.pangkat import PANGKAT_NAMES
from ..domain.wilayah import KABUPATEN_KOTA
from ..exchange import cells
from ..exchange.cells import CellError
from ..exchange.package import PackageError
from ..registers.spec import flag as _flag
from ..registers.spec import stored_choice as _choice
from .indicators import registry
from .sync_rows import FOREIGN

MAX_ERRORS = 20  # a hostile package could hold a million bad rows: name the first ones
UUID = re.compile(r"[0-9a-f]{32}")
TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")
OFFICES = {"provinsi", *(k.bps for k in KABUPATEN_KOTA)}
INT_LIMIT = 2**63 - 1
INT32 = 2**31 - 1  # a package number
# long texts (the document's tugas, a formulasi) keep their line breaks
MULTILINE = {("dokumen", "tugas"), ("indikator", "formulasi"), ("fungsi", "teks"),
             ("sasaran", "teks"), ("indikator", "nama"), ("dokumen", "unit_organisasi"),
             ("dokumen", "jabatan_penandatangan")}


class PackageValueError(PackageError):
    """A package row that breaks a rule; ``str()`` is the user's message."""


def _int(lo: int, hi: int):
    return lambda v: cells.parse_int(v, lo, hi)


def _nip(v):
    try:
        return validate_nip(v)
    except IdentifierError as exc:
        raise CellError(str(exc)) from exc


def _metode(v):
    """A registered indikator method (asked when the value is read: a method registered
    after this module was imported counts)."""
    message = registry.unknown_message(v)
    if message is not None:
        raise CellError(message)
    return v


# parsers for the portable columns of the document's tables (not registers)
_DOCUMENT = {
    "dokumen": {"tahun_awal": _int(2000, 2100), "tahun_akhir": _int(2000, 2100),
                "tanggal_hari": _int(1, 31), "tanggal_bulan": _int(1, 12),
                "tanggal_tahun": _int(2000, 2100), "nip_penandatangan": _nip,
                "pangkat_penandatangan": _choice(PANGKAT_NAMES),
                "revisi": _int(1, 1000), "aktif": _flag},
    "fungsi": {"urutan": _int(0, 10_000)},
    "sasaran": {"urutan": _int(0, 10_000)},
    "indikator": {"urutan": _int(0, 10_000), "metode": _metode,
                  "polaritas": _choice(("naik", "turun")),
                  "rumus_turun": _choice(("selisih", "rasio"))},
}


def parsers(table: str) -> dict:
    """Portable column → parser: a register's stored fields by its spec (a kabupaten/kota
    travels as its BPS code, under the field's name), else the document's."""
    spec = registers.REGISTRY.get(table)
    if spec is None:
        return _DOCUMENT.get(table, {})
    return {f.name: f.portable for f in spec.stored_fields}


def check_tables(tables: dict[str, list[dict]], columns: dict[str, dict[str, tuple[str, bool]]],
                 name: str) -> None:
    """Raise ``PackageValueError`` naming up to ``MAX_ERRORS`` bad fields.

    ``columns``: table → portable column → (declared SQL type, NOT NULL)."""
    errors: list[str] = []
    for table, rows in tables.items():
        for n, row in enumerate(rows, start=1):
            for field, message in row_problems(table, row, columns[table]):
                errors.append(f"{table} baris {n}, kolom {field}: {message}")
                if len(errors) >= MAX_ERRORS:
                    break
            if len(errors) >= MAX_ERRORS:
                break
    if errors:
        more = " (dan mungkin lebih banyak)" if len(errors) >= MAX_ERRORS else ""
        raise PackageValueError(
            f"Paket {name} ditolak: {len(errors)} nilai tidak sah{more}; tidak ada data yang "
            "diubah.\n" + "\n".join(f"- {e}" for e in errors))


def row_problems(table: str, row: dict, columns: dict[str, tuple[str, bool]]
                 ) -> list[tuple[str, str]]:
    """(field, message) for each rule a portable row breaks."""
    out: list[tuple[str, str]] = []
    refs = {name for _, name in FOREIGN.get(table, {}).values()}
    parsers_ = parsers(table)
    parsed: dict = {}
    for column, (sql_type, not_null) in columns.items():
        v = row.get(column)
        if v is None:
            if not_null and column in row:
                out.append((column, "wajib diisi"))
            continue
        problem = _shape(table, column, v, sql_type, column in refs)
        if problem:
            out.append((column, problem))
            continue
        parse = parsers_.get(column)
        if parse is None:
            continue
        try:
            parsed[column] = parse(v)
        except CellError as exc:
            out.append((column, str(exc)))
    spec = registers.REGISTRY.get(table)
    if not out and spec is not None:
        out.extend((i.field, i.message) for i in spec.errors(parsed))
    return out


def _shape(table: str, column: str, v, sql_type: str, is_ref: bool) -> str | None:
    if isinstance(v, bool) or not isinstance(v, (str, int)):
        return f"jenis nilai tidak sah ({type(v).__name__})"
    if is_ref and column == "kabupaten":  # a BPS code, checked by its parser
        return None if isinstance(v, str) else "harus berupa kode BPS (teks)"
    if column == "uuid" or is_ref:
        return None if isinstance(v, str) and UUID.fullmatch(v) else "bukan uuid yang sah"
    if column == "updated_at":
        return None if isinstance(v, str) and TIMESTAMP.fullmatch(v) else "bukan waktu yang sah"
    if column == "origin":
        return None if v in OFFICES else "bukan kode kantor yang sah"
    if column in ("deleted",):
        return None if v in (0, 1) and isinstance(v, int) else "harus 0 atau 1"
    if column == "versi":
        return _versi_problem(v)
    if sql_type == "INTEGER":
        if not isinstance(v, int):
            return "harus bilangan bulat"
        if abs(v) > INT_LIMIT:
            return "angka terlalu besar"
        return None
    if not isinstance(v, str):
        return "harus berupa teks"
    if (table, column) not in MULTILINE and ("\n" in v or "\r" in v or "\t" in v):
        return "teks satu baris tidak boleh memuat baris baru"
    if cells.control_character(v, breaks=True):
        return "berisi karakter kendali"
    if len(v) > 100_000:
        return "teks terlalu panjang"
    return None


def _versi_problem(v) -> str | None:
    """A version vector (``package_order``): JSON text of office code → package number."""
    try:
        vector = json.loads(v) if isinstance(v, str) and len(v) <= 2000 else None
    except ValueError:
        vector = None
    if not isinstance(vector, dict) or not vector or set(vector) - OFFICES or any(
            isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= INT32
            for n in vector.values()):
        return "bukan versi yang sah (kode kantor → nomor paket)"
    return None
