"""Numbered migrations with a history table (``schema_migrations``).

Each migration runs in its own transaction (SQLite DDL is transactional), so a failed
migration leaves the database at the previous version. Before upgrading a database that
already holds data, a backup is taken (``store.backup``: beside it, and copied to the
second backup folder when one is set; ``db.iku_upgrade_backup``, ``ON_BACKUP``). A
migration that rebuilds a table other tables refer to says ``FOREIGN_KEYS_OFF = True``: it
runs with foreign keys off and is checked with ``PRAGMA foreign_key_check`` before commit.
"""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from peewee import SqliteDatabase

from . import migrations as _pkg
from . import writing
from .fields import utc_now

HISTORY = "schema_migrations"  # PRAGMA user_version follows its latest version
# callback(Backup) told of the backup taken before an upgrade (the command line says one
# that did not reach the second backup folder); it is also kept as ``db.iku_upgrade_backup``
ON_BACKUP: list = [None]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    module: ModuleType


def _named() -> list[tuple[int, str]]:
    """The migrations' versions, from their module names (``m0007_locked_years``: 7),
    without importing them: opening a file already at the latest schema imports none."""
    named = sorted((int(info.name[1:].split("_")[0]), info.name)
                   for info in pkgutil.iter_modules(_pkg.__path__) if info.name.startswith("m"))
    versions = [version for version, _ in named]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {versions}")
    return named


def available(after: int = 0) -> list[Migration]:
    """The migrations after version ``after``, imported, in order."""
    found = []
    for version, name in _named()[after:]:
        mod = importlib.import_module(f"{_pkg.__name__}.{name}")
        if mod.VERSION != version:
            raise RuntimeError(f"migration {name} says VERSION = {mod.VERSION}")
        found.append(Migration(mod.VERSION, mod.NAME, mod))
    return found


def latest_version() -> int:
    return _named()[-1][0]


def current_version(db: SqliteDatabase) -> int:
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {HISTORY} (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = db.execute_sql(f"SELECT MAX(version) FROM {HISTORY}").fetchone()
    return row[0] or 0


def backup_file(db: SqliteDatabase, target: Path) -> Path:
    """Copy the open database to ``target`` with the online backup API."""
    dest = sqlite3.connect(str(target))
    try:
        db.connection().backup(dest)
    finally:
        dest.close()
    return target


def upgrade(db: SqliteDatabase, path: Path | None = None, to_version: int | None = None) -> int:
    """Apply pending migrations up to ``to_version`` (default: latest), backing up first a
    database at ``path`` that holds data (kept as ``db.iku_upgrade_backup``, told to
    ``ON_BACKUP``). Returns the version."""
    version = current_version(db)
    target = latest_version() if to_version is None else to_version
    if version > latest_version():
        from .database import DatabaseError

        raise DatabaseError(
            f"Basis data ini dibuat oleh versi IKU Desktop yang lebih baru (skema {version}); "
            "perbarui aplikasi"
        )
    pending = ([m for m in available(after=version) if m.version <= target]
               if version < target else [])
    if pending and version > 0 and path is not None:
        from . import backup

        made = backup.create(path, "sebelum-migrasi", conn=db.connection())
        db.iku_upgrade_backup = made
        if ON_BACKUP[0] is not None:
            ON_BACKUP[0](made)
    conn = db.connection()
    for m in pending:
        keys_off = getattr(m.module, "FOREIGN_KEYS_OFF", False)
        with _foreign_keys_off(db, keys_off):
            # the write lock first, then the version again: two programs opening an old
            # file at once must not both apply a migration
            with writing.transaction(db):
                if current_version(db) >= m.version:
                    continue
                m.module.up(conn)
                if keys_off and conn.execute("PRAGMA foreign_key_check").fetchone():
                    raise RuntimeError(f"migration {m.version} broke a foreign key")
                db.execute_sql(
                    f"INSERT INTO {HISTORY} (version, name, applied_at) VALUES (?, ?, ?)",
                    (m.version, m.name, utc_now()),
                )
                db.execute_sql(f"PRAGMA user_version = {int(m.version)}")
        version = m.version
    return max(version, current_version(db))


@contextmanager
def _foreign_keys_off(db: SqliteDatabase, off: bool):
    """Foreign keys off around a migration that rebuilds a table others refer to (SQLite
    ignores the pragma inside a transaction: it is set before the migration's transaction
    and set back after it); the migration is checked with ``foreign_key_check``."""
    if not off:
        yield
        return
    (was,) = db.execute_sql("PRAGMA foreign_keys").fetchone()
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA foreign_keys = {int(was)}")
