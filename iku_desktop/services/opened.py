"""A database opened for one command-line act and closed after it, whatever happens."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from ..store.database import open_database


@contextmanager
def opened(path: str | os.PathLike) -> Iterator[None]:
    """Open the database at ``path`` (DatabaseError when it cannot be) for the ``with``
    block, and close it after."""
    db = open_database(path)
    try:
        yield
    finally:
        db.close()
