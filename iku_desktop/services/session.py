"""The session: one office database as a front end holds it open. The one door for opening
it (creating a first one), its lock file (who else holds it, taking it over, releasing
it), opening read-only with the reason, a damaged file (the latest backup offered for
restore — only then: a file of another application, a read-only folder or a full disk is
said as such, and a file that cannot be written opens read-only with the reason), and
closing. Backups are ``services.backups``; the daily check and backup of a session is
left to the window, which takes it in the background (``Session.daily``).

The state of a session — the office the database belongs to and why it is read-only —
is held by the open database object (``models.current_office``, ``ownership.read_only``),
never by a module: two databases opened one after the other never see each other's.
Every refusal is a ``Refused`` whose ``str()`` is the Indonesian message.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from ..store import dbfile, document_repo, migrate, writing
from ..store.database import (DatabaseDamaged, DatabaseError, close_database, open_database,
                              read_only_reason)
from ..store.dbfile import BackupError
from .database import init_database, open_or_create

if TYPE_CHECKING:  # the window's modules: a command that only reads never imports them
    from ..store.backup import Backup
    from ..store.lockfile import Holder
    from . import backups


class RestoreFailed(BackupError):
    """The restore offered for a damaged file failed; ``str()`` says why."""


@dataclass
class Session:
    """An open database: ``db`` (the models are bound to it), its ``path``, why it is
    read-only (None: writable, and this program holds its lock), the daily check and
    backup still to be taken (``backups.Daily.run``; None: taken today already, or not
    to be taken: read-only, just created, taken at the open), and the backup taken before
    the open upgraded its schema (``upgraded``; None: no upgrade) — its
    ``second_problem`` says why it did not reach the second backup folder."""

    path: Path
    db: object
    read_only: str | None
    daily: backups.Daily | None = None
    upgraded: Backup | None = None

    @property
    def office(self) -> str:
        """The code of the office the database belongs to."""
        return getattr(self.db, "iku_office", None) or "provinsi"

    def close(self, keep_lock: bool = False) -> None:
        """Close the database; release the lock unless ``keep_lock`` (the same file is
        opened again at once)."""
        close_database(self.db)
        if not keep_lock:
            release(self.path)


# --- the lock file ---------------------------------------------------------------------

def holder(path: str | os.PathLike) -> Holder | None:
    """Who holds the database at ``path`` (None: nobody, or a stale lock of this PC)."""
    from ..store import lockfile

    return lockfile.holder(Path(path))


def acquire(path: str | os.PathLike, take_over: bool = False) -> Holder | None:
    """Take the lock; None when taken, else who holds it (``take_over``: the user said the
    other holder is gone)."""
    from ..store import lockfile

    return lockfile.acquire(Path(path), take_over=take_over)


def release(path: str | os.PathLike | None) -> None:
    """Release the lock when this program holds it."""
    if path is not None:
        from ..store import lockfile

        lockfile.release(Path(path))


# --- opening ---------------------------------------------------------------------------

AskHeld = Callable[["Holder"], "str | None"]  # "read", "take", or None: do not open
OfferRestore = Callable[[DatabaseError, "Backup"], bool]


def open_session(path: str | os.PathLike, ask_held: AskHeld = lambda held: None,
                 offer_restore: OfferRestore = lambda exc, latest: False) -> Session | None:
    """Open ``path`` for the window (created with the default document when missing);
    None: not opened (the user chose so).

    Held by another program: ``ask_held(holder)`` says whether to open read-only
    ("read"), take the lock over ("take") or not open at all (None). A damaged file with a
    usable backup: ``offer_restore(error, latest)`` says whether to restore it (through
    ``backups.restore_backup``; a failure is ``RestoreFailed``). Any other failure is a
    ``DatabaseError``, and the lock is left as it was."""
    from ..store import lockfile
    from . import backups, ownership

    p = Path(path)
    read_only = None
    check = None  # as ``open_database``: when a WAL or hot journal was left
    try:
        existed = p.exists()
    except OSError as exc:  # a name too long, a folder that may not be looked into
        raise dbfile.os_problem(p, exc) from exc
    if existed:
        if lockfile.lock_path(p).exists() and lockfile.holder(p) is None:
            check = True  # a window on this PC that did not close cleanly
        held = lockfile.acquire(p)
        if held is not None:
            choice = ask_held(held)
            if choice is None:
                return None
            if choice == "take":
                lockfile.acquire(p, take_over=True)
                check = True  # the other holder is gone (the user said so)
            else:
                read_only = f"sedang dibuka oleh {held.describe()}"
    try:
        db = _open(p, read_only, offer_restore, check)
    except BaseException:
        if read_only is None:
            lockfile.release(p)
        raise
    if read_only is None:
        lockfile.acquire(p)  # a database just created
        read_only = read_only_reason(db)  # a read-only file system, a full disk
        if read_only is not None:
            lockfile.release(p)
    ownership.set_read_only(db, read_only)
    daily = backups.daily_due(p, db) if existed and read_only is None else None
    return Session(p, db, read_only, daily, getattr(db, "iku_upgrade_backup", None))


def _open(path: Path, read_only: str | None, offer_restore: OfferRestore,
          check: bool | None = None):
    from . import backups

    for attempt in range(2):
        try:
            if read_only:
                return open_database(path, read_only=True, check=check)
            # the daily check and backup: in the background (``Session.daily``)
            return open_or_create(path, check=check, defer_daily=True)
        except DatabaseDamaged as exc:
            latest = backups.latest_usable(path)
            if attempt == 0 and latest is not None and offer_restore(exc, latest):
                try:
                    backups.restore_backup(path, latest.path)  # recorded in the audit log
                except (BackupError, DatabaseError) as err:
                    raise RestoreFailed(str(err)) from err
                continue
            raise
    raise AssertionError("unreachable")


def close_thread_connection() -> None:
    """Close the calling thread's connection to the open database (peewee's SQLite
    connections are per thread: a worker closes its own when its work is done)."""
    from ..store import models

    if not models.database.is_closed():
        models.database.close()


def open_plain(path: str | os.PathLike, read_only: bool = False):
    """Open the existing database at ``path`` for one command (no lock, no daily backup)
    and bind the models to it."""
    return open_database(Path(path), read_only=read_only)


@contextmanager
def opened(path: str | os.PathLike) -> Iterator[None]:
    """The database at ``path`` opened for one command-line act (``DatabaseError`` when it
    cannot be) for the ``with`` block, and closed after it, whatever happens."""
    db = open_plain(path)
    try:
        yield
    finally:
        db.close()


def create_database(path: str | os.PathLike):
    """Create a new database at ``path`` holding the default IKU document; refused
    (``DatabaseError``) when a file is already there."""
    return init_database(path)


def active_document():
    """The IKU document in force in the open database (None: none yet)."""
    return document_repo.load_active()


def schema_version(db) -> int:
    return migrate.current_version(db)


# --- checking on demand ------------------------------------------------------------------

@dataclass(frozen=True)
class Checked:
    """The open database checked: ``problems`` (empty: sound), how long it took."""

    path: Path
    problems: tuple[str, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database() -> Checked:
    """The open database checked on demand (Berkas › Periksa basis data, ``iku check``):
    SQLite's ``integrity_check`` reads every page and record and compares every index with
    its table — seconds on a large file, so the window runs it in the background (the
    calling thread's own connection). Opening runs the lighter ``quick_check`` only after
    an unclean shutdown (``store.database``)."""
    import sqlite3
    import time

    import peewee

    from ..store import models
    from ..store.database import integrity_problems

    started = time.monotonic()
    db = models.database.obj
    path = getattr(db, "iku_path", None) or Path(db.database)
    try:
        problems = integrity_problems(db, full=True)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        known = dbfile.explain(exc, path)  # busy, unreadable: said as such
        if known is None:
            raise
        if not isinstance(known, DatabaseDamaged):
            raise known from exc
        problems = [str(exc)]
    return Checked(path, tuple(problems), time.monotonic() - started)


# --- the command line ------------------------------------------------------------------

def for_command_line(source: str, on_wait: Callable[[float], None],
                     on_upgrade_backup: Callable[[Backup], None] | None = None) -> None:
    """A command's writes are recorded in the audit log as ``source``; while waiting for
    another writer, ``on_wait(seconds)`` is told how long it has waited; a database the
    command opens at an older schema is upgraded after a backup, told to
    ``on_upgrade_backup(backup)`` (its ``second_problem``: not copied to the second
    backup folder)."""
    writing.DEFAULT_SOURCE[0] = source
    writing.ON_WAIT[0] = on_wait
    migrate.ON_BACKUP[0] = on_upgrade_backup
