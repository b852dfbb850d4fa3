"""Data packages between offices: export what changed, merge what arrives.

Export (``export_package``): the rows changed since the last package this office sent
(or since ``since``, or all), tombstones included — a kabupaten/kota office sends only the
rows it owns; the province sends everything (the document and targets, and every office's
records it has gathered). Each exported row's content hash is remembered as the version
the other offices now have (``sync_hash``).

Every package is signed with this office's key and sealed to the receiving offices' keys
(``office_keys``; the format in ``exchange.package``): a district's packages go to the
province, the province's to every district whose key it knows (or those named, ``to``).
Where a receiver's key is not known yet the export is refused (``ReceiverKeyUnknown``)
unless sent ``unsealed`` (signed only).

Receiving checks the signature, then whether the sender's key may speak for the office it
claims (``office_keys.check_sender``: pinned, or first seen), then opens the body — all
before anything is merged; a first-seen key is pinned with the merge.

Merge (``import_package``), row by row, by uuid, after the whole package is checked:
- a row this database does not have is added;
- the same content: nothing changes;
- changed only on their side (ours still equals the last exchanged version): theirs is
  taken;
- changed only on our side (theirs equals the last exchanged version): ours is kept;
- changed on both sides: a conflict, kept for the user to resolve (``resolve``: keep ours
  or take theirs); the row keeps our content until then and stays listed as a resolved
  conflict afterwards.
Rows the sending office does not own, rows whose parent is unknown here and rows that
repeat a natural key under another identity are refused and listed. A tombstone deletes.
Importing the same package twice changes nothing. The database is backed up before a
merge; the merge is one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from peewee import OperationalError

from ..domain.identifiers import shown_value
from ..domain.ownership import PROVINSI, REGIONAL
from ..domain.wilayah import KABUPATEN_KOTA
from ..exchange import package as pkgfile
from ..store import audit, backup, migrate, summaries
from ..store import models as m
from ..store.database import DISK_FULL, is_disk_full
from ..store.fields import new_uuid, utc_now
from . import office_keys, ownership, package_values, package_witness
from .sync_rows import (
    NATURAL, ORDER, Mapper, MissingParent, all_portable_columns, content_hash, portable_schema,
)


@dataclass
class TableCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # ours is newer
    conflicts: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Refused:
    table: str
    uuid: str
    reason: str


@dataclass
class MergeResult:
    """Attributes:
    package_id, office: the package and the office that sent it.
    counts: table → what happened to its rows.
    refused: rows not taken, with the reason.
    conflicts: ids of the conflicts found (``m.Konflik``).
    already: the package had been imported before (nothing changed).
    dry_run: nothing was written (a preview).
    fingerprint: of the sender's key; new_key: first seen here (pinned with the merge).
    receivers: the offices it was sealed to (none: sent unsealed).
    warnings: what the preview must say (unsealed, a new key to compare by phone, the
        sender's audit chain not extending the one witnessed here).
    audit_chain: of those, what the check of the sender's audit chain found
        (``package_witness``).
    """

    package_id: str
    office: str
    office_name: str
    counts: dict[str, TableCounts] = field(default_factory=dict)
    refused: list[Refused] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)
    already: bool = False
    dry_run: bool = False
    fingerprint: str = ""
    new_key: bool = False
    receivers: tuple[pkgfile.Party, ...] = ()
    warnings: list[str] = field(default_factory=list)
    audit_chain: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.added or c.updated for c in self.counts.values())

    def tables(self) -> set[str]:
        return {t for t, c in self.counts.items() if c.added or c.updated}

    def as_dict(self) -> dict:
        return {"package_id": self.package_id, "office": self.office,
                "office_name": self.office_name, "fingerprint": self.fingerprint,
                "new_key": self.new_key, "sealed": bool(self.receivers),
                "receivers": [r.as_dict() for r in self.receivers],
                "warnings": self.warnings, "audit_chain": self.audit_chain,
                "already": self.already, "dry_run": self.dry_run,
                "counts": {t: c.as_dict() for t, c in self.counts.items()},
                "refused": [r.__dict__ for r in self.refused], "conflicts": self.conflicts}


@dataclass
class ExportResult:
    """Attributes: receivers: the offices the package is sealed to (none: unsealed);
    fingerprint: of this office's key, which signed it; without_key: the districts a
    province package is not sealed to, their keys not known here."""

    path: Path
    package_id: str
    since: str | None
    counts: dict[str, int]
    receivers: tuple[pkgfile.Party, ...] = ()
    fingerprint: str = ""
    without_key: list[str] = field(default_factory=list)


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


def receivers(to: list[str] | None = None) -> tuple[list[pkgfile.Party], list[str]]:
    """The offices a package is sealed to, and the districts left out (their keys unknown):
    those named in ``to``, else a district's package to the province and the province's to
    every district whose key is known here. Raises ``ReceiverKeyUnknown`` for a named
    office (or the province) whose key is not known."""
    office = ownership.office_code()
    if to:
        codes = list(dict.fromkeys(office_keys.office_code_of(t) for t in to))
    elif office != PROVINSI:
        codes = [PROVINSI]
    else:
        codes = [k.bps for k in KABUPATEN_KOTA]
        found = [office_keys.receiver(c) for c in codes]
        parties = [p for p in found if p is not None]
        if not parties:
            raise office_keys.ReceiverKeyUnknown(None)
        return parties, [c for c, p in zip(codes, found) if p is None]
    if office in codes:
        raise pkgfile.PackageError("Paket tidak dikirim ke kantor ini sendiri; sebutkan "
                                   "kantor penerima yang lain")
    parties = []
    for code in codes:
        party = office_keys.receiver(code)
        if party is None:
            raise office_keys.ReceiverKeyUnknown(code)
        parties.append(party)
    return parties, []


def export_package(path: str | Path, since: str | None = None, everything: bool = False,
                   to: list[str] | None = None, unsealed: bool = False) -> ExportResult:
    """Write the package of this office's changes to ``path``, signed, and sealed to the
    offices ``to`` (default: ``receivers``) unless ``unsealed``."""
    path = Path(path)
    office = ownership.office_code()
    parties, without_key = ([], []) if unsealed else receivers(to)
    with m.database.atomic():
        secret = office_keys.own_secret()
    since = None if everything else since or last_export()
    conn = _conn()
    mapper = Mapper(conn)
    tables: dict[str, list[dict]] = {}
    hashes: dict[str, list[tuple[str, str]]] = {}
    for table in ORDER:
        if office != PROVINSI and table not in REGIONAL:
            continue  # the province's data: a district never changes it
        where, args = [], []
        if since:
            where.append("updated_at > ?")
            args.append(since)
        if office != PROVINSI:
            w, a = _owned_where(table, office)
            where.append(w)
            args.extend(a)
        rows = [mapper.to_portable(table, r)
                for r in mapper.rows(table, " AND ".join(where), tuple(args))]
        if rows:
            tables[table] = rows
            hashes[table] = [(content_hash(r), r["uuid"]) for r in rows]
    info = ownership.describe(office)
    created = utc_now()
    head = package_witness.outgoing()
    package = pkgfile.Package(new_uuid(), office, info, created, since,
                              migrate.latest_version(), tables, audit_head=head)
    envelope = pkgfile.write(path, package, secret, parties)
    with m.database.atomic():
        for table, pairs in hashes.items():
            conn.executemany(f"UPDATE {table} SET sync_hash = ? WHERE uuid = ?", pairs)
        m.Paket.create(package_id=package.package_id, arah="keluar",
                       kantor=",".join(p.office for p in parties),
                       nama_berkas=path.name, dibuat_at=created, sejak=since,
                       dicatat_at=created, jumlah=json.dumps(package.counts()))
        package_witness.record_sent(package.package_id, [p.office for p in parties], created,
                                    head)
    return ExportResult(path, package.package_id, since, package.counts(), tuple(parties),
                        envelope.sender.fingerprint, without_key)


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
    pkg = read_package(env)
    ownership.check_writable()
    if dry_run:
        with m.database.atomic() as tx:
            _merge(pkg, result, path)
            tx.rollback()
        return result
    try:
        backup.create(backup.current_path(), "sebelum-paket", conn=_conn())
    except backup.BackupError as exc:
        raise pkgfile.PackageError(f"{exc}. Paket tidak digabungkan") from exc
    try:
        with audit.recording(m.database, f"Paket {path.name} dari {pkg.office_name or pkg.office}"):
            _merge(pkg, result, path)
            office_keys.record_sender(env, trust, utc_now())
            package_witness.record_received(env, chain)
    except (OperationalError, sqlite3.OperationalError) as exc:
        if not is_disk_full(exc):
            raise
        raise pkgfile.PackageError(DISK_FULL) from exc
    return result


BULK_ROWS = 5000  # above this many rows the summaries are rebuilt once (as for imports)


def _merge(pkg: pkgfile.Package, result: MergeResult, path: Path) -> None:
    conn = _conn()
    mapper = Mapper(conn)
    now = utc_now()
    many = sum(len(rows) for rows in pkg.tables.values()) > BULK_ROWS
    with summaries.bulk_load(conn) if many else nullcontext():
        for table in ORDER:
            rows = pkg.tables.get(table)
            if not rows:
                continue
            merge = _TableMerge(conn, mapper, pkg, table, result, now)
            for row in rows:
                merge.row(row)
            merge.flush()
            if table == "dokumen" and pkg.office == PROVINSI:
                active = [r["uuid"] for r in rows if r.get("aktif") and not r.get("deleted")]
                if active:
                    _province_document_in_force(conn, active, now)
    m.Paket.create(package_id=pkg.package_id, arah="masuk", kantor=pkg.office,
                   nama_berkas=path.name, dibuat_at=pkg.created_at, sejak=pkg.since,
                   dicatat_at=now,
                   jumlah=json.dumps({t: c.as_dict() for t, c in result.counts.items()}))


def _province_document_in_force(conn, active: list[str], now: str) -> None:
    """The province's document is the one in force everywhere. At a kabupaten/kota office
    the copy of the official document made when its database was created (never sent
    anywhere: a district does not send the document) is removed with its rows."""
    marks = ", ".join("?" * len(active))
    if ownership.office_code() != PROVINSI:
        local = [r[0] for r in conn.execute(
            f"SELECT id FROM dokumen WHERE sync_hash IS NULL AND uuid NOT IN ({marks})",
            active)]
        for doc in local:
            for child in ("target", "realisasi_manual"):
                conn.execute(f"DELETE FROM {child} WHERE indikator_id IN "
                             "(SELECT id FROM indikator WHERE dokumen_id = ?)", (doc,))
            for child in ("indikator", "sasaran", "fungsi"):
                conn.execute(f"DELETE FROM {child} WHERE dokumen_id = ?", (doc,))
            conn.execute("DELETE FROM dokumen WHERE id = ?", (doc,))
    conn.execute(f"UPDATE dokumen SET aktif = 0, updated_at = ? WHERE aktif = 1 "
                 f"AND uuid NOT IN ({marks})", (now, *active))


class _TableMerge:
    """The rows of one table of a package, merged one by one; what this database holds is
    read once (by uuid, and the natural keys), new rows are inserted together at the end."""

    def __init__(self, conn, mapper: Mapper, pkg, table: str, result: MergeResult,
                 now: str) -> None:
        self.conn, self.mapper, self.pkg, self.table = conn, mapper, pkg, table
        self.result, self.now = result, now
        self.counts = result.counts.setdefault(table, TableCounts())
        uuids = [r["uuid"] for r in pkg.tables[table]]
        self.local = {}
        for i in range(0, len(uuids), 500):
            part = uuids[i:i + 500]
            for r in mapper.rows(table, f"uuid IN ({', '.join('?' * len(part))})", tuple(part)):
                self.local[r["uuid"]] = r
        self.key = NATURAL.get(table)
        self.natural = dict(conn.execute(
            f"SELECT {self.key}, uuid FROM {table} WHERE {self.key} IS NOT NULL")) \
            if self.key else {}
        self.new: dict[tuple, list[list]] = {}

    def refuse(self, uuid: str, reason: str) -> None:
        self.result.refused.append(Refused(self.table, uuid, reason))

    def row(self, row: dict) -> None:
        table, pkg, uuid = self.table, self.pkg, row["uuid"]
        if pkg.office != PROVINSI:
            # the sender owns the row as it will be and as it is here now: a row of another
            # area is not taken over by relabelling it (a move is the province's act)
            local = self.local.get(uuid)
            versions = [row] if local is None else [self.mapper.to_portable(table, local), row]
            for version in versions:
                owner = (self.mapper.kabupaten_of(table, version) if table in REGIONAL
                         else PROVINSI)
                if owner != pkg.office:
                    return self.refuse(uuid, (
                        f"milik {ownership.describe(owner) if owner else 'kantor lain'}, bukan "
                        f"milik {ownership.describe(pkg.office)} yang mengirim"))
        try:
            values = self.mapper.to_local(table, row)
        except MissingParent as exc:
            return self.refuse(uuid, f"merujuk data yang tidak ada di sini ({exc})")
        if self.key and values.get(self.key) is not None:
            other = self.natural.get(values[self.key])
            if other is not None and other != uuid:
                return self.refuse(uuid, (f"{self.key} {values[self.key]} sudah ada di sini "
                                          f"sebagai data lain (uuid {other})"))
            self.natural[values[self.key]] = uuid
        theirs = content_hash(row)
        local = self.local.get(uuid)
        values["updated_at"] = self.now
        if local is None:
            values["sync_hash"] = theirs
            self.new.setdefault(tuple(values), []).append(list(values.values()))
            self.counts.added += 1
            return
        ours = content_hash(self.mapper.to_portable(table, local))
        base = local["sync_hash"]
        if ours == theirs:
            if base != theirs:
                self.conn.execute(f"UPDATE {table} SET sync_hash = ? WHERE uuid = ?",
                                  (theirs, uuid))
            self.counts.unchanged += 1
        elif base == ours:  # only they changed it
            _write(self.conn, table, uuid, values, theirs)
            self.counts.updated += 1
        elif base == theirs:  # only we changed it: theirs is the version we started from
            self.counts.kept += 1
        else:
            self.counts.conflicts += 1
            self.result.conflicts.append(_record_conflict(self.mapper, pkg, table, local, row))

    def flush(self) -> None:
        for cols, rows in self.new.items():
            self.conn.executemany(f"INSERT INTO {self.table} ({', '.join(cols)}) VALUES "
                                  f"({', '.join('?' * len(cols))})", rows)
        if self.new:
            self.mapper.forget(self.table)  # the new rows' ids are read again when needed
        self.new = {}


def _write(conn, table: str, uuid: str, values: dict, sync_hash: str) -> None:
    values = {k: v for k, v in values.items() if k != "uuid"}
    values["sync_hash"] = sync_hash
    conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in values)} WHERE uuid = ?",
                 [*values.values(), uuid])


def _record_conflict(mapper: Mapper, pkg, table: str, local: dict, theirs: dict) -> int:
    open_ = (m.Konflik.select().where((m.Konflik.tabel == table)
                                      & (m.Konflik.row_uuid == theirs["uuid"])
                                      & m.Konflik.diselesaikan_at.is_null()).first())
    ours = json.dumps(mapper.to_portable(table, local), ensure_ascii=False, sort_keys=True)
    text = json.dumps(theirs, ensure_ascii=False, sort_keys=True)
    if open_ is not None:
        open_.milik_kita, open_.milik_mereka, open_.package_id = ours, text, pkg.package_id
        open_.save()
        return open_.id
    return m.Konflik.create(tabel=table, row_uuid=theirs["uuid"], milik_kita=ours,
                            milik_mereka=text, package_id=pkg.package_id,
                            kantor=pkg.office).id


# --- conflicts ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ConflictView:
    id: int
    tabel: str
    row_uuid: str
    kantor: str
    ditemukan_at: str
    keputusan: str | None
    diselesaikan_at: str | None
    fields: list[tuple[str, object, object]]  # (field, ours, theirs) that differ

    @property
    def resolved(self) -> bool:
        return self.keputusan is not None

    def shown_fields(self, reveal: bool = False) -> list[tuple[str, object, object]]:
        """``fields`` as they may be shown: personal data (a NIK) masked unless ``reveal``."""
        return [(f, shown_value(f, ours, reveal), shown_value(f, theirs, reveal))
                for f, ours, theirs in self.fields]


def conflicts(include_resolved: bool = False) -> list[ConflictView]:
    q = m.Konflik.select().order_by(m.Konflik.id)
    if not include_resolved:
        q = q.where(m.Konflik.diselesaikan_at.is_null())
    out = []
    for k in q:
        ours, theirs = json.loads(k.milik_kita), json.loads(k.milik_mereka)
        diff = [(f, ours.get(f), theirs.get(f)) for f in sorted(set(ours) | set(theirs))
                if f != "updated_at" and ours.get(f) != theirs.get(f)]
        out.append(ConflictView(k.id, k.tabel, k.row_uuid, k.kantor, k.ditemukan_at,
                                k.keputusan, k.diselesaikan_at, diff))
    return out


class ConflictError(ValueError):
    """``str()`` is the user's message."""


def resolve(conflict_id: int, keputusan: str) -> set[str]:
    """Keep ours (``"kita"``: our version is sent back at the next package) or take theirs
    (``"mereka"``). Returns the tables changed."""
    if keputusan not in ("kita", "mereka"):
        raise ConflictError("Pilih 'kita' (pertahankan data di sini) atau 'mereka' (ambil "
                            "data kiriman)")
    k = m.Konflik.get_or_none(m.Konflik.id == conflict_id)
    if k is None:
        raise ConflictError(f"Konflik {conflict_id} tidak ada")
    if k.diselesaikan_at is not None:
        raise ConflictError(f"Konflik {conflict_id} sudah diselesaikan ({k.keputusan})")
    ownership.check_writable()
    theirs = json.loads(k.milik_mereka)
    digest = content_hash(theirs)
    conn = _conn()
    with audit.recording(m.database, f"Penyelesaian konflik {conflict_id}"):
        if keputusan == "mereka":
            try:
                values = Mapper(conn).to_local(k.tabel, theirs)
            except MissingParent as exc:
                raise ConflictError(f"Data kiriman merujuk data yang tidak ada di sini ({exc})") \
                    from exc
            values["updated_at"] = utc_now()
            _write(conn, k.tabel, k.row_uuid, values, digest)
        else:
            # ours stays, now as a change on top of their version: it travels next time
            conn.execute(f"UPDATE {k.tabel} SET sync_hash = ?, updated_at = ? WHERE uuid = ?",
                         (digest, utc_now(), k.row_uuid))
        k.diselesaikan_at, k.keputusan, k.pengguna = utc_now(), keputusan, audit.os_user()
        k.save()
    return {k.tabel}


def had_conflict(table: str, uuid: str) -> bool:
    """Whether a row was ever in conflict (shown as a mark in the registers)."""
    return m.Konflik.select().where((m.Konflik.tabel == table)
                                    & (m.Konflik.row_uuid == uuid)).exists()


def history() -> list[m.Paket]:
    return list(m.Paket.select().order_by(m.Paket.dicatat_at.desc()))
