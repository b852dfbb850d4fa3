"""A database file that goes away while the program has it open (moved, deleted, a USB
stick pulled out) is an error for every connection made afterwards — a worker thread's
too — and never a new empty database made in its place, which the next open would call
"a database of another program"."""

from __future__ import annotations

import threading

import pytest

from iku_desktop.store import models as m


def _in_a_worker(fn):
    """Run ``fn`` in a new thread (its own SQLite connection, as the window's workers
    have) and return what it returned or raised."""
    out = {}

    def run():
        try:
            out["value"] = fn()
        except Exception as exc:  # noqa: BLE001 — handed to the test
            out["error"] = exc
        finally:
            if not m.database.is_closed():
                m.database.close()

    t = threading.Thread(target=run)
    t.start()
    t.join(30)
    return out


def test_a_worker_reads_the_open_database(db, db_path):
    out = _in_a_worker(lambda: m.Kabupaten.select().count())
    assert out.get("value", 0) > 0, out


@pytest.mark.parametrize("how", ["moved", "deleted"])
def test_a_worker_after_the_file_went_away_fails_and_makes_no_file(db, db_path, how):
    db.close()  # the window's own connection is closed meanwhile (it would keep the inode)
    if how == "moved":
        db_path.rename(db_path.with_name("dipindah.sqlite"))
    else:
        db_path.unlink()
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    out = _in_a_worker(lambda: m.Kabupaten.select().count())
    assert "error" in out and "value" not in out, out
    assert not db_path.exists()  # no empty database where the office's file was
