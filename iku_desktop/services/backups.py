"""Backups of an office database — list, make, copy, restore — for the window and the
command line alike: ONE restore with ONE set of guards. Every backup is also copied to
the office's second backup folder (a USB stick) when one is set; a second folder that is
missing or cannot be written is said, and the backup beside the database is made anyway.

A restore (``restore_backup``) is refused while another program holds the database (its
lock file), when the backup is not a sound IKU database (the IKU mark, ``integrity_check``,
a schema this version knows: ``store.backup.check_backup``), and when the database it
would replace must not be replaced. The state it replaces is backed up first under the
database's write lock, and the restore is recorded in the audit log of the restored
database. The files themselves are ``store.backup``'s work.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..store import audit, audit_witness, backup, lockfile
from ..store.backup import Backup, BackupError, Cancel, Cancelled  # noqa: F401 (front ends)
from ..store.database import DatabaseMissing, open_database
from ..store.dbfile import check_path
from .changes import OpChanges


class DatabaseHeld(BackupError):
    """Another program holds the database (its lock file): not restored."""


@dataclass(frozen=True)
class Restored:
    """A restore done: from ``source``; ``safety`` keeps the state it replaced (copied to
    the second backup folder, or why not: ``second_problem``); every table may have
    changed (``changes``)."""

    source: Path
    safety: Backup
    changes: OpChanges


def folder_for(path: str | os.PathLike) -> Path:
    """Where the backups of the database at ``path`` are kept."""
    return backup.folder_for(Path(path))


def list_backups(path: str | os.PathLike) -> list[Backup]:
    """The backups of the database at ``path``, newest first."""
    return backup.list_backups(Path(path))


def latest_usable(path: str | os.PathLike) -> Backup | None:
    """The newest backup that can be restored (not a damaged file set aside)."""
    return backup.latest_usable(Path(path))


def second_folder() -> tuple[str, str | None]:
    """The second backup folder set for this office ("" when none) and why backups cannot
    be copied there now (None: they can, or none is set)."""
    from ..store import settings

    folder = str(settings.get("cadangan_folder_kedua"))
    return folder, (backup.second_folder_problem(Path(folder)) if folder else None)


@dataclass(frozen=True)
class Daily:
    """The daily check and backup of an open database, still to be taken (the window takes
    it in a worker thread while the user works: ``run``).

    Attributes:
    path: the database.
    check: run ``quick_check`` first (False: the open has just run it).
    keep: how many backups are kept (the office's setting, read when it was planned).
    second: the second backup folder ("" none), read when it was planned.
    """

    path: Path
    check: bool
    keep: int
    second: str

    def run(self, cancel: Cancel | None = None) -> Backup:
        """Check and back up the database through a connection of this thread's own
        (SQLite's online backup: one consistent state while the window writes). A damaged
        file is ``DatabaseDamaged`` and no backup is made or rotated; ``cancel`` stops it
        (``Cancelled``) before anything is written. ``Backup.second_problem`` says why no
        copy was made in the second folder."""
        try:
            conn = backup.connect_for_worker(self.path)
        except sqlite3.Error as exc:  # the file gone or unreadable meanwhile: said as such
            from .database import explain

            raise explain(exc, self.path) or BackupError(
                f"Cadangan harian tidak dibuat: {self.path}: {exc}") from exc
        try:
            return backup.create(self.path, "harian", keep=self.keep, conn=conn,
                                 check=self.check, second=self.second, cancel=cancel)
        finally:
            conn.close()


def daily_due(path: str | os.PathLike, db) -> Daily | None:
    """The daily check and backup of the open database ``db`` at ``path`` when none was
    taken today (None: taken already)."""
    from ..store import settings

    p = Path(path)
    if not backup.daily_due(p):
        return None
    return Daily(p, check=not getattr(db, "iku_checked", False),
                 keep=int(settings.get("cadangan_disimpan")),
                 second=str(settings.get("cadangan_folder_kedua")))


def require_database(path: str | os.PathLike) -> None:
    """Refuse (``DatabaseError``) a path where no database file is: why (a symlink loop, a
    dangling link) or that nothing is there."""
    p = Path(path)
    if not p.exists():
        check_path(p)
        raise DatabaseMissing(f"Basis data tidak ditemukan: {p}")


def create_backup(path: str | os.PathLike, db=None, reason: str = "manual") -> Backup:
    """A backup of the database at ``path`` now, through ``db`` when it is open (else the
    file is opened for it and closed again); copied to the second backup folder when one
    is set (``Backup.second_copy``, or why not: ``Backup.second_problem``)."""
    p = Path(path)
    if db is not None:
        return backup.create(p, reason, conn=db.connection())
    require_database(p)
    opened = open_database(p)
    try:
        return backup.create(p, reason, conn=opened.connection())
    finally:
        opened.close()


def save_copy(db, target: str | os.PathLike) -> None:
    """A consistent copy of the open database ``db`` at ``target`` (SQLite's online
    backup); ``BackupError`` when it cannot be written."""
    from ..store.migrate import backup_file

    t = Path(target)
    try:
        if t.exists():
            t.unlink()
        backup_file(db, t)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"{t}: {exc}") from exc


def restore_backup(path: str | os.PathLike,
                   source: str | os.PathLike | None = None) -> Restored:
    """Replace the database at ``path`` (closed by this program) with the backup ``source``
    (None: the newest usable one), with the guards above. Recorded in the audit log of the
    restored database: which backup, where the state it replaced is kept, and the head of
    the audit chain it replaced with the heads witnessed in that chain that the restored
    one no longer has (a documented segment break: ``audit_witness``). The other offices'
    heads witnessed in the replaced state are carried over, and the numbered packages it
    had sent (``package_order.carry_over_sent``)."""
    p = Path(path)
    require_database(p)
    held = lockfile.holder(p)
    if held is not None and not held.is_this_process:
        raise DatabaseHeld(f"basis data sedang dibuka oleh {held.describe()}; tutup "
                           "jendelanya dahulu sebelum memulihkan cadangan")
    if source is None:
        usable = backup.latest_usable(p)
        if usable is None:
            raise BackupError("belum ada cadangan untuk dipulihkan")
        source = usable.path
    src = Path(source)
    safety = backup.restore(p, src)
    _record(p, src, safety)
    return Restored(src, safety, OpChanges.everything())


def _record(path: Path, src: Path, safety: Backup) -> None:
    replaced = audit_witness.read_replaced(safety.path)
    db = open_database(path)  # upgrades an older backup; checks it opens
    try:
        source_text = f"Pemulihan cadangan {src.name}"
        with audit.recording(db, source_text):
            audit.record_event(db, "basis_data", "pulih", {
                "cadangan": str(src), "cadangan_sha256": _sha256(src),
                "keadaan_diganti": str(safety.path),
                "keadaan_diganti_sha256": _sha256(safety.path),
                "keadaan_diganti_jenis": safety.label,
                **audit_witness.restore_content(db.connection(), replaced),
            }, source=source_text)
            audit_witness.carry_over(db.connection(), replaced)
            # the packages sent from the replaced state: numbering goes on after them
            from . import package_order  # (the package code: only when restoring)

            package_order.carry_over_sent(db.connection(), safety.path)
    finally:
        db.close()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
