"""A damaged database: reported clearly at open, with the way back to the latest backup;
never a traceback."""

from __future__ import annotations

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.services import editing
from iku_desktop.store import backup
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database


def garbage(path):
    data = bytearray(path.read_bytes())
    for i in range(100, min(len(data), 40000)):
        data[i] = (i * 7) % 256
    path.write_bytes(bytes(data))


def truncate(path):
    path.write_bytes(path.read_bytes()[:5000])


def not_sqlite(path):
    path.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 50)


@pytest.fixture
def backed_up(db_path):
    """A database with one usaha kecil, backed up, its WAL folded into the file."""
    db = open_database(db_path)
    editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021").write()
    backup.create(db_path, "manual", conn=db.connection())
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return db_path


@pytest.mark.parametrize("damage", [garbage, truncate, not_sqlite])
def test_damage_is_reported_with_the_way_back_and_restore_works(backed_up, capsys, damage):
    damage(backed_up)
    assert cli(["--db", str(backed_up), "compute", "--year", "2022"]) == 2
    err = capsys.readouterr().err
    assert "Galat:" in err and "Traceback" not in err
    assert "Pulihkan dengan: iku --db" in err and "backup restore" in err
    assert cli(["--db", str(backed_up), "backup", "restore"]) == 0
    db = open_database(backed_up)
    try:
        assert m.UsahaKecil.get().nama_usaha == "Kopi"
    finally:
        db.close()
    kept = [b for b in backup.list_backups(backed_up) if b.reason == "rusak"]
    assert len(kept) == 1 and kept[0].path.read_bytes()[:2] in (b"SQ", b"PK")
    # the damaged copy is never offered as "the latest backup"
    assert backup.latest_usable(backed_up).reason != "rusak"


def test_restore_is_refused_while_a_window_holds_the_database(backed_up, capsys):
    import json
    import socket

    from iku_desktop.store import lockfile

    lockfile.lock_path(backed_up).write_text(json.dumps(
        {"user": "budi", "host": socket.gethostname() + "-lain", "pid": 1,
         "since": "2026-11-26T08:00:00"}))
    assert cli(["--db", str(backed_up), "backup", "restore"]) == 1
    assert "sedang dibuka oleh budi" in capsys.readouterr().err
