"""The data package file (``.ikupkg``) offices send each other: a zip holding
``manifest.json`` and one JSON-lines member per table.

The manifest names the format and its version, the schema version of the database that
wrote it, the package's id, the sending office, when it was made, since when its rows
changed, and for every member its row count and SHA-256. A package is read only after it
is checked whole: a zip that is truncated, corrupted, or edited (a member whose checksum
or row count differs, a member missing or added, an unknown table or column) is refused
with a message and nothing is read from it.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = "iku-paket"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SUFFIX = ".ikupkg"
MAX_UNCOMPRESSED = 2 * 1024 * 1024 * 1024  # declared, all members
MAX_RATIO = 200  # members above 10 MiB


class PackageError(Exception):
    """A package that cannot be used; ``str()`` is the user's message."""


@dataclass
class Package:
    """Attributes:
    package_id, office, office_name, created_at, since, schema_version: from the manifest.
    tables: table → list of rows (dicts of column → value, portable form).
    """

    package_id: str
    office: str
    office_name: str
    created_at: str
    since: str | None
    schema_version: int
    tables: dict[str, list[dict]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {t: len(rows) for t, rows in self.tables.items()}


def _jsonl(rows: list[dict]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False, sort_keys=True,
                               separators=(",", ":")).encode("utf-8") + b"\n" for r in rows)


def write(path: Path, package: Package) -> None:
    """Write ``package`` to ``path`` (atomically: a temporary file renamed at the end)."""
    members, listing = {}, {}
    for table, rows in package.tables.items():
        data = _jsonl(rows)
        name = f"data/{table}.jsonl"
        members[name] = data
        listing[table] = {"file": name, "rows": len(rows),
                          "sha256": hashlib.sha256(data).hexdigest()}
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "schema_version": package.schema_version, "package_id": package.package_id,
        "office": package.office, "office_name": package.office_name,
        "created_at": package.created_at, "since": package.since, "tables": listing,
    }
    tmp = path.with_name(path.name + ".tmp")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            for name, data in members.items():
                z.writestr(name, data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PackageError(f"Paket tidak dapat ditulis ke {path}: {exc.strerror}") from exc


def read(path: Path, columns: dict[str, set[str]], schema_version: int) -> Package:
    """Read and check a package. ``columns``: table → the columns a row may carry."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PackageError(f"Paket tidak dapat dibuka: {path} ({exc.strerror})") from exc
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = {i.filename: i for i in z.infolist()}
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise PackageError(f"Paket {name} rusak atau terpotong (bukan paket data IKU yang "
                           "utuh); minta kantor pengirim mengirim ulang") from exc
    with z:
        if sum(i.file_size for i in infos.values()) > MAX_UNCOMPRESSED or any(
                i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_RATIO * max(1, i.compress_size)
                for i in infos.values()):
            raise PackageError(f"Paket {name} ditolak: isinya mengembang tidak wajar")
        manifest = _manifest(z, infos, name)
        if manifest.get("format") != FORMAT:
            raise PackageError(f"Berkas {name} bukan paket data IKU Desktop")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise PackageError(f"Paket {name} memakai format versi "
                               f"{manifest.get('format_version')}; perbarui IKU Desktop")
        if not isinstance(manifest.get("schema_version"), int) or \
                manifest["schema_version"] > schema_version:
            raise PackageError(f"Paket {name} dibuat oleh IKU Desktop yang lebih baru "
                               f"(skema {manifest.get('schema_version')}); perbarui aplikasi")
        listing = manifest.get("tables")
        if not isinstance(listing, dict):
            raise PackageError(f"Manifes paket {name} tidak lengkap")
        expected = {MANIFEST} | {str(v.get("file")) for v in listing.values()
                                 if isinstance(v, dict)}
        if set(infos) != expected:
            extra = sorted(set(infos) - expected)
            missing = sorted(expected - set(infos))
            raise PackageError(f"Isi paket {name} tidak sesuai manifesnya"
                               + (f"; bagian tambahan: {', '.join(extra)}" if extra else "")
                               + (f"; bagian hilang: {', '.join(missing)}" if missing else ""))
        tables = {}
        for table, entry in listing.items():
            if table not in columns:
                raise PackageError(f"Paket {name} berisi tabel yang tidak dikenal: {table}")
            tables[table] = _member(z, name, table, entry, columns[table])
    try:
        return Package(str(manifest["package_id"]), str(manifest["office"]),
                       str(manifest.get("office_name", "")), str(manifest["created_at"]),
                       manifest.get("since"), manifest["schema_version"], tables)
    except KeyError as exc:
        raise PackageError(f"Manifes paket {name} tidak lengkap: {exc.args[0]} tidak ada") \
            from exc


def _manifest(z: zipfile.ZipFile, infos: dict, name: str) -> dict:
    if MANIFEST not in infos:
        raise PackageError(f"Berkas {name} bukan paket data IKU Desktop (tidak ada manifes)")
    try:
        manifest = json.loads(z.read(MANIFEST).decode("utf-8"))
    except (zipfile.BadZipFile, EOFError, ValueError, UnicodeDecodeError) as exc:
        raise PackageError(f"Manifes paket {name} rusak") from exc
    if not isinstance(manifest, dict):
        raise PackageError(f"Manifes paket {name} rusak")
    return manifest


def _member(z: zipfile.ZipFile, name: str, table: str, entry, allowed: set[str]) -> list[dict]:
    if not isinstance(entry, dict):
        raise PackageError(f"Manifes paket {name} rusak (tabel {table})")
    try:
        data = z.read(entry["file"])
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError, OSError) as exc:
        raise PackageError(f"Paket {name} rusak: bagian {table} tidak terbaca") from exc
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        raise PackageError(f"Paket {name} ditolak: bagian {table} tidak cocok dengan "
                           "checksum SHA-256 di manifes (rusak atau diubah di jalan)")
    rows, seen = [], set()
    for n, line in enumerate(data.splitlines(), start=1):
        try:
            row = json.loads(line.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise PackageError(f"Paket {name} rusak: {table} baris {n}") from exc
        if not isinstance(row, dict) or not isinstance(row.get("uuid"), str) or \
                set(row) - allowed:
            unknown = ", ".join(sorted(set(row) - allowed)) if isinstance(row, dict) else ""
            raise PackageError(f"Paket {name} ditolak: {table} baris {n} tidak sesuai skema"
                               + (f" (kolom tidak dikenal: {unknown})" if unknown else ""))
        if row["uuid"] in seen:
            raise PackageError(f"Paket {name} ditolak: {table} baris {n} mengulang uuid "
                               f"{row['uuid']}")
        seen.add(row["uuid"])
        rows.append(row)
    if len(rows) != entry.get("rows"):
        raise PackageError(f"Paket {name} ditolak: {table} berisi {len(rows)} baris, "
                           f"manifes menyebut {entry.get('rows')}")
    return rows
