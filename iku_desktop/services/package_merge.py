"""The merge of a package's rows, row by row by uuid (the conflicts it leaves are listed
and resolved in ``package_conflicts``).

For each row (after the whole package was checked, ``package_import.read_package``):
- a row this database does not have is added;
- the same content: nothing changes (the version vectors are joined);
- otherwise the versions decide (``package_order.compare``): theirs older than ours or
  the same version (an old, late or replayed package) → ours stays; ours older and not
  changed here since it was last exchanged → theirs is taken; changed on both sides
  without seeing each other → a conflict, kept for the user to resolve; the
  row keeps our content until then and stays listed as a resolved conflict afterwards.
  Rows exchanged before numbering began (no version on either side) decide by hashes:
  changed only on their side → theirs, only on ours → ours, on both → a conflict.
Rows the sending office does not own (as they are here and as they would be), whose
version cannot be true, or that repeat a natural key under another identity are refused
and listed. A row whose parent row has not arrived (a tahun buku before its koperasi) is
held back (``tertahan``) and counted; every merge first applies, table by table in
``ORDER``, the held rows whose parent is here now — through this same merge, the sender's
ownership checked as for any row — then the package's own rows. A tombstone deletes.
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice

from ..domain.ownership import PROVINSI, REGIONAL
from ..exchange import package as pkgfile
from ..store import summaries
from ..store import models as m
from ..store.backup import Backup
from . import ownership, row_names
from .changes import OpChanges
from .package_order import compare, join, parse_versi, version_problem, versi_text
from .sync_rows import NATURAL, ORDER, Mapper, MissingParent, content_hash

BULK_ROWS = 5000  # above this many rows the summaries are rebuilt once (as for imports)
CHUNK_ROWS = 5000  # a table's rows merged this many at a time (memory bounded)


@dataclass
class TableCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # ours is newer (or theirs an old version)
    conflicts: int = 0
    held: int = 0  # waiting for their parent row

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class RefusedRow:
    """A row of a package not taken (or held back): its table, uuid and why; name: what a
    user reads for it (``row_names``: the koperasi's name, …)."""

    table: str
    uuid: str
    reason: str
    name: str = ""


@dataclass
class MergeResult:
    """Attributes:
    package_id, office: the package and the office that sent it; nomor: its number there.
    counts: table → what happened to its rows (held rows released now included).
    refused: rows not taken, with the reason.
    held: rows of this package held back, their parent not here yet (with the reason);
    released: rows held before and merged now; still_held: rows held after this merge.
    conflicts: ids of the conflicts found (``m.Konflik``).
    order_notes: what the package's number says (gaps, a late package); missing: the
    numbers of the sender's packages not received yet.
    already: the package had been imported before (nothing changed).
    dry_run: nothing was written (a preview).
    fingerprint: of the sender's key; new_key: first seen here (pinned with the merge).
    receivers: the offices it was sealed to (none: sent unsealed).
    warnings: what the preview must say (unsealed, a new key to compare by phone, the
        sender's audit chain not extending the one witnessed here).
    audit_chain: of those, what the check of the sender's audit chain found
        (``package_witness``).
    touched: tables written besides the rows counted (the province's document put in
        force at a district, its local copy removed).
    backup: the backup taken before the merge (None: none, a preview); ``second_problem``:
        why it was not copied to the second backup folder ("" copied, or none set).
    """

    package_id: str
    office: str
    office_name: str
    counts: dict[str, TableCounts] = field(default_factory=dict)
    refused: list[RefusedRow] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)
    already: bool = False
    dry_run: bool = False
    fingerprint: str = ""
    new_key: bool = False
    receivers: tuple[pkgfile.Party, ...] = ()
    warnings: list[str] = field(default_factory=list)
    audit_chain: list[str] = field(default_factory=list)
    nomor: int | None = None
    held: list[RefusedRow] = field(default_factory=list)
    released: int = 0
    still_held: int = 0
    order_notes: list[str] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    backup: Backup | None = None

    @property
    def second_problem(self) -> str:
        return self.backup.second_problem if self.backup is not None else ""

    @property
    def changed(self) -> bool:
        return any(c.added or c.updated for c in self.counts.values()) or bool(self.touched)

    def tables(self) -> set[str]:
        """The tables the merge wrote (in a dry run: would write)."""
        return {t for t, c in self.counts.items() if c.added or c.updated} | self.touched

    @property
    def changes(self) -> OpChanges:
        """What the merge changed (would change, in a dry run): the tables it wrote, any
        year; the office's keys when the sender's new key is pinned with it."""
        if self.already:
            return OpChanges()
        return OpChanges.of(self.tables(), office=self.new_key)

    def as_dict(self) -> dict:
        return {"package_id": self.package_id, "office": self.office,
                "office_name": self.office_name, "nomor": self.nomor,
                "fingerprint": self.fingerprint,
                "new_key": self.new_key, "sealed": bool(self.receivers),
                "receivers": [r.as_dict() for r in self.receivers],
                "warnings": self.warnings, "audit_chain": self.audit_chain,
                "order_notes": self.order_notes,
                "missing": self.missing,
                "already": self.already, "dry_run": self.dry_run,
                "counts": {t: c.as_dict() for t, c in self.counts.items()},
                "refused": [r.__dict__ for r in self.refused],
                "held": [r.__dict__ for r in self.held], "released": self.released,
                "still_held": self.still_held, "conflicts": self.conflicts,
                "second_folder_problem": self.second_problem}


@dataclass(frozen=True)
class Source:
    """Where the rows being merged come from: the sending office and its package (``nomor``
    None: rows held before, their version checked when they arrived)."""

    office: str
    package_id: str
    nomor: int | None = None
    held: bool = False


def _conn():
    return m.database.connection()


def merge(pkg: pkgfile.Package, result: MergeResult, source: Source, own_last: int,
          now: str) -> None:
    """Merge the package's rows (and the held rows that can be applied now), in one
    transaction the caller holds. ``own_last``: the last package number this office sent."""
    conn = _conn()
    mapper = Mapper(conn)
    held = _held_by_table(conn)
    many = sum(len(rows) for rows in pkg.tables.values()) > BULK_ROWS
    with summaries.bulk_load(conn) if many else nullcontext():
        for table in ORDER:
            _release(conn, mapper, table, held.get(table, []), result, own_last, now)
            rows = pkg.tables.get(table)
            if not rows:
                continue
            claims: dict = {}
            for chunk in _chunks(rows, CHUNK_ROWS):  # a package's rows never all in memory
                merger = _TableMerge(conn, mapper, source, table, chunk, result, own_last, now,
                                     claims)
                for row in chunk:
                    merger.row(row)
                merger.flush()
            if table == "dokumen" and source.office == PROVINSI:
                active = [r["uuid"] for r in rows if r.get("aktif") and not r.get("deleted")]
                if active:
                    result.touched |= _province_document_in_force(conn, active, now)
    result.still_held = conn.execute("SELECT COUNT(*) FROM tertahan").fetchone()[0]


def _chunks(rows, size: int):
    """``rows`` (a list, or a package's ``Rows`` read as a stream) as lists of ``size``."""
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def _held_by_table(conn) -> dict[str, list[tuple[int, dict, Source]]]:
    out: dict[str, list] = {}
    for hid, table, text, office, package_id in conn.execute(
            "SELECT id, tabel, isi, kantor, package_id FROM tertahan ORDER BY id"):
        out.setdefault(table, []).append(
            (hid, json.loads(text), Source(office, package_id, held=True)))
    return out


def _release(conn, mapper: Mapper, table: str, entries, result: MergeResult, own_last: int,
             now: str) -> None:
    """Merge the held rows of ``table`` whose parent rows are here now; the others stay."""
    ready = []
    for hid, row, source in entries:
        try:
            mapper.to_local(table, row)
        except MissingParent:
            continue
        ready.append((hid, row, source))
    if not ready:
        return
    conn.executemany("DELETE FROM tertahan WHERE id = ?", [(hid,) for hid, _, _ in ready])
    groups: dict[Source, list[dict]] = {}
    for _, row, source in ready:
        groups.setdefault(source, []).append(row)
    for source, rows in groups.items():
        merger = _TableMerge(conn, mapper, source, table, rows, result, own_last, now)
        for row in rows:
            merger.row(row)
        merger.flush()
        result.released += len(rows)


def _province_document_in_force(conn, active: list[str], now: str) -> set[str]:
    """The province's document is the one in force everywhere. At a kabupaten/kota office
    the copy of the official document made when its database was created (never sent
    anywhere: a district does not send the document) is removed with its rows. Returns the
    tables written."""
    marks = ", ".join("?" * len(active))
    written = set()
    if ownership.office_code() != PROVINSI:
        local = [r[0] for r in conn.execute(
            f"SELECT id FROM dokumen WHERE sync_hash IS NULL AND uuid NOT IN ({marks})",
            active)]
        for doc in local:
            for child in ("target", "realisasi_manual"):
                if conn.execute(f"DELETE FROM {child} WHERE indikator_id IN "
                                "(SELECT id FROM indikator WHERE dokumen_id = ?)",
                                (doc,)).rowcount:
                    written.add(child)
            for child in ("indikator", "sasaran", "fungsi"):
                if conn.execute(f"DELETE FROM {child} WHERE dokumen_id = ?", (doc,)).rowcount:
                    written.add(child)
            conn.execute("DELETE FROM dokumen WHERE id = ?", (doc,))
            written.add("dokumen")
    if conn.execute(f"UPDATE dokumen SET aktif = 0, updated_at = ? WHERE aktif = 1 "
                    f"AND uuid NOT IN ({marks})", (now, *active)).rowcount:
        written.add("dokumen")
    return written


class _TableMerge:
    """Rows of one table from one source (a chunk of them), merged one by one; what this
    database holds for them is read once (by uuid, and their natural keys), new rows are
    inserted together at the end. ``claims``: natural keys earlier chunks of the table took
    without writing them (a row of ours kept, a conflict), shared by its chunks."""

    def __init__(self, conn, mapper: Mapper, source: Source, table: str, rows: list[dict],
                 result: MergeResult, own_last: int, now: str,
                 claims: dict | None = None) -> None:
        self.conn, self.mapper, self.source, self.table = conn, mapper, source, table
        self.result, self.own_last, self.now = result, own_last, now
        self.own = ownership.office_code()
        self.counts = result.counts.setdefault(table, TableCounts())
        self.chunk = {r["uuid"]: r for r in rows}
        uuids = list(self.chunk)
        self.local = {}
        for i in range(0, len(uuids), 500):
            part = uuids[i:i + 500]
            for r in mapper.rows(table, f"uuid IN ({', '.join('?' * len(part))})", tuple(part)):
                self.local[r["uuid"]] = r
        self.key = NATURAL.get(table)
        self.claims = {} if claims is None else claims
        self.natural = self._natural(rows) if self.key else {}
        self.new: dict[tuple, list[list]] = {}

    def _natural(self, rows: list[dict]) -> dict:
        """The natural keys ``rows`` carry → the uuid holding each here now (earlier chunks
        written), or claiming it in an earlier chunk."""
        keys = list({r[self.key] for r in rows if r.get(self.key) is not None})
        found = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            found.update(self.conn.execute(
                f"SELECT {self.key}, uuid FROM {self.table} WHERE {self.key} IN "
                f"({', '.join('?' * len(part))})", part))
        found.update((k, self.claims[k]) for k in keys if k in self.claims)
        return found

    def refuse(self, row: dict, reason: str) -> None:
        if self.source.held:
            reason += " (baris yang tertahan sejak paket sebelumnya)"
        self.result.refused.append(RefusedRow(self.table, row["uuid"], reason, self._name(row)))

    def _name(self, row: dict) -> str:
        return row_names.name_of_values(self.table, row, self.conn)

    def _other(self, uuid: str) -> str:
        """The name of the row holding a natural key: a row of this chunk (not written yet)
        by its values in the package, else the row here."""
        row = self.chunk.get(uuid)
        return self._name(row) if row is not None else row_names.name(self.table, uuid,
                                                                       self.conn)

    def hold(self, row: dict, reason: str) -> None:
        self.conn.execute(
            "INSERT INTO tertahan (tabel, row_uuid, isi, package_id, kantor, alasan, "
            "dicatat_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (self.table, row["uuid"], json.dumps(row, ensure_ascii=False, sort_keys=True),
             self.source.package_id, self.source.office, reason, self.now))
        self.result.held.append(RefusedRow(self.table, row["uuid"], reason, self._name(row)))
        self.counts.held += 1

    def _not_owned(self, row: dict) -> str | None:
        """Why the sender may not send this row (None: it may). The sender must own the row
        as it will be and as it is here now: a row of another area is not taken over by
        relabelling it (a move is the province's act)."""
        office, table = self.source.office, self.table
        if office == PROVINSI:
            return None
        local = self.local.get(row["uuid"])
        versions = [row] if local is None else [self.mapper.to_portable(table, local), row]
        for version in versions:
            owner = self.mapper.kabupaten_of(table, version) if table in REGIONAL else PROVINSI
            if owner != office:
                return (f"milik {ownership.describe(owner) if owner else 'kantor lain'}, bukan "
                        f"milik {ownership.describe(office)} yang mengirim")
        return None

    def row(self, row: dict) -> None:
        table, uuid = self.table, row["uuid"]
        theirs_v = parse_versi(row.get("versi"))
        problem = version_problem(theirs_v, self.source.office, self.source.nomor, self.own,
                                  self.own_last)
        if problem:
            return self.refuse(row, problem)
        try:
            values = self.mapper.to_local(table, row)
        except MissingParent as exc:
            return self.hold(row, row_names.waiting_for(exc.table))
        problem = self._not_owned(row)
        if problem:
            return self.refuse(row, problem)
        if self.key and values.get(self.key) is not None:
            other = self.natural.get(values[self.key])
            if other is not None and other != uuid:
                return self.refuse(row, row_names.taken(table, self.key, values[self.key],
                                                        self._other(other)))
            self.natural[values[self.key]] = uuid
            here = self.local.get(uuid)
            if here is not None and here.get(self.key) != values[self.key]:
                self.claims[values[self.key]] = uuid  # may stay unwritten (kept, conflict)
        theirs = content_hash(row)
        local = self.local.get(uuid)
        values["updated_at"] = self.now
        if local is None:
            values["sync_hash"], values["versi"] = theirs, versi_text(theirs_v)
            self.new.setdefault(tuple(values), []).append(list(values.values()))
            self.counts.added += 1
            return
        ours = content_hash(self.mapper.to_portable(table, local))
        base, ours_v = local["sync_hash"], parse_versi(local["versi"])
        joined = versi_text(join(ours_v, theirs_v))
        if ours == theirs:
            if base != theirs or joined != local["versi"]:
                self.conn.execute(f"UPDATE {table} SET sync_hash = ?, versi = ? WHERE uuid = ?",
                                  (theirs, joined, uuid))
            self.counts.unchanged += 1
            return
        order = compare(ours_v, theirs_v)
        if order == "legacy":  # exchanged before numbering: the hashes decide
            order = "newer" if base == ours else "older" if base == theirs else "concurrent"
        elif order == "newer" and base != ours:  # ours changed here, not sent yet
            order = "concurrent"
        if order == "older":
            self.counts.kept += 1
        elif order == "newer":
            values["versi"] = joined
            write_row(self.conn, table, uuid, values, theirs)
            self.counts.updated += 1
        else:
            self.counts.conflicts += 1
            self.result.conflicts.append(_record_conflict(self.mapper, self.source, table,
                                                          local, row))

    def flush(self) -> None:
        for cols, rows in self.new.items():
            self.conn.executemany(f"INSERT INTO {self.table} ({', '.join(cols)}) VALUES "
                                  f"({', '.join('?' * len(cols))})", rows)
        if self.new:
            self.mapper.forget(self.table)  # the new rows' ids are read again when needed
        self.new = {}


def write_row(conn, table: str, uuid: str, values: dict, sync_hash: str) -> None:
    values = {k: v for k, v in values.items() if k != "uuid"}
    values["sync_hash"] = sync_hash
    conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in values)} WHERE uuid = ?",
                 [*values.values(), uuid])


def _record_conflict(mapper: Mapper, source: Source, table: str, local: dict,
                     theirs: dict) -> int:
    open_ = (m.Konflik.select().where((m.Konflik.tabel == table)
                                      & (m.Konflik.row_uuid == theirs["uuid"])
                                      & m.Konflik.diselesaikan_at.is_null()).first())
    ours = json.dumps(mapper.to_portable(table, local), ensure_ascii=False, sort_keys=True)
    text = json.dumps(theirs, ensure_ascii=False, sort_keys=True)
    if open_ is not None:
        open_.milik_kita, open_.milik_mereka, open_.package_id = ours, text, source.package_id
        open_.save()
        return open_.id
    return m.Konflik.create(tabel=table, row_uuid=theirs["uuid"], milik_kita=ours,
                            milik_mereka=text, package_id=source.package_id,
                            kantor=source.office).id
