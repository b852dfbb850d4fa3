"""Data packages between offices, the public face the command line and the window use:
export what changed, check and merge what arrives (the merge itself: ``package_merge``; the
numbering of packages and the versions of rows: ``package_order``).

Export (``export_package``): this office's next package, numbered, holding for each
receiver every row changed since the last package of this office that receiver
acknowledged (before it has acknowledged any: since the previous package to it;
``everything``: all rows), tombstones included — so what a lost package held goes again. A
kabupaten/kota office sends only the rows it owns; the province sends everything (the
document and targets, and every office's records it has gathered). A row changed here
since it was last exchanged gets this package's number in its version (``versi``); each
exported row's content hash is remembered as the version the other offices now have
(``sync_hash``).

Every package is signed with this office's key and sealed to the receiving offices' keys
(``office_keys``; the format in ``exchange.package``): a district's packages go to the
province, the province's to every district whose key it knows (or those named, ``to``).
Where a receiver's key is not known yet the export is refused (``ReceiverKeyUnknown``)
unless sent ``unsealed`` (signed only).

Receiving checks the signature, then whether the sender's key may speak for the office it
claims (``office_keys.check_sender``: pinned, or first seen), then the package's number (a
package without one comes from a version before numbering, refused), then opens the body
and checks every value — all before anything is merged; a first-seen key is pinned with
the merge. The merge (``package_merge``) goes row by row by uuid, the versions deciding:
an older version never replaces a newer one, changes made apart are conflicts; rows whose
parent has not arrived are held back and applied by a later merge. A gap in the sender's
numbers, a late package and a number received before under another package id (a replay)
are reported. Importing the same package twice changes nothing. The database is backed
up before a merge; the merge is one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from peewee import OperationalError

from ..domain.ownership import PROVINSI, REGIONAL
from ..domain.wilayah import KABUPATEN_KOTA
from ..exchange import package as pkgfile
from ..store import audit, backup, migrate
from ..store import models as m
from ..store.database import DISK_FULL, is_disk_full
from ..store.fields import new_uuid, utc_now
from . import office_keys, ownership, package_order, package_values, package_witness
from .package_merge import (  # noqa: F401  (the public face: callers import from here)
    BULK_ROWS, ConflictError, ConflictView, HeldRow, MergeResult, Refused, Source, TableCounts,
    conflicts, had_conflict, held_rows, merge, resolve,
)
from .package_order import bump, parse_versi, versi_text
from .sync_rows import ORDER, Mapper, all_portable_columns, content_hash, portable_schema


@dataclass
class ExportResult:
    """Attributes: receivers: the offices the package is sealed to (none: unsealed);
    fingerprint: of this office's key, which signed it; without_key: the districts a
    province package is not sealed to, their keys not known here; nomor: the package's
    number; since: the rows it holds changed after this time (None: all)."""

    path: Path
    package_id: str
    since: str | None
    counts: dict[str, int]
    receivers: tuple[pkgfile.Party, ...] = ()
    fingerprint: str = ""
    without_key: list[str] = field(default_factory=list)
    nomor: int = 0


def _conn():
    return m.database.connection()


def last_export() -> str | None:
    row = (m.Paket.select().where(m.Paket.arah == "keluar")
           .order_by(m.Paket.dicatat_at.desc()).first())
    return row.dicatat_at if row else None


def _owned_where(table: str, office: str) -> tuple[str, tuple]:
    """SQL condition for the rows of ``table`` a kabupaten/kota office owns."""
    if table in ("koperasi", "usaha_kecil"):
        return "kabupaten_id = (SELECT id FROM kabupaten WHERE bps = ?)", (office,)
    return ("koperasi_id IN (SELECT c.id FROM koperasi AS c JOIN kabupaten AS k ON "
            "k.id = c.kabupaten_id WHERE k.bps = ?)"), (office,)


UNSEALED_WARNING = ("Paket tidak disegel: NIK pemilik dan data lain di dalamnya dapat "
                    "dibaca siapa pun yang memegang berkasnya (flashdisk yang hilang, "
                    "surel yang salah kirim); hanya tanda tangannya yang menjaga isinya dari "
                    "pemalsuan")


def intended(to: list[str] | None = None) -> list[str]:
    """The offices a package is meant for (sealed to them or not): those named in ``to``,
    else the province for a district's package and every district for the province's."""
    office = ownership.office_code()
    if not to:
        return [PROVINSI] if office != PROVINSI else [k.bps for k in KABUPATEN_KOTA]
    codes = list(dict.fromkeys(office_keys.office_code_of(t) for t in to))
    if office in codes:
        raise pkgfile.PackageError("Paket tidak dikirim ke kantor ini sendiri; sebutkan "
                                   "kantor penerima yang lain")
    return codes


def receivers(to: list[str] | None = None) -> tuple[list[pkgfile.Party], list[str]]:
    """The offices a package is sealed to, and the districts left out (their keys unknown):
    those named in ``to``, else a district's package to the province and the province's to
    every district whose key is known here. Raises ``ReceiverKeyUnknown`` for a named
    office (or the province) whose key is not known."""
    codes = intended(to)
    if not to and ownership.office_code() == PROVINSI:
        found = [office_keys.receiver(c) for c in codes]
        parties = [p for p in found if p is not None]
        if not parties:
            raise office_keys.ReceiverKeyUnknown(None)
        return parties, [c for c, p in zip(codes, found) if p is None]
    parties = []
    for code in codes:
        party = office_keys.receiver(code)
        if party is None:
            raise office_keys.ReceiverKeyUnknown(code)
        parties.append(party)
    return parties, []


def export_package(path: str | Path, since: str | None = None, everything: bool = False,
                   to: list[str] | None = None, unsealed: bool = False) -> ExportResult:
    """Write this office's next package to ``path``, signed, and sealed to the offices
    ``to`` (default: ``receivers``) unless ``unsealed``. ``since``: also the rows changed
    since that time; ``everything``: all rows."""
    path = Path(path)
    office = ownership.office_code()
    parties, without_key = ([], []) if unsealed else receivers(to)
    codes = [p.office for p in parties] if parties else intended(to)
    with m.database.atomic():
        secret = office_keys.own_secret()
    started = utc_now()
    plan = package_order.outgoing(codes, since, everything)
    conn = _conn()
    mapper = Mapper(conn)
    tables: dict[str, list[dict]] = {}
    exchanged: dict[str, list[tuple]] = {}
    for table in ORDER:
        if office != PROVINSI and table not in REGIONAL:
            continue  # the province's data: a district never changes it
        where, args = [], []
        if plan.since:
            where.append("updated_at > ?")
            args.append(plan.since)
        if office != PROVINSI:
            w, a = _owned_where(table, office)
            where.append(w)
            args.extend(a)
        rows, done = [], []
        for local in mapper.rows(table, " AND ".join(where), tuple(args)):
            row = mapper.to_portable(table, local)
            digest = content_hash(row)
            if digest != local["sync_hash"]:  # changed here since last exchanged
                row["versi"] = versi_text(bump(parse_versi(local["versi"]), office,
                                               plan.nomor))
            rows.append(row)
            done.append((digest, row["versi"], row["uuid"]))
        if rows:
            tables[table], exchanged[table] = rows, done
    info = ownership.describe(office)
    head = package_witness.outgoing()
    package = pkgfile.Package(new_uuid(), office, info, started, plan.since,
                              migrate.latest_version(), tables, order=plan.block,
                              audit_head=head)
    envelope = pkgfile.write(path, package, secret, parties)
    with m.database.atomic():
        for table, done in exchanged.items():
            conn.executemany(f"UPDATE {table} SET sync_hash = ?, versi = ? WHERE uuid = ?",
                             done)
        m.Paket.create(package_id=package.package_id, arah="keluar",
                       kantor=",".join(p.office for p in parties),
                       nama_berkas=path.name, dibuat_at=started, sejak=plan.since,
                       dicatat_at=utc_now(), jumlah=json.dumps(package.counts()),
                       nomor=plan.nomor, penerima=",".join(codes))
        package_witness.record_sent(package.package_id, [p.office for p in parties], started,
                                    head)
    return ExportResult(path, package.package_id, plan.since, package.counts(), tuple(parties),
                        envelope.sender.fingerprint, without_key, plan.nomor)


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
    conn = _conn()
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
        backup.create(backup.current_path(), "sebelum-paket", conn=_conn())
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


def history() -> list[m.Paket]:
    return list(m.Paket.select().order_by(m.Paket.dicatat_at.desc()))
