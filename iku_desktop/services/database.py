"""Creating and opening an office database, and what a failure on it means for the user
(the front ends reach these through ``services.session``; backups: ``services.backups``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from peewee import SqliteDatabase

from .. import portable, resources
from ..store import document_repo
from ..store import models as m
from ..store.database import (DatabaseError, is_disk_full, mark_read_only, open_database,
                              read_only_reason)

APP_NAME = "IKU Desktop"
DEFAULT_FILE = "iku.sqlite"
OFFICE_NAME = "Dinas Koperasi dan UKM Provinsi Jambi"


def default_path() -> Path:
    """``IKU_DB`` if set, else ``data`` beside a portable copy (``portable.py``), else
    the user data folder (platformdirs)."""
    env = os.environ.get("IKU_DB")
    if env:
        return Path(env)
    folder = portable.data_dir()
    if folder is not None:
        return folder / DEFAULT_FILE
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILE


INTERACTIVE_WAIT = 5.0


def interactive_writes(seconds: float = INTERACTIVE_WAIT) -> None:
    """Writes from the calling thread (the window's) wait at most ``seconds`` for another
    writer, then fail with the message: while that thread waits, the window cannot even
    repaint. Background work keeps the long wait."""
    from ..store import writing

    writing.set_wait_seconds(seconds)


def write_failure(exc: BaseException) -> DatabaseError | None:
    """What a failed write on the open database means for the user (another writer past
    the wait, a full disk, a read-only or vanished file) as a ``DatabaseError``; None for
    an error that says nothing about the file (a bug: let it show)."""
    if isinstance(exc, DatabaseError):
        return exc
    from ..store import dbfile, writing

    return dbfile.explain(exc, writing.path_of(m.database) or "")


def explain(exc: BaseException, path: str | os.PathLike) -> DatabaseError | None:
    """What a SQLite or peewee failure on the database at ``path`` means for the user
    (read-only, a full disk, busy, damaged) as a ``DatabaseError``; None for any other
    error, and for one that says nothing about the file (a bug: let it show)."""
    import sqlite3

    import peewee

    if not isinstance(exc, (sqlite3.Error, peewee.PeeweeException)):
        return None
    from ..store import dbfile

    return dbfile.explain(exc, path)


def default_document_data() -> dict:
    return json.loads(resources.read_text("default_document.json"))


def init_database(path: str | os.PathLike) -> SqliteDatabase:
    """Create a new database at ``path`` holding the default IKU document (the official
    document of January 2022). Refuses to overwrite an existing file."""
    p = Path(path)
    if p.exists():
        raise DatabaseError(f"Berkas {p} sudah ada; pilih nama lain atau buka berkas itu")
    from ..store import audit

    db = None
    try:
        db = open_database(p, create=True)
        with audit.recording(db, "Basis data baru"):
            m.Office.create(kind="provinsi", nama=OFFICE_NAME)
            document_repo.create_from_data(default_document_data())
    except BaseException:
        # a database cut short (a full disk) must not stay behind as "already there"
        if db is not None:
            db.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                Path(f"{p}{suffix}").unlink(missing_ok=True)
            except OSError:
                pass
        raise
    return db


def open_for_work(path: str | os.PathLike, check: bool | None = None,
                  defer_daily: bool = False) -> SqliteDatabase:
    """Open an existing database for a day's work: with the daily backup, and so the daily
    ``quick_check`` (``check``: as ``open_database``; a damaged file is ``DatabaseDamaged``).
    When not even the daily backup fits on the disk, the database stays open read-only,
    saying so.

    ``defer_daily`` (the window): the daily check and backup is left to the caller, who
    takes it in the background (``backups.daily_due``) — unless the file is in rollback
    journal mode (a network share: a reader there would hold the user's writes up) or the
    backup would not fit on the disk (then the database opens read-only, as above). The
    daily backup taken here is ``daily_backup(db)``."""
    from ..store import backup

    p = Path(path)
    db = open_database(p, check=check)
    if read_only_reason(db) is None:
        if defer_daily and _wal(db) and backup.fits(p):
            return db
        try:
            db.iku_daily_backup = backup.daily(p, db.connection(),
                                               check=not getattr(db, "iku_checked", False))
        except DatabaseError:
            db.close()
            raise
        except backup.BackupError as exc:
            if not is_disk_full(exc) and "disk penuh" not in str(exc):
                db.close()
                raise DatabaseError(str(exc)) from exc
            mark_read_only(db, "disk penuh: cadangan harian pun tidak dapat dibuat; "
                               "kosongkan ruang disk lalu buka lagi")
    return db


def daily_backup(db: SqliteDatabase):
    """The daily backup ``open_for_work`` took when it opened ``db`` (a
    ``store.backup.Backup``; None: none taken, one was taken today already or it is left
    to the caller); its ``second_problem`` says why it was not copied to the second
    backup folder."""
    return getattr(db, "iku_daily_backup", None)


def _wal(db: SqliteDatabase) -> bool:
    return str(db.execute_sql("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"


def open_or_create(path: str | os.PathLike, check: bool | None = None,
                   defer_daily: bool = False) -> SqliteDatabase:
    """The window's first start: open the database (``defer_daily``: as ``open_for_work``),
    creating it with the default document when the file does not exist yet."""
    p = Path(path)
    return open_for_work(p, check=check, defer_daily=defer_daily) if p.exists() \
        else init_database(p)


def office_code() -> str:
    return m.current_office()
