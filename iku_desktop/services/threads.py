"""Work on a background thread: peewee's SQLite connections are per thread, so a worker
closes its own connection when its work is done."""

from __future__ import annotations

from ..store import models as m


def release_thread_connection() -> None:
    """Close this thread's database connection, if it has one open (never another
    thread's)."""
    if not m.database.is_closed():
        m.database.close()
