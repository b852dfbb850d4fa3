"""Opening a database file: what the path names, the IKU mark, pragmas, integrity check,
migrations (``dbfile`` holds the checks of the file itself and the error classes).

SQLite's ``quick_check`` reads every page (≈ 1 s at ten times Jambi's size), so it is not
run on every open: only when the file may not have been closed cleanly (a WAL or hot
journal left beside it that no live holder of the lock file explains, or the caller knows
of a crash: ``check=True``), before every backup (``store.backup``), and on demand
(Berkas › Periksa basis data, ``iku check``). Every open still refuses a file whose
header or schema cannot be read, or that is shorter than its header says (SQLite's own
check on the first read).

Every failure is a ``DatabaseError`` whose text is the Indonesian message for the user.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from . import dbfile, migrate
from .dbfile import (DatabaseBusy, DatabaseDamaged, DatabaseError,  # noqa: F401 (re-exported)
                     DatabaseGone, DatabaseMissing, DatabaseUnwritable, NotIkuDatabase)
from .models import database
from .writing import read_only_reason  # noqa: F401 (re-exported)

SQLITE_HEADER = dbfile.SQLITE_HEADER
BUSY_TIMEOUT_MS = 5000


def pragmas(journal_mode: str = "wal") -> dict:
    return {
        "foreign_keys": 1,
        "busy_timeout": BUSY_TIMEOUT_MS,
        "journal_mode": journal_mode,
        "synchronous": "normal" if journal_mode == "wal" else "full",
        # 64 MiB of page cache (SQLite's default is 2 MiB): a bulk import inserts into
        # random places of the uuid index, and the registers at ten times Jambi's size
        # are ~200 MB
        "cache_size": -65536,
    }


NETWORK_FILESYSTEMS = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "fuse.sshfs", "9p", "afs",
                       "ncpfs", "davfs", "fuse.davfs2"}


def on_network_share(path: Path) -> bool:
    """Whether ``path`` is on a shared network folder (SMB/NFS…): there SQLite's WAL mode
    does not work (it needs shared memory between the PCs), the rollback journal does."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True  # a UNC path: \\server\share
    if os.name == "nt":
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    try:
        target = str(Path(text).resolve().parent)
    except (OSError, RuntimeError):  # a symlink loop: refused by the caller
        return False
    best, kind = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3:
            point = parts[1].replace("\\040", " ")
            if (target == point or target.startswith(point.rstrip("/") + "/")) and \
                    len(point) > len(best):
                best, kind = point, parts[2]
    return kind in NETWORK_FILESYSTEMS


def open_database(
    path: str | os.PathLike,
    *,
    create: bool = False,
    upgrade: bool = True,
    journal_mode: str | None = None,
    read_only: bool = False,
    check: bool | None = None,
) -> SqliteDatabase:
    """Open (and with ``create`` make) the database at ``path`` and bind the models to it.

    A path that does not exist is an error unless ``create``: a typo must never silently
    make an empty database. What the path names is checked before SQLite opens it (a
    folder, device, FIFO, symlink loop or empty file is refused), and an existing file must
    be an IKU database — marked as one, or made before the mark existed — or it is refused
    untouched. It must pass ``PRAGMA quick_check`` when ``check`` is true, or when it is
    None and the file was left uncleanly (``left_unclean``); it is upgraded to the latest
    schema (a backup is taken first when it already holds data). The journal is WAL, or the rollback
    journal on a network share (``journal_mode`` forces one). ``read_only``: SQLite refuses
    every write on this connection. A file on a read-only file system (or not writable)
    opens read-only by itself; ``read_only_reason(db)`` says why.
    """
    p = Path(path)
    exists = dbfile.check_path(p, create)
    if check is None:
        check = exists and left_unclean(p)
    if exists:
        found = dbfile.probe(p)
        if not found.iku:
            raise dbfile.not_iku(p)
    # a file that cannot be written (a read-only file system or folder) is opened through a
    # read-only URI, also when read-only was asked for (held by another program)
    forced = dbfile.write_problem(p)
    if not exists:
        if forced:
            raise DatabaseUnwritable(f"Basis data baru tidak dapat dibuat di {p}: {forced}")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            with open(p, "xb"):  # the new database's file (SQLite fills it)
                pass
        except FileExistsError as exc:
            raise DatabaseError(f"Berkas {p} baru saja dibuat oleh program lain; "
                                "buka sekali lagi") from exc
        except OSError as exc:
            raise DatabaseError(f"Basis data baru tidak dapat dibuat di {p} "
                                f"({exc.strerror})") from exc
    if journal_mode is None:
        journal_mode = "delete" if on_network_share(p) else "wal"

    options = pragmas(journal_mode)
    read_only_options = {k: v for k, v in options.items() if k != "journal_mode"}
    read_only_options["query_only"] = 1
    try:
        db = _connect(p, read_only_options if read_only or forced else options, forced)
    except DatabaseUnwritable:
        if read_only or forced or not exists or not dbfile.disk_full(p):
            raise
        # a full disk: SQLite cannot even make its shared-memory file; read what is there
        forced = dbfile.DISK_FULL_REASON
        db = _connect(p, read_only_options, forced)
    try:
        if check:
            check_integrity(db, p)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        db.close()
        raise dbfile.explain(exc, p, opening=True) or DatabaseDamaged(
            f"Berkas {p} rusak atau bukan basis data IKU Desktop ({exc})") from exc
    except DatabaseError:
        db.close()
        raise
    db.iku_path = p
    db.iku_checked = bool(check)  # quick_check passed on this open
    db.iku_identity = dbfile.identity(p)
    db.iku_read_only = forced or ("dibuka hanya-baca" if read_only else None)
    db.iku_office = office_code(db)  # the origin of new rows (``models.current_office``)
    database.initialize(db)
    try:
        if upgrade and not (read_only or forced):
            migrate.upgrade(db, p)
        elif (read_only or forced) and _schema_version(db) != migrate.latest_version():
            why = (forced or "sedang dibuka hanya-baca; buka setelah pemegangnya menutupnya")
            raise DatabaseError(f"Basis data {p} perlu diperbarui ke skema terbaru, tetapi "
                                f"{why}")
    except (sqlite3.Error, peewee.PeeweeException) as exc:
        db.close()
        known = dbfile.explain(exc, p)
        if known is None:
            raise
        raise known from exc
    except Exception:
        db.close()
        raise
    db.iku_office = office_code(db)  # read again: a migration may have added it
    return db


def left_unclean(path: Path) -> bool:
    """Whether the file at ``path`` may not have been closed cleanly: a WAL or hot journal
    beside it (``dbfile.left_unclean``) that no other live holder of its lock file (a
    window open on it) explains."""
    if not dbfile.left_unclean(path):
        return False
    from . import lockfile  # only now: a command that reads a clean file never needs it

    held = lockfile.holder(path)
    return held is None or held.is_this_process


def _connect(p: Path, options: dict, forced: str | None) -> SqliteDatabase:
    """Connect; a file that cannot be written (``forced``) is opened through a read-only
    URI, as immutable when SQLite cannot make its shared-memory file there. Otherwise
    through a ``mode=rw`` URI: every connection made from it — a worker thread's too —
    fails on a file gone meanwhile (moved, deleted, a stick pulled out) instead of making
    a new empty database in its place (a new database's file is made before, by the
    caller)."""
    attempts = [(dbfile.sqlite_uri(p, mode="rw"), {"uri": True})]
    if forced:
        attempts = [(dbfile.sqlite_uri(p, mode="ro"), {"uri": True})]
        if not dbfile.pending_wal(p):
            attempts.append((dbfile.sqlite_uri(p, immutable=1), {"uri": True}))
    for i, (name, extra) in enumerate(attempts):
        db = SqliteDatabase(name, pragmas=options, **extra)
        try:
            db.connect(reuse_if_open=True)
            db.execute_sql("PRAGMA schema_version").fetchone()  # SQLite opens the file here
            return db
        except (sqlite3.Error, peewee.PeeweeException) as exc:
            db.close()
            if i + 1 < len(attempts) and dbfile.primary_code(exc) in dbfile.NO_SHARED_MEMORY:
                continue
            raise dbfile.explain(exc, p, opening=True) or DatabaseError(
                f"Berkas basis data {p} tidak dapat dibuka ({exc})") from exc
    raise AssertionError("unreachable")


def mark_read_only(db: SqliteDatabase, reason: str) -> None:
    """From now on refuse every write on ``db`` (and on the connections its worker threads
    open), saying ``reason``."""
    db.pragma("query_only", 1, permanent=True)
    db.iku_read_only = reason


def _schema_version(db: SqliteDatabase) -> int:
    try:
        row = db.execute_sql(f"SELECT MAX(version) FROM {migrate.HISTORY}").fetchone()
    except (sqlite3.DatabaseError, peewee.DatabaseError):
        return 0
    return row[0] or 0


def office_code(db: SqliteDatabase) -> str:
    """The code of the office the database belongs to ("provinsi" or a BPS code)."""
    try:
        row = db.execute_sql("SELECT o.kind, k.bps FROM office AS o LEFT JOIN kabupaten AS k "
                             "ON k.id = o.kabupaten_id ORDER BY o.id LIMIT 1").fetchone()
    except (sqlite3.DatabaseError, peewee.DatabaseError):
        return "provinsi"  # not migrated yet
    return "provinsi" if row is None or row[0] == "provinsi" or not row[1] else row[1]


def is_disk_full(exc: BaseException | None) -> bool:
    """SQLite's SQLITE_FULL ("database or disk is full") or the system's ENOSPC — also when
    it caused the error raised (SQLite rolls back by itself on a full disk, and the rollback
    that follows reports that no transaction is left)."""
    seen = 0
    while exc is not None and seen < 5:
        if "disk is full" in str(exc) or getattr(exc, "errno", None) == 28:
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


DISK_FULL = ("Disk penuh: perubahan dibatalkan dan basis data tidak berubah. Kosongkan ruang "
             "disk lalu coba lagi")


def check_integrity(db: SqliteDatabase, path: Path, full: bool = False) -> None:
    """SQLite's ``quick_check`` (every page and record read and checked; a fourth of the
    time of the full check, 0,9 s instead of 3,3 s at ten times Jambi's size); ``full``:
    ``integrity_check``, which also compares every index with its table. A problem found is
    ``DatabaseDamaged``."""
    rows = integrity_problems(db, full)
    if rows:
        detail = "; ".join(rows[:5])
        raise DatabaseDamaged(
            f"Pemeriksaan integritas basis data {path} gagal: {detail}. "
            "Pulihkan dari cadangan terakhir."
        )


def integrity_problems(db: SqliteDatabase, full: bool = False) -> list[str]:
    """The first problems SQLite's ``quick_check`` (``full``: ``integrity_check``) finds in
    ``db``; empty when it is sound."""
    conn = db.connection()
    rows = ([str(r[0]) for r in conn.execute("PRAGMA integrity_check(5)")] if full
            else dbfile.quick_check(conn))
    return [] if rows == ["ok"] else rows


def close_database(db: SqliteDatabase) -> None:
    if not db.is_closed():
        db.close()
