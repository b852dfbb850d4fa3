"""Test helpers for a database file as other programs leave it: held by a window on
another PC (budi's lock file beside it) and its rows counted without this program."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

BUDI = {"user": "budi", "host": "PC-SEKRETARIAT", "pid": 4242,
        "since": "2026-11-26T08:00:00+00:00"}


def held_by_budi(db_path: Path) -> Path:
    """Write the lock file of a window on PC-SEKRETARIAT beside ``db_path``; its path."""
    lock = Path(db_path).with_name(Path(db_path).name + ".lock")
    lock.write_text(json.dumps(BUDI))
    return lock


def count_usaha(path: Path) -> int:
    """The usaha kecil rows in the database file at ``path``, read with plain sqlite3."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM usaha_kecil").fetchone()[0]
    finally:
        conn.close()
