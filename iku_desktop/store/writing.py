"""One write transaction on the office database, as every recorded write makes it
(``audit.recording``) and the migrations do.

- It takes the write lock at its start (``BEGIN IMMEDIATE``): a second writer waits for the
  first instead of failing half-way. It waits up to ``WAIT_SECONDS``, telling ``ON_WAIT``
  how long it has waited (the command line prints it), then fails with a clear message.
- A database opened read-only refuses it at once with the reason.
- Before and after the commit the file must still be the one opened (same device and
  inode at the same path): a database deleted or replaced while an import writes into it
  would otherwise take the import with it while reporting success.
"""

from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from .dbfile import (SQLITE_BUSY, SQLITE_LOCKED, DatabaseBusy, DatabaseGone,
                     DatabaseUnwritable, busy_message, identity, primary_code)

WAIT_SECONDS = 120.0
_local = threading.local()


def set_wait_seconds(seconds: float) -> None:
    """How long writers of the calling thread wait for another writer (the window's own
    thread waits briefly: while it waits it cannot repaint)."""
    _local.wait = seconds


def wait_seconds() -> float:
    return getattr(_local, "wait", WAIT_SECONDS)

# callback(seconds waited so far), called about every busy_timeout while waiting
ON_WAIT: list = [None]
# the source the audit log names when a writer does not: the window or the command line
# sets it (``store.audit.recording``)
DEFAULT_SOURCE = ["IKU Desktop"]


def _target(database):
    """The SqliteDatabase behind peewee's proxy."""
    return getattr(database, "obj", None) or database


def path_of(database) -> Path | None:
    return getattr(_target(database), "iku_path", None)


def read_only_reason(database) -> str | None:
    """Why the open database cannot be written (read-only file system, disk full, opened
    read-only), or None."""
    return getattr(_target(database), "iku_read_only", None)


def check_same_file(database, committed: bool = False) -> None:
    """Refuse when the file at the database's path is not the one opened."""
    db = _target(database)
    opened, path = getattr(db, "iku_identity", None), getattr(db, "iku_path", None)
    if opened is None or path is None:
        return
    now = identity(path)
    if now == opened or (now is not None and opened[1] == 0):
        return  # the same file (a file system without inode numbers: it is still there)
    if committed:
        raise DatabaseGone(
            f"Berkas basis data {path} dihapus, dipindah atau diganti oleh program lain saat "
            "sedang ditulis: perubahan ini masuk ke berkas yang sudah tidak ada dan HILANG. "
            "Periksa berkasnya, lalu ulangi dari cadangan atau berkas sumbernya")
    raise DatabaseGone(
        f"Berkas basis data {path} dihapus, dipindah atau diganti oleh program lain saat "
        "sedang ditulis: perubahan ini TIDAK disimpan. Periksa berkasnya, lalu ulangi")


def _begin(database):
    """Enter a transaction holding the write lock, waiting for other writers."""
    started = time.monotonic()
    while True:
        tx = database.atomic(lock_type="IMMEDIATE")
        try:
            tx.__enter__()
            return tx
        except Exception as exc:
            if primary_code(exc) not in (SQLITE_BUSY, SQLITE_LOCKED):
                raise
            waited = time.monotonic() - started
            if waited >= wait_seconds():
                raise DatabaseBusy(busy_message(path_of(database) or "", waited)) from exc
            if ON_WAIT[0] is not None:
                ON_WAIT[0](waited)


@contextmanager
def transaction(database):
    """A write transaction (a savepoint inside another one) with the checks above."""
    reason = read_only_reason(database)
    if reason:
        raise DatabaseUnwritable(f"Basis data {path_of(database)} terbuka hanya-baca "
                                 f"({reason}); perubahan tidak dapat disimpan")
    outer = _target(database).transaction_depth() == 0
    tx = _begin(database)
    try:
        yield
        if outer:
            check_same_file(database)
    except BaseException:
        if not tx.__exit__(*sys.exc_info()):
            raise
    else:
        tx.__exit__(None, None, None)
        if outer:
            check_same_file(database, committed=True)
