"""Receiving a data package: its outside checked (``open_package``) — the signature, then
whether the sender's key may speak for the office it claims (``office_keys.check_sender``:
pinned, or first seen), then the package's number (a package without one comes from a
version before numbering, refused) — then its body opened and every value checked
(``read_package``), all before anything is merged; a first-seen key is pinned with the
merge. The merge itself (``package_merge``) goes row by row by uuid, the versions deciding;
rows whose parent has not arrived are held back (``held_rows``) and applied by a later
merge. A gap in the sender's numbers, a late package and a number received before under
another package id (a replay) are reported. Importing the same package twice changes
nothing. The database is backed up before a merge (``MergeResult.backup``: said when it
did not reach the second backup folder); the merge is one transaction, and its result names
what it changed (``MergeResult.changes``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import OperationalError

from ..exchange import package as pkgfile
from ..store import audit, backup, migrate
from ..store import models as m
from ..store.database import DISK_FULL, is_disk_full
from ..store.fields import utc_now
from . import office_keys, ownership, package_order, package_values, package_witness, row_names
from .package_export import UNSEALED_WARNING
from .package_merge import MergeResult, Source, merge
from .sync_rows import all_portable_columns, portable_schema


def open_package(path: str | Path) -> tuple[pkgfile.Envelope, office_keys.Trust]:
    """Read a package's outside, check its signature and decide whether the key it is
    signed with may speak for the office it claims here; refused (``PackageError``) when
    not, or when it is sealed to another office. Writes nothing."""
    env = pkgfile.open_envelope(Path(path), migrate.latest_version())
    if env.sender.office == ownership.office_code():
        raise pkgfile.PackageError(f"Paket {env.name} dibuat oleh kantor ini sendiri; "
                                   "impor paket dari kantor lain")
    trust = office_keys.check_sender(env)
    if env.sealed:
        _check_receiver(env)
    return env, trust


def _check_receiver(env: pkgfile.Envelope) -> None:
    office = ownership.office_code()
    mine = office_keys.own_party(create=False)
    if any(mine is not None and r.office == office and r.public_key == mine.public_key
           for r in env.receivers):
        return
    here = ownership.describe(office) + (f" (sidik {mine.fingerprint})" if mine
                                         else " (belum mempunyai kunci)")
    to = ", ".join(f"{ownership.describe(r.office)} (sidik {r.fingerprint})"
                   for r in env.receivers)
    raise pkgfile.PackageError(
        f"Paket {env.name} disegel untuk {to} dan tidak dapat dibuka di {here}: hanya kantor "
        "penerimanya yang dapat membukanya. Minta kantor pengirim membuat paket untuk kantor "
        "ini")


def read_package(env: pkgfile.Envelope) -> pkgfile.Package:
    """The package's body, checked whole: its file (``exchange.package``, opened with this
    office's key when sealed), then every value of every row by the register rules
    (``package_values``)."""
    conn = m.database.connection()
    secret = office_keys.own_secret(create=False) if env.sealed else None
    pkg = pkgfile.read_body(env, secret, all_portable_columns(conn), stream=True)
    package_values.check_tables(pkg.tables, portable_schema(conn), env.name)
    return pkg


def import_package(path: str | Path, dry_run: bool = False) -> MergeResult:
    """Check and merge a package (``dry_run``: only tell what would change)."""
    path = Path(path)
    env, trust = open_package(path)
    # names shown from the office codes, not as the package spells them
    result = MergeResult(env.package_id, env.sender.office, ownership.describe(env.sender.office),
                         dry_run=dry_run, fingerprint=trust.fingerprint, new_key=trust.new,
                         receivers=env.receivers)
    if not env.sealed:
        result.warnings.append(UNSEALED_WARNING)
    if trust.new:
        result.warnings.append(
            f"Kunci {ownership.describe(env.sender.office)} baru pertama kali diterima di "
            f"sini (sidik {trust.fingerprint}): bandingkan sidik ini lewat telepon dengan "
            "kantor pengirim. Kunci ini dicatat saat paket digabungkan")
    if m.Paket.select().where((m.Paket.package_id == env.package_id)
                              & (m.Paket.arah == "masuk")).exists():
        result.already = True
        return result
    chain = package_witness.check(env)
    result.audit_chain = chain.messages
    result.warnings.extend(chain.messages)
    order = package_order.incoming(env)
    result.nomor = order.nomor
    pkg = read_package(env)
    ownership.check_writable()
    if dry_run:
        with m.database.atomic() as tx:
            _receive(pkg, order, result, path)
            tx.rollback()
        return result
    try:
        result.backup = backup.create(backup.current_path(), "sebelum-paket",
                                      conn=m.database.connection())
    except backup.BackupError as exc:
        raise pkgfile.PackageError(f"{exc}. Paket tidak digabungkan") from exc
    try:
        with audit.recording(m.database, f"Paket {path.name} dari {pkg.office_name or pkg.office}"):
            _receive(pkg, order, result, path)
            office_keys.record_sender(env, trust, utc_now())
            package_witness.record_received(env, chain)
    except (OperationalError, sqlite3.OperationalError) as exc:
        if not is_disk_full(exc):
            raise
        raise pkgfile.PackageError(DISK_FULL) from exc
    return result


def _receive(pkg: pkgfile.Package, order: package_order.Incoming, result: MergeResult,
             path: Path) -> None:
    """Merge and record the package (in the caller's transaction); then what its number
    says: a late package, the sender's packages still missing."""
    now = utc_now()
    highest = package_order.highest_received(order.sender)
    earlier = package_order.replayed(order)
    merge(pkg, result, Source(pkg.office, pkg.package_id, order.nomor),
          package_order.last_number(), now)
    m.Paket.create(package_id=pkg.package_id, arah="masuk", kantor=pkg.office,
                   nama_berkas=path.name, dibuat_at=pkg.created_at, sejak=pkg.since,
                   dicatat_at=now,
                   jumlah=json.dumps({t: c.as_dict() for t, c in result.counts.items()}),
                   nomor=order.nomor, sebelumnya=order.sebelumnya, dasar=order.dasar,
                   diakui=order.diakui)
    result.order_notes, result.missing = package_order.notes(order, highest, earlier)


@dataclass(frozen=True)
class PackageEntry:
    """A package sent or received, as recorded. Attributes: arah: "keluar" (sent) or
    "masuk" (received); kantor: the receivers (sent) or the sender (received); nomor: its
    number at the sender (None: before numbering); jumlah: its rows per table (JSON)."""

    package_id: str
    arah: str
    kantor: str
    nomor: int | None
    nama_berkas: str
    jumlah: str
    dicatat_at: str


def history() -> list[PackageEntry]:
    """The packages sent and received, the newest first."""
    return [PackageEntry(p.package_id, p.arah, p.kantor, p.nomor, p.nama_berkas, p.jumlah,
                         p.dicatat_at)
            for p in m.Paket.select().order_by(m.Paket.dicatat_at.desc())]


@dataclass(frozen=True)
class HeldRow:
    """A row held back. Attributes: tabel, row_uuid; kantor: the office that sent it;
    nama_berkas: its package's file; alasan: why; dicatat_at: when it arrived; nama: what
    a user reads for the row (row_names), not its uuid."""

    tabel: str
    row_uuid: str
    kantor: str
    nama_berkas: str
    alasan: str
    dicatat_at: str
    nama: str = ""


def held_rows() -> list[HeldRow]:
    files = {p.package_id: p.nama_berkas for p in
             m.Paket.select(m.Paket.package_id, m.Paket.nama_berkas)
             .where(m.Paket.arah == "masuk")}
    return [HeldRow(h.tabel, h.row_uuid, h.kantor, files.get(h.package_id, h.package_id),
                    h.alasan, h.dicatat_at, row_names.name_of_values(h.tabel, json.loads(h.isi)))
            for h in m.Tertahan.select().order_by(m.Tertahan.id)]


