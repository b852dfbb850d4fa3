"""The data package file (``.ikupkg``) offices send each other, format version 2: signed by
the sending office, and sealed to the receiving offices unless sent unsealed.

The file is a zip of three members:

- ``manifest.json``, the *outer* manifest, readable without any key: the format and its
  version, the schema version of the database that wrote it, the package's id, when it was
  made, the ``sender`` and the ``receivers`` (each: office code, office name, Ed25519
  public key in hex, fingerprint; each receiver also the body's key in a sealed box to it,
  ``sealed_key``; ``receivers`` is empty for a package sent unsealed) and the ``body`` (its
  member name, whether it is sealed, its size and SHA-256). It holds nothing of the data
  itself. ``audit_head``: the sending office's audit chain head (``store.audit_witness``),
  which the receiver checks against the heads it witnessed before.
- ``manifest.sig``: the sender's Ed25519 signature (hex) of ``SIGN_CONTEXT`` followed by
  the bytes of ``manifest.json`` exactly as stored. Through the body's SHA-256 it covers
  the body as the sender wrote it (the sealed bytes, when sealed).
- the body: ``body.sealed`` (the inner zip encrypted with a random key, which each
  receiver opens with its private key: ``keys.seal``) or ``body.zip`` (the inner zip as
  is). The inner zip holds its own ``manifest.json`` (the
  package id and sending office again — they must match the outer ones —, since when its
  rows changed, and for every table its member, row count and SHA-256) and one JSON-lines
  member ``data/<table>.jsonl`` per table.

Reading has two steps, so that the receiver decides whether it trusts the sender's key
between them: ``open_envelope`` checks the outer zip and the signature (with the key the
manifest names) and returns the outer manifest and the body's bytes; ``read_body`` opens
the body (with the receiver's private key when sealed) and checks every member.

Bounded: the outer manifest declares the body's row count (``body.rows``); a package of
more than ``MAX_ROWS`` rows is refused before its body is read, and the members must hold
exactly the rows declared (reading stops at the first row too many). Members are read as
a stream, line by line (a line at most ``MAX_LINE`` bytes), and their rows are never all
in memory: ``read_body(stream=True)`` gives each table's rows as ``Rows``, read again from
the checked body each time they are walked; the uuids are checked for repeats in a
temporary SQLite file. Writing streams each member into the body the same way. A zip that
is truncated, corrupted, edited (a signature that does not match, a member whose checksum
or row count differs, a member missing or added, an unknown table or column), or written
in the unsigned format 1, is refused with a message and nothing is read from it.

The outer manifest also carries ``urutan``: the package's number at its sending office,
for each receiver the previous package sent to it and the acknowledgement it builds on, and
what the sender has received (written and read by ``services.package_order``).

New fields go into the outer manifest (covered by the signature, readable before the body
is opened) or into the inner one (sealed with the data); readers ignore fields they do not
know within one format version.
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Refused
from ..domain.formatting import format_number
from . import keys, readers
from .output import OutputError, output_file

FORMAT = "iku-paket"
FORMAT_VERSION = 2
BODY_FORMAT = "iku-paket-isi"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
BODY_SEALED, BODY_PLAIN = "body.sealed", "body.zip"
SIGN_CONTEXT = b"IKU Desktop paket data v2\n"
SUFFIX = ".ikupkg"
MAX_FILE = 512 * 1024 * 1024  # the package file itself
MAX_UNCOMPRESSED = 2 * 1024 * 1024 * 1024  # declared, all members
MAX_RATIO = 200  # members above 10 MiB
MAX_MEMBERS = 100
MAX_MANIFEST = 1024 * 1024  # a manifest or signature, declared size
# rows in one package: a province's whole register at ten times Jambi's size is ≈ 800.000;
# a merge runs at ≈ 15.000 rows/s, so this is minutes of work (docs/PERFORMANCE.md)
MAX_ROWS = 2_000_000
MAX_LINE = 8 * 1024 * 1024  # one row's JSON line
ORDER_FIELD = "urutan"  # the outer manifest's package numbering (services.package_order)


class PackageError(Refused):
    """A package that cannot be used; ``str()`` is the user's message."""


@dataclass
class Package:
    """Attributes:
    package_id, office, office_name, created_at, since, schema_version: from the manifests.
    tables: table → its rows (dicts of column → value, portable form): a list, or for a
    package read with ``stream=True`` a ``Rows`` (walked again from the body each time).
    order: the package's number and what it says to each receiver, the outer manifest's
    ``urutan`` as it is (built and checked by ``services.package_order``; None: none).
    """

    package_id: str
    office: str
    office_name: str
    created_at: str
    since: str | None
    schema_version: int
    tables: dict[str, list[dict]] = field(default_factory=dict)
    order: dict | None = None
    audit_head: dict | None = None  # the sender's audit chain head (store.audit_witness)

    def counts(self) -> dict[str, int]:
        return {t: len(rows) for t, rows in self.tables.items()}


@dataclass(frozen=True)
class Party:
    """The sender or the receiver of a package: office code ("provinsi" or a BPS code),
    the office's name, and its public key (32 bytes)."""

    office: str
    office_name: str
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.public_key)

    def as_dict(self) -> dict:
        return {"office": self.office, "office_name": self.office_name,
                "public_key": self.public_key.hex(), "fingerprint": self.fingerprint}


@dataclass(frozen=True)
class Envelope:
    """A package's outer part, its signature checked against ``sender.public_key`` (whether
    that key is the sender's is the receiver's decision). ``receivers`` is empty when the
    package was sent unsealed, ``sealed_keys`` the body's key sealed to each of them;
    ``body``: the sealed or plain inner zip."""

    name: str
    package_id: str
    created_at: str
    schema_version: int
    sender: Party
    receivers: tuple[Party, ...]
    sealed_keys: tuple[bytes, ...]
    body: bytes
    manifest: dict

    @property
    def sealed(self) -> bool:
        return bool(self.receivers)


def _line(row: dict) -> bytes:
    return json.dumps(row, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8") + b"\n"


def _write_member(z: zipfile.ZipFile, name: str, rows) -> dict:
    """Stream ``rows`` into the member ``name`` as JSON lines; its listing entry."""
    digest, n, chunk = hashlib.sha256(), 0, []
    with z.open(name, "w") as f:
        for row in rows:
            chunk.append(_line(row))
            n += 1
            if len(chunk) == 2000:
                block = b"".join(chunk)
                digest.update(block)
                f.write(block)
                chunk = []
        block = b"".join(chunk)
        digest.update(block)
        f.write(block)
    return {"file": name, "rows": n, "sha256": digest.hexdigest()}


def _body(package: Package) -> bytes:
    listing = {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for table, rows in package.tables.items():
            listing[table] = _write_member(z, f"data/{table}.jsonl", rows)
        inner = {"format": BODY_FORMAT, "package_id": package.package_id,
                 "office": package.office, "since": package.since, "tables": listing}
        z.writestr(MANIFEST, json.dumps(inner, ensure_ascii=False, indent=1))
    return out.getvalue()


def too_many_rows(name: str, rows: int) -> str:
    return (f"Paket {name} berisi {format_number(rows, 0)} baris, lebih dari batas "
            f"{format_number(MAX_ROWS, 0)} baris satu paket: kirim data dalam beberapa paket "
            "yang lebih kecil, misalnya hanya yang berubah sejak tanggal tertentu (iku package "
            "export --since TANGGAL)")


def write(path: Path, package: Package, secret: bytes, receivers: list[Party]) -> Envelope:
    """Write ``package`` signed with ``secret`` (this office's private key), sealed to
    ``receivers`` (none: unsealed), to ``path`` atomically (a temporary file renamed at the
    end). Returns what the receivers will see outside."""
    rows = sum(len(r) for r in package.tables.values())
    if rows > MAX_ROWS:
        raise PackageError(too_many_rows(path.name, rows) + "; paket tidak ditulis")
    body, sealed_keys = _body(package), []
    if receivers:
        body, sealed_keys = keys.seal([r.public_key for r in receivers], body)
    sender = Party(package.office, package.office_name, keys.public_of(secret))
    member = BODY_SEALED if receivers else BODY_PLAIN
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "schema_version": package.schema_version, "package_id": package.package_id,
        "created_at": package.created_at, "sender": sender.as_dict(),
        "receivers": [dict(r.as_dict(), sealed_key=k.hex())
                      for r, k in zip(receivers, sealed_keys)],
        "body": {"file": member, "sealed": bool(receivers), "size": len(body),
                 "sha256": hashlib.sha256(body).hexdigest(), "rows": rows},
    }
    if package.order is not None:
        manifest[ORDER_FIELD] = package.order
    if package.audit_head is not None:
        manifest["audit_head"] = package.audit_head
    text = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    signature = keys.sign(secret, SIGN_CONTEXT + text)
    try:  # refuses a device, FIFO, folder or symbolic link; whole or nothing
        with output_file(path) as tmp:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr(MANIFEST, text)
                z.writestr(SIGNATURE, signature.hex())
                z.writestr(member, body, compress_type=zipfile.ZIP_STORED)
    except OutputError as exc:
        raise PackageError(f"Paket tidak ditulis. {exc}") from exc
    return Envelope(path.name, package.package_id, package.created_at,
                    package.schema_version, sender, tuple(receivers), tuple(sealed_keys), body,
                    manifest)


def _open_zip(data: bytes, name: str) -> tuple[zipfile.ZipFile, dict]:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = {i.filename: i for i in z.infolist()}
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise PackageError(f"Paket {name} rusak atau terpotong (bukan paket data IKU yang "
                           "utuh); minta kantor pengirim mengirim ulang") from exc
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos.values()) > \
            MAX_UNCOMPRESSED or any(
            i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_RATIO * max(1, i.compress_size)
            for i in infos.values()):
        z.close()
        raise PackageError(f"Paket {name} ditolak: isinya mengembang tidak wajar")
    return z, infos


def _small(infos: dict, members: tuple[str, ...], name: str) -> None:
    """A manifest or signature is a few kilobytes: refuse one declared larger."""
    for member in members:
        if member in infos and infos[member].file_size > MAX_MANIFEST:
            raise PackageError(f"Paket {name} ditolak: bagian {member} terlalu besar")


def _read_member(z: zipfile.ZipFile, member: str, name: str, what: str) -> bytes:
    try:
        return z.read(member)
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError, OSError) as exc:
        raise PackageError(f"Paket {name} rusak: bagian {what} tidak terbaca") from exc


def _check_members(found: set[str], expected: set[str], name: str) -> None:
    """A zip holds exactly the members its manifest names."""
    if found != expected:
        extra, missing = sorted(found - expected), sorted(expected - found)
        raise PackageError(f"Isi paket {name} tidak sesuai manifesnya"
                           + (f"; bagian tambahan: {', '.join(extra)}" if extra else "")
                           + (f"; bagian hilang: {', '.join(missing)}" if missing else ""))


def _party(value, name: str, role: str) -> Party:
    if not isinstance(value, dict):
        raise PackageError(f"Manifes paket {name} tidak lengkap: {role} tidak ada")
    public = keys.public_from_hex(value.get("public_key"))
    office = value.get("office")
    if public is None or not isinstance(office, str) or not office:
        raise PackageError(f"Manifes paket {name} rusak: kunci atau kode kantor {role} "
                           "tidak terbaca")
    return Party(office, str(value.get("office_name", "")), public)


def open_envelope(path: Path, schema_version: int) -> Envelope:
    """Read a package's outer part and check its signature (see the module docstring).
    ``schema_version``: the newest schema this program knows."""
    name = path.name
    try:  # a regular file only (not a FIFO, /dev/zero, a folder), read to a bound
        data = readers.read_input(path, MAX_FILE)
    except readers.ReadError as exc:
        raise PackageError(f"Paket ditolak: {exc}") from exc
    z, infos = _open_zip(data, name)
    with z:
        if MANIFEST not in infos:
            raise PackageError(f"Berkas {name} bukan paket data IKU Desktop (tidak ada manifes)")
        _small(infos, (MANIFEST, SIGNATURE), name)
        text = _read_member(z, MANIFEST, name, MANIFEST)
        manifest = _manifest(text, name)
        if manifest.get("format") != FORMAT:
            raise PackageError(f"Berkas {name} bukan paket data IKU Desktop")
        version = manifest.get("format_version")
        if version == 1:
            raise PackageError(f"Paket {name} memakai format lama tanpa tanda tangan kantor "
                               "pengirim dan tidak dapat diterima: minta kantor pengirim "
                               "memperbarui IKU Desktop lalu mengirim paketnya lagi")
        if version != FORMAT_VERSION:
            raise PackageError(f"Paket {name} memakai format versi {version}; perbarui "
                               "IKU Desktop")
        schema = manifest.get("schema_version")
        if not isinstance(schema, int) or isinstance(schema, bool) or schema > schema_version:
            raise PackageError(f"Paket {name} dibuat oleh IKU Desktop yang lebih baru "
                               f"(skema {schema}); perbarui aplikasi")
        body_entry = manifest.get("body")
        if not isinstance(body_entry, dict) or body_entry.get("file") not in (
                BODY_SEALED, BODY_PLAIN):
            raise PackageError(f"Manifes paket {name} tidak lengkap: body tidak ada")
        member = body_entry["file"]
        expected = {MANIFEST, SIGNATURE, member}
        _check_members(set(infos), expected, name)
        sender = _party(manifest.get("sender"), name, "pengirim")
        try:
            signature = bytes.fromhex(_read_member(z, SIGNATURE, name, SIGNATURE)
                                      .decode("ascii").strip())
        except (UnicodeDecodeError, ValueError):
            signature = b""
        if not keys.verify(sender.public_key, SIGN_CONTEXT + text, signature):
            raise PackageError(f"Paket {name} ditolak: tanda tangan kantor pengirim tidak "
                               "cocok dengan manifesnya (paket diubah setelah ditandatangani, "
                               "atau dipalsukan)")
        receivers, sealed_keys = _receivers(manifest.get("receivers"), name,
                                            member == BODY_SEALED)
        _declared_rows(body_entry, name)  # before the body is read
        body = _read_member(z, member, name, member)
    if len(body) != body_entry.get("size") or \
            hashlib.sha256(body).hexdigest() != body_entry.get("sha256"):
        raise PackageError(f"Paket {name} ditolak: bagian {member} tidak cocok dengan "
                           "checksum SHA-256 di manifes (rusak atau diubah di jalan)")
    package_id, created = manifest.get("package_id"), manifest.get("created_at")
    if not isinstance(package_id, str) or not package_id or not isinstance(created, str):
        raise PackageError(f"Manifes paket {name} tidak lengkap: package_id atau created_at "
                           "tidak ada")
    return Envelope(name, package_id, created, schema, sender, receivers, sealed_keys, body,
                    manifest)


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _declared_rows(body_entry: dict, name: str) -> int | None:
    """The rows the outer manifest declares (None: written before rows were declared);
    refused above ``MAX_ROWS``."""
    rows = body_entry.get("rows")
    if rows is None:
        return None
    if not _count(rows):
        raise PackageError(f"Manifes paket {name} rusak: jumlah baris tidak terbaca")
    if rows > MAX_ROWS:
        raise PackageError(too_many_rows(name, rows))
    return rows


def _receivers(value, name: str, sealed: bool) -> tuple[tuple[Party, ...], tuple[bytes, ...]]:
    if not isinstance(value, list) or bool(value) != sealed:
        raise PackageError(f"Manifes paket {name} rusak: daftar penerima tidak sesuai "
                           "segelnya")
    parties = tuple(_party(v, name, "penerima") for v in value)
    try:
        sealed_keys = tuple(bytes.fromhex(v.get("sealed_key")) for v in value)
    except (TypeError, ValueError) as exc:
        raise PackageError(f"Manifes paket {name} rusak: kunci segel penerima tidak terbaca") \
            from exc
    return parties, sealed_keys


def read_body(envelope: Envelope, secret: bytes | None,
              columns: dict[str, set[str]], stream: bool = False) -> Package:
    """Open and check the body. ``secret``: the receiver's private key (for a sealed body);
    ``columns``: table → the columns a row may carry; ``stream``: the tables as ``Rows``
    (read again from the body when walked) instead of lists."""
    name, data = envelope.name, envelope.body
    if envelope.sealed:
        public = keys.public_of(secret) if secret is not None else None
        data = next((keys.unseal(secret, k, data) for r, k in
                     zip(envelope.receivers, envelope.sealed_keys)
                     if r.public_key == public), None)
        if data is None:
            to = ", ".join(f"{r.office} (sidik {r.fingerprint})" for r in envelope.receivers)
            raise PackageError(f"Paket {name} tidak dapat dibuka dengan kunci kantor ini: "
                               f"isinya disegel untuk {to}")
    z, infos = _open_zip(data, name)
    with z:
        if MANIFEST not in infos:
            raise PackageError(f"Isi paket {name} rusak (tidak ada manifes isi)")
        _small(infos, (MANIFEST,), name)
        inner = _manifest(_read_member(z, MANIFEST, name, MANIFEST), name)
        if inner.get("format") != BODY_FORMAT:
            raise PackageError(f"Isi paket {name} rusak (bukan isi paket data IKU)")
        if inner.get("package_id") != envelope.package_id or \
                inner.get("office") != envelope.sender.office:
            raise PackageError(f"Paket {name} ditolak: isi paket bukan milik manifesnya "
                               "(nomor paket atau kantor pengirim berbeda)")
        listing = inner.get("tables")
        if not isinstance(listing, dict):
            raise PackageError(f"Manifes paket {name} tidak lengkap")
        expected = {MANIFEST} | {str(v.get("file")) for v in listing.values()
                                 if isinstance(v, dict)}
        _check_members(set(infos), expected, name)
        for table, entry in listing.items():
            if table not in columns:
                raise PackageError(f"Paket {name} berisi tabel yang tidak dikenal: {table}")
            if not isinstance(entry, dict) or not _count(entry.get("rows")):
                raise PackageError(f"Manifes paket {name} rusak (tabel {table})")
        _check_total(envelope, sum(e["rows"] for e in listing.values()))
        with _UuidSet(name) as seen:
            for table, entry in listing.items():
                _scan(z, name, table, entry, columns[table], seen)
    tables = {t: Rows(data, str(e["file"]), e["rows"]) for t, e in listing.items()}
    if not stream:
        tables = {t: list(rows) for t, rows in tables.items()}
    since = inner.get("since")
    return Package(envelope.package_id, envelope.sender.office, envelope.sender.office_name,
                   envelope.created_at, since if isinstance(since, str) else None,
                   envelope.schema_version, tables, order=envelope.manifest.get(ORDER_FIELD))


def _manifest(text: bytes, name: str) -> dict:
    try:
        manifest = json.loads(text.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise PackageError(f"Manifes paket {name} rusak") from exc
    if not isinstance(manifest, dict):
        raise PackageError(f"Manifes paket {name} rusak")
    return manifest


def _check_total(envelope: Envelope, total: int) -> None:
    """The body's listing holds the rows the outer manifest declared, at most MAX_ROWS."""
    declared = envelope.manifest.get("body", {}).get("rows")
    if declared is not None and total != declared:
        raise PackageError(f"Paket {envelope.name} ditolak: isinya menyebut "
                           f"{format_number(total, 0)} baris, manifes luarnya "
                           f"{format_number(declared, 0)} baris")
    if total > MAX_ROWS:
        raise PackageError(too_many_rows(envelope.name, total))


class _UuidSet:
    """The uuids of a package's rows per table, to find one repeated: kept in a private
    temporary SQLite database (spilled to disk as it grows), so its memory does not grow
    with the package."""

    BATCH = 20_000

    def __init__(self, name: str) -> None:
        self.name, self.batch = name, []
        self.conn = sqlite3.connect("")
        self.conn.execute("CREATE TABLE u (t TEXT, u TEXT, n INTEGER, PRIMARY KEY (t, u)) "
                          "WITHOUT ROWID")

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.conn.close()

    def add(self, table: str, uuid: str, n: int) -> None:
        self.batch.append((table, uuid, n))
        if len(self.batch) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        try:
            with self.conn:
                self.conn.executemany("INSERT INTO u VALUES (?, ?, ?)", batch)
        except sqlite3.OperationalError as exc:  # the temporary folder full
            raise PackageError(f"Paket {self.name} tidak dapat diperiksa: folder sementara "
                               f"tidak dapat ditulis ({exc})") from exc
        except sqlite3.IntegrityError:
            for table, uuid, n in batch:  # the first repeat, in the order of the rows
                try:
                    with self.conn:
                        self.conn.execute("INSERT INTO u VALUES (?, ?, ?)", (table, uuid, n))
                except sqlite3.IntegrityError:
                    first = self.conn.execute("SELECT n FROM u WHERE t = ? AND u = ?",
                                              (table, uuid)).fetchone()[0]
                    raise PackageError(f"Paket {self.name} ditolak: {table} baris {n} memakai "
                                       f"pengenal (uuid) yang sama dengan baris {first}; paket "
                                       "ini rusak atau diubah") from None


class Rows:
    """The rows of one member of a checked body, read again from it (a stream of JSON
    lines) each time they are walked: a package's rows are never all in memory."""

    def __init__(self, body: bytes, member: str, count: int) -> None:
        self.body, self.member, self.count = body, member, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        with zipfile.ZipFile(io.BytesIO(self.body)) as z, z.open(self.member) as f:
            for line in f:
                yield json.loads(line)

    def __repr__(self) -> str:
        return f"Rows({self.member!r}, {self.count})"


class _TooMany(PackageError):
    """A member holding more rows than declared."""


_UNREADABLE = (zipfile.BadZipFile, EOFError, ValueError, OSError, zlib.error)


def _scan(z: zipfile.ZipFile, name: str, table: str, entry: dict, allowed: set[str],
          seen: _UuidSet) -> None:
    """Check one member as a stream: its SHA-256, every row's JSON and columns, no uuid
    repeated, exactly the rows declared (stopping at the first one too many)."""
    declared, digest, n = entry["rows"], hashlib.sha256(), 0
    try:
        with z.open(str(entry.get("file"))) as f:
            try:
                while line := f.readline(MAX_LINE + 1):
                    digest.update(line)
                    n += 1
                    if n > declared:  # not read any further
                        raise _TooMany(f"Paket {name} ditolak: {table} berisi lebih dari "
                                       f"{format_number(declared, 0)} baris yang disebut "
                                       "manifesnya")
                    if len(line) > MAX_LINE:
                        raise PackageError(f"Paket {name} ditolak: {table} baris {n} terlalu "
                                           "panjang")
                    seen.add(table, _row(line, name, table, n, allowed)["uuid"], n)
                seen.flush()
            except _TooMany:
                raise
            except PackageError:
                # a member that is not what its sender wrote is named as such
                while block := f.read(1 << 20):
                    digest.update(block)
                _checksum(digest, entry, name, table)
                raise
    except _UNREADABLE as exc:
        raise PackageError(f"Paket {name} rusak: bagian {table} tidak terbaca") from exc
    _checksum(digest, entry, name, table)
    if n != declared:
        raise PackageError(f"Paket {name} ditolak: {table} berisi {format_number(n, 0)} "
                           f"baris, manifes menyebut {format_number(declared, 0)}")


def _checksum(digest, entry: dict, name: str, table: str) -> None:
    if digest.hexdigest() != entry.get("sha256"):
        raise PackageError(f"Paket {name} ditolak: bagian {table} tidak cocok dengan "
                           "checksum SHA-256 di manifes (rusak atau diubah di jalan)")


def _row(line: bytes, name: str, table: str, n: int, allowed: set[str]) -> dict:
    try:
        row = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        raise PackageError(f"Paket {name} rusak: {table} baris {n}") from exc
    if not isinstance(row, dict) or not isinstance(row.get("uuid"), str) or \
            set(row) - allowed:
        unknown = ", ".join(sorted(set(row) - allowed)) if isinstance(row, dict) else ""
        raise PackageError(f"Paket {name} ditolak: {table} baris {n} tidak sesuai skema"
                           + (f" (kolom tidak dikenal: {unknown})" if unknown else ""))
    return row
