"""Opening a database file: existence, SQLite header, pragmas, integrity check, migrations.

Every failure is a ``DatabaseError`` whose text is the Indonesian message for the user.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from . import migrate
from .models import CURRENT_OFFICE, database

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class DatabaseError(Exception):
    """A database that cannot be opened; ``str()`` is the user's message."""


class DatabaseMissing(DatabaseError):
    pass


class DatabaseDamaged(DatabaseError):
    pass


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"Berkas basis data tidak dapat dibaca: {path} ({exc.strerror})") from exc
    if head and head != SQLITE_HEADER:
        raise DatabaseDamaged(f"Berkas {path} bukan basis data IKU Desktop (bukan berkas SQLite)")


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
    target = str(Path(text).resolve().parent)
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
) -> SqliteDatabase:
    """Open (and with ``create`` make) the database at ``path`` and bind the models to it.

    A path that does not exist is an error unless ``create``: a typo must never silently
    make an empty database. The file must be SQLite, pass ``PRAGMA integrity_check``, and is
    upgraded to the latest schema (a backup is taken first when it already holds data).
    The journal is WAL, or the rollback journal on a network share (``journal_mode``
    forces one). ``read_only``: SQLite refuses every write on this connection.
    """
    p = Path(path)
    if journal_mode is None:
        journal_mode = "delete" if on_network_share(p) else "wal"
    if p.exists():
        if p.is_dir():
            raise DatabaseError(f"{p} adalah folder, bukan berkas basis data")
        _check_header(p)
    elif not create:
        raise DatabaseMissing(
            f"Basis data tidak ditemukan: {p}. Buat yang baru dengan: iku --db {p} init"
        )
    else:
        p.parent.mkdir(parents=True, exist_ok=True)

    options = pragmas(journal_mode)
    if read_only:
        options = {k: v for k, v in options.items() if k != "journal_mode"}
        options["query_only"] = 1
    db = SqliteDatabase(str(p), pragmas=options)
    try:
        db.connect(reuse_if_open=True)
        check_integrity(db, p)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        db.close()
        raise DatabaseDamaged(f"Berkas {p} rusak atau bukan basis data IKU Desktop ({exc})") from exc
    except DatabaseError:
        db.close()
        raise
    database.initialize(db)
    if upgrade and not read_only:
        migrate.upgrade(db, p)
    elif read_only and _schema_version(db) != migrate.latest_version():
        db.close()
        raise DatabaseError(f"Basis data {p} perlu diperbarui ke skema terbaru, tetapi sedang "
                            "dibuka hanya-baca; buka setelah pemegangnya menutupnya")
    CURRENT_OFFICE[0] = office_code(db)
    return db


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
    """SQLite's ``quick_check`` at every open (every page and record read and checked; a
    fourth of the time of the full check, 0,9 s instead of 3,3 s at ten times Jambi's size);
    ``full``: ``integrity_check``, which also compares every index with its table."""
    rows = db.execute_sql("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
    if [r[0] for r in rows] != ["ok"]:
        detail = "; ".join(str(r[0]) for r in rows[:5])
        raise DatabaseDamaged(
            f"Pemeriksaan integritas basis data {path} gagal: {detail}. "
            "Pulihkan dari cadangan terakhir."
        )


def close_database(db: SqliteDatabase) -> None:
    if not db.is_closed():
        db.close()
