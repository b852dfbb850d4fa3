from datetime import date

import pytest

from iku_desktop.store import counting, summaries
from iku_desktop.store import models as m


def triggers(db):
    return {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type='trigger'")}


def test_bulk_load_rebuilds_and_restores_triggers(db):
    conn = db.connection()
    with db.atomic(), summaries.bulk_load(conn):
        assert not triggers(db) & set(summaries.TRIGGERS)
        kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
        m.UsahaKecil.create(nama_usaha="A", nama_pemilik="B", kabupaten_id=kab,
                            tanggal_terdata=date(2022, 1, 1))
    assert triggers(db) >= set(summaries.TRIGGERS)
    assert summaries.verify(conn)
    assert sum(c.jumlah for c in counting.count_usaha(2022).values()) == 1


def test_failed_bulk_load_leaves_everything_as_it_was(db):
    conn = db.connection()
    before = triggers(db)
    with pytest.raises(RuntimeError):
        with db.atomic(), summaries.bulk_load(conn):
            raise RuntimeError("boom")
    assert triggers(db) == before


def test_bulk_load_refuses_to_run_outside_a_transaction(db):
    with pytest.raises(RuntimeError, match="transaction"):
        with summaries.bulk_load(db.connection()):
            pass


def test_verify_detects_a_summary_edited_behind_the_program(db):
    conn = db.connection()
    conn.execute("INSERT INTO agg_usaha_kecil VALUES (1, '', 2020, 9999, 9999, 0, 'kecil', 5)")
    assert not summaries.verify(conn)
    summaries.rebuild(conn)
    assert summaries.verify(conn)
