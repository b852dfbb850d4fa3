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
the body (with the receiver's private key when sealed) and checks every member. A zip that
is truncated, corrupted, edited (a signature that does not match, a member whose checksum
or row count differs, a member missing or added, an unknown table or column), or written
in the unsigned format 1, is refused with a message and nothing is read from it.

New fields go into the outer manifest (covered by the signature, readable before the body
is opened) or into the inner one (sealed with the data); readers ignore fields they do not
know within one format version.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from . import keys, readers

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


class PackageError(Exception):
    """A package that cannot be used; ``str()`` is the user's message."""


@dataclass
class Package:
    """Attributes:
    package_id, office, office_name, created_at, since, schema_version: from the manifests.
    tables: table → list of rows (dicts of column → value, portable form).
    """

    package_id: str
    office: str
    office_name: str
    created_at: str
    since: str | None
    schema_version: int
    tables: dict[str, list[dict]] = field(default_factory=dict)
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


def _jsonl(rows: list[dict]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False, sort_keys=True,
                               separators=(",", ":")).encode("utf-8") + b"\n" for r in rows)


def _body(package: Package) -> bytes:
    members, listing = {}, {}
    for table, rows in package.tables.items():
        data = _jsonl(rows)
        name = f"data/{table}.jsonl"
        members[name] = data
        listing[table] = {"file": name, "rows": len(rows),
                          "sha256": hashlib.sha256(data).hexdigest()}
    inner = {"format": BODY_FORMAT, "package_id": package.package_id,
             "office": package.office, "since": package.since, "tables": listing}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(MANIFEST, json.dumps(inner, ensure_ascii=False, indent=1))
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def write(path: Path, package: Package, secret: bytes, receivers: list[Party]) -> Envelope:
    """Write ``package`` signed with ``secret`` (this office's private key), sealed to
    ``receivers`` (none: unsealed), to ``path`` atomically (a temporary file renamed at the
    end). Returns what the receivers will see outside."""
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
                 "sha256": hashlib.sha256(body).hexdigest()},
    }
    if package.audit_head is not None:
        manifest["audit_head"] = package.audit_head
    text = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    signature = keys.sign(secret, SIGN_CONTEXT + text)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(MANIFEST, text)
            z.writestr(SIGNATURE, signature.hex())
            z.writestr(member, body, compress_type=zipfile.ZIP_STORED)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PackageError(f"Paket tidak dapat ditulis ke {path}: {exc.strerror}") from exc
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
        if set(infos) != expected:
            extra = sorted(set(infos) - expected)
            missing = sorted(expected - set(infos))
            raise PackageError(f"Isi paket {name} tidak sesuai manifesnya"
                               + (f"; bagian tambahan: {', '.join(extra)}" if extra else "")
                               + (f"; bagian hilang: {', '.join(missing)}" if missing else ""))
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
              columns: dict[str, set[str]]) -> Package:
    """Open and check the body. ``secret``: the receiver's private key (for a sealed body);
    ``columns``: table → the columns a row may carry."""
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
    since = inner.get("since")
    return Package(envelope.package_id, envelope.sender.office, envelope.sender.office_name,
                   envelope.created_at, since if isinstance(since, str) else None,
                   envelope.schema_version, tables)


def _manifest(text: bytes, name: str) -> dict:
    try:
        manifest = json.loads(text.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise PackageError(f"Manifes paket {name} rusak") from exc
    if not isinstance(manifest, dict):
        raise PackageError(f"Manifes paket {name} rusak")
    return manifest


def _member(z: zipfile.ZipFile, name: str, table: str, entry, allowed: set[str]) -> list[dict]:
    if not isinstance(entry, dict):
        raise PackageError(f"Manifes paket {name} rusak (tabel {table})")
    data = _read_member(z, str(entry.get("file")), name, table)
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
