"""The audit log: every insert, update and delete of the office's data, append-only, with a
running hash.

Rows are written by SQLite triggers (so no code path can forget them — an import, a
package merge, an edit in the window, or a tool outside the program). Each row holds the
time, the user and the source (read from ``audit_context``, which the program fills for
the length of one write and empties before it commits), the table, the row's uuid, the
action and the values: for an update the old and new value of each field that changed
(field → [old, new]), for an insert the new values, for a hard delete the old ones. A
bulk load (thousands of imported rows) writes one row per table naming the range of rows
added; its source names the file and its SHA-256.

Append-only: triggers refuse UPDATE and DELETE on ``audit``. After each write the program
*seals* the new rows: ``audit_seal`` holds, for each range of rows, the SHA-256 of their
canonical text chained to the previous seal. ``verify`` recomputes the chain: an audit row
edited, removed or inserted behind the program's back breaks it, and rows written while
the context was empty (a change made with another tool) are reported as such. The last
seals deleted with their rows, or the whole log wiped, leave a sound chain: those show
against the heads printouts and packages witnessed (``audit_witness``).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import audit_witness, writing
from ..domain.identifiers import shown_value
from .fields import utc_now

# the tables whose rows are audited, with the columns compared (frozen with migration 6;
# a later migration that adds a column re-creates the triggers with ``install``)
BOOKKEEPING = ("id", "updated_at", "sync_hash", "versi")
AUDITED_SETTING = "setting"

ACTIONS = {"tambah": "Tambah", "ubah": "Ubah", "hapus": "Hapus", "pulih": "Pulihkan"}
OUTSIDE = "di luar IKU Desktop"


def _json_pairs(ref: str, columns: list[str]) -> str:
    return ", ".join(f"'{c}', {ref}.{c}" for c in columns)


def _diff(columns: list[str]) -> str:
    """JSON object field → [old, new] of the fields that differ."""
    parts = " UNION ALL ".join(
        f"SELECT '{c}' AS k, OLD.{c} AS o, NEW.{c} AS n" for c in columns)
    return (f"(SELECT json_group_object(k, json_array(o, n)) FROM ({parts}) "
            f"WHERE o IS NOT n)")


def _context(field: str) -> str:
    return f"(SELECT {field} FROM audit_context WHERE id = 1)"


def trigger_sql(table: str, columns: list[str], key: str = "uuid") -> dict[str, str]:
    """The three audit triggers of ``table`` (columns: the audited ones)."""
    head = ("INSERT INTO audit (at, pengguna, sumber, tabel, row_uuid, aksi, perubahan) "
            f"VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), {_context('pengguna')}, "
            f"{_context('sumber')}, '{table}', ")
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    deleted = ("CASE WHEN NEW.deleted = 1 AND OLD.deleted = 0 THEN 'hapus' ELSE 'ubah' END"
               if "deleted" in columns else "'ubah'")
    new_values = _json_pairs("NEW", columns)
    old_values = _json_pairs("OLD", columns)
    return {
        f"audit_{table}_ins": f"CREATE TRIGGER audit_{table}_ins AFTER INSERT ON {table} "
                              f"BEGIN {head}NEW.{key}, 'tambah', json_object({new_values})); END",
        f"audit_{table}_upd": f"CREATE TRIGGER audit_{table}_upd AFTER UPDATE ON {table} "
                              f"WHEN {changed} BEGIN {head}NEW.{key}, {deleted}, "
                              f"{_diff(columns)}); END",
        f"audit_{table}_del": f"CREATE TRIGGER audit_{table}_del AFTER DELETE ON {table} "
                              f"BEGIN {head}OLD.{key}, 'hapus', json_object({old_values})); END",
    }


def bulk_insert_sql(table: str, since_id: int) -> str:
    """One audit row for the rows of a bulk load (an import of thousands of rows): how
    many, and the first and last id and uuid. Their values are those of the file named in
    the source (with its SHA-256); a trigger per row would write the whole file again into
    the log and cost a 200.000-row import a third of its time."""
    return ("INSERT INTO audit (at, pengguna, sumber, tabel, row_uuid, aksi, perubahan) "
            f"SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), {_context('pengguna')}, "
            f"{_context('sumber')}, '{table}', NULL, 'tambah', json_object("
            "'jumlah', n, 'id_pertama', lo, 'id_terakhir', hi, "
            f"'uuid_pertama', (SELECT uuid FROM {table} WHERE id = lo), "
            f"'uuid_terakhir', (SELECT uuid FROM {table} WHERE id = hi)) "
            f"FROM (SELECT COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM {table} "
            f"WHERE id > {int(since_id)}) WHERE n > 0")


TABLE_SQL = [
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        pengguna TEXT,
        sumber TEXT,
        tabel TEXT NOT NULL,
        row_uuid TEXT,
        aksi TEXT NOT NULL,
        perubahan TEXT NOT NULL)""",
    "CREATE INDEX audit_at ON audit (at)",
    "CREATE INDEX audit_row ON audit (tabel, row_uuid)",
    """CREATE TABLE audit_seal (
        id INTEGER PRIMARY KEY,
        last_audit_id INTEGER NOT NULL,
        jumlah INTEGER NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        at TEXT NOT NULL)""",
    """CREATE TABLE audit_context (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pengguna TEXT,
        sumber TEXT)""",
    "INSERT INTO audit_context (id, pengguna, sumber) VALUES (1, NULL, NULL)",
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
       BEGIN SELECT RAISE(ABORT, 'log audit hanya dapat ditambah'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
       BEGIN SELECT RAISE(ABORT, 'log audit hanya dapat ditambah'); END""",
    """CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_seal
       BEGIN SELECT RAISE(ABORT, 'segel audit hanya dapat ditambah'); END""",
    """CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal
       BEGIN SELECT RAISE(ABORT, 'segel audit hanya dapat ditambah'); END""",
]


def audited_columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
            if r[1] not in BOOKKEEPING]


def install_triggers(conn, tables: list[str]) -> None:
    for table in tables:
        cols = audited_columns(conn, table)
        key = "key" if table == AUDITED_SETTING else "uuid"
        for name, sql in trigger_sql(table, cols, key).items():
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
            conn.execute(sql)


# --- recording ---------------------------------------------------------------------------

class _Depth(threading.local):
    n = 0


DEFAULT_SOURCE = writing.DEFAULT_SOURCE  # the source named when a caller does not
_depth = _Depth()  # per thread: an import in a worker thread and an edit in the window


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on this system: say so
        return "tidak diketahui"


@contextmanager
def recording(database, source: str | None = None, user: str | None = None):
    """Everything written inside is attributed to ``source`` (and the OS user), in one
    transaction, and sealed before it commits. Nested uses keep the outer source."""
    if _depth.n:
        _depth.n += 1
        try:
            yield
        finally:
            _depth.n -= 1
        return
    with writing.transaction(database):
        conn = database.connection()
        conn.execute("UPDATE audit_context SET pengguna = ?, sumber = ? WHERE id = 1",
                     (user or os_user(), source or DEFAULT_SOURCE[0]))
        _depth.n = 1
        try:
            yield
        finally:
            _depth.n = 0
        conn.execute("UPDATE audit_context SET pengguna = NULL, sumber = NULL WHERE id = 1")
        seal(conn)


def record_event(database, tabel: str, aksi: str, perubahan: dict,
                 source: str | None = None) -> None:
    """An audit row for an act that changes no single row (a backup restored over the
    database: ``tabel`` "basis_data"), attributed and sealed like any write."""
    with recording(database, source):
        database.connection().execute(
            "INSERT INTO audit (at, pengguna, sumber, tabel, row_uuid, aksi, perubahan) "
            f"VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), {_context('pengguna')}, "
            f"{_context('sumber')}, ?, NULL, ?, ?)",
            (tabel, aksi, json.dumps(perubahan, ensure_ascii=False, sort_keys=True)))


def _canonical(row) -> bytes:
    return json.dumps(list(row), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


ROW_COLUMNS = "id, at, pengguna, sumber, tabel, row_uuid, aksi, perubahan"


def _chain(prev: str, rows) -> tuple[str, int, int]:
    h = hashlib.sha256(prev.encode("ascii"))
    n, last = 0, None
    for row in rows:
        h.update(_canonical(row))
        h.update(b"\n")
        n += 1
        last = row[0]
    return h.hexdigest(), n, last


def seal(conn) -> int:
    """Seal the audit rows written since the last seal; returns how many."""
    head = conn.execute("SELECT last_audit_id, hash FROM audit_seal ORDER BY id DESC "
                        "LIMIT 1").fetchone()
    last_id, prev = head if head else (0, "0" * 64)
    rows = conn.execute(f"SELECT {ROW_COLUMNS} FROM audit WHERE id > ? ORDER BY id",
                        (last_id,))
    digest, n, last = _chain(prev, rows)
    if n:
        conn.execute("INSERT INTO audit_seal (last_audit_id, jumlah, prev_hash, hash, at) "
                     "VALUES (?, ?, ?, ?, ?)", (last, n, prev, digest, utc_now()))
    return n


@dataclass
class Verification:
    """Attributes:
    ok: the chain holds, it still reaches every head printouts and packages recorded
        here (``audit_witness``), and nothing was written outside the program.
    rows: audit rows checked.
    problems: what is wrong, in Indonesian.
    notes: the documented breaks of the chain (a backup restored), in Indonesian.
    """

    ok: bool
    rows: int
    problems: list[str]
    notes: list[str] = field(default_factory=list)


def verify(conn) -> Verification:
    problems = []
    prev, start, total = "0" * 64, 0, 0
    for seal_id, last_id, jumlah, prev_hash, digest in conn.execute(
            "SELECT id, last_audit_id, jumlah, prev_hash, hash FROM audit_seal ORDER BY id"
    ).fetchall():
        if prev_hash != prev:
            problems.append(f"Segel {seal_id}: rantai terputus (segel sebelumnya diubah "
                            "atau dihapus)")
        rows = conn.execute(f"SELECT {ROW_COLUMNS} FROM audit WHERE id > ? AND id <= ? "
                            "ORDER BY id", (start, last_id))
        got, n, _ = _chain(prev_hash, rows)
        if got != digest or n != jumlah:
            problems.append(f"Baris audit {start + 1}–{last_id}: isinya tidak cocok dengan "
                            "segelnya (diubah, dihapus atau disisipkan di luar IKU Desktop)")
        prev, start, total = digest, last_id, total + n
    unsealed = conn.execute("SELECT COUNT(*) FROM audit WHERE id > ?", (start,)).fetchone()[0]
    if unsealed:
        problems.append(f"{unsealed} perubahan belum tersegel: dibuat {OUTSIDE}")
    outside = conn.execute("SELECT COUNT(*) FROM audit WHERE sumber IS NULL").fetchone()[0]
    if outside:
        problems.append(f"{outside} perubahan tercatat tanpa sumber: dibuat {OUTSIDE}")
    problems.extend(audit_witness.problems(conn))
    return Verification(not problems, total + unsealed, problems, audit_witness.notes(conn))


def row_problem(conn, table: str, uuid: str) -> str | None:
    """Whether the row ``uuid`` of ``table`` (an insert-only table such as ``cetakan``) is
    exactly as the program wrote it: its audit trail is one sealed ``tambah`` written by the
    program, holding the values the row has now. Returns what is wrong, or None."""
    trail = conn.execute(f"SELECT {ROW_COLUMNS} FROM audit WHERE tabel = ? AND row_uuid = ? "
                         "ORDER BY id", (table, uuid)).fetchall()
    if not trail:
        return f"tidak tercatat di log audit (ditambahkan {OUTSIDE})"
    first = trail[0]
    if first[6] != "tambah" or first[3] is None:
        return f"ditambahkan {OUTSIDE}"
    if len(trail) > 1:
        return f"diubah atau dihapus sesudah dicatat ({len(trail) - 1} kali, {OUTSIDE})"
    recorded = json.loads(first[7])
    columns = [c for c in recorded if c in audited_columns(conn, table)]
    now = conn.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE uuid = ?",
                       (uuid,)).fetchone() if columns else None
    if now is None or dict(zip(columns, now)) != {c: recorded[c] for c in columns}:
        return f"isinya berbeda dari yang tercatat di log audit (diubah {OUTSIDE})"
    if not _sealed(conn, first[0]):
        return "catatannya di log audit tidak cocok dengan segelnya"
    return None


def _sealed(conn, audit_id: int) -> bool:
    """The audit row ``audit_id`` lies under a seal whose rows still give its hash."""
    seal_row = conn.execute("SELECT id, last_audit_id, jumlah, prev_hash, hash FROM audit_seal "
                            "WHERE last_audit_id >= ? ORDER BY id LIMIT 1",
                            (audit_id,)).fetchone()
    if seal_row is None:
        return False
    seal_id, last_id, jumlah, prev_hash, digest = seal_row
    before = conn.execute("SELECT last_audit_id, hash FROM audit_seal WHERE id < ? "
                          "ORDER BY id DESC LIMIT 1", (seal_id,)).fetchone()
    start, prev = before if before else (0, "0" * 64)
    if prev != prev_hash:
        return False
    rows = conn.execute(f"SELECT {ROW_COLUMNS} FROM audit WHERE id > ? AND id <= ? "
                        "ORDER BY id", (start, last_id))
    got, n, _ = _chain(prev_hash, rows)
    return got == digest and n == jumlah


@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    pengguna: str | None
    sumber: str | None
    tabel: str
    row_uuid: str | None
    aksi: str
    perubahan: dict

    def summary(self, limit: int = 4, reveal: bool = False) -> str:
        """The change in one line: "nama: A → B" for an update, "nama=A" for an insert.
        Personal data (a NIK) is masked unless ``reveal``."""
        if self.perubahan == {"deleted": [0, 1]}:
            return "ditandai terhapus (tetap tersimpan agar penghapusan ikut terkirim)"
        if self.perubahan == {"deleted": [1, 0]}:
            return "dipulihkan dari tanda hapus"
        whole = self.aksi == "tambah" or not any(isinstance(v, list) and len(v) == 2
                                                 for v in self.perubahan.values())
        parts = []
        items = [(k, v) for k, v in self.perubahan.items()
                 if not (whole and k in ("uuid", "origin", "deleted"))]
        for k, v in items[:limit]:
            if not whole and isinstance(v, list) and len(v) == 2:
                parts.append(f"{k}: {_show(k, v[0], reveal)} → {_show(k, v[1], reveal)}")
            else:
                parts.append(f"{k}={_show(k, v, reveal)}")
        more = len(items) - limit
        return "; ".join(parts) + (f"; … (+{more})" if more > 0 else "")


def _show(field: str, v, reveal: bool) -> str:
    return "–" if v is None else str(shown_value(field, v, reveal))


def entries(conn, since: str | None = None, table: str | None = None,
            source: str | None = None, limit: int | None = None) -> list[Entry]:
    """Audit rows, newest first, filtered by time (ISO prefix), table and source text."""
    where, args = [], []
    if since:
        where.append("at >= ?")
        args.append(since)
    if table:
        where.append("tabel = ?")
        args.append(table)
    if source:
        where.append("sumber LIKE ?")
        args.append(f"%{source}%")
    sql = f"SELECT {ROW_COLUMNS} FROM audit"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [Entry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]))
            for r in conn.execute(sql, args)]
