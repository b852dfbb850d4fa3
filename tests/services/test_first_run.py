"""The first-run rule: empty until a target or register data exists; the next step is the
targets, then the data, then nothing; the demo is made in its own file."""

import pytest

from iku_desktop.services import demo, editing, first_run, session
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database


def test_a_new_database_is_empty_and_its_next_step_is_the_targets(db):
    assert first_run.is_empty()
    assert first_run.next_step() == "target"
    done = {s.key: s.done for s in first_run.steps("Kantor X", 2024)}
    assert done == {"kantor": True, "tahun": True, "target": False, "data": False,
                    "demo": False}


def test_targets_then_data(db):
    ind = m.Indikator.select().first()
    editing.prepare_year_value("target", ind.id, 2024, "20").write()
    assert not first_run.is_empty()
    assert first_run.next_step() == "data"
    assert {s.key: s.done for s in first_run.steps("Kantor X", 2024)}["target"]
    editing.prepare_survey("SKM 2024", 2024).write()
    assert first_run.next_step() == "data"  # a survey without responses is no data yet
    m.Sakip.create(tahun=2024, skema="88/2021")
    assert first_run.has_data() and first_run.next_step() is None


def test_a_deleted_row_is_no_data(db):
    row = m.Sakip.create(tahun=2024, skema="88/2021")
    row.deleted = True
    row.save()
    assert first_run.is_empty()


def test_the_demo_is_made_beside_in_its_own_file(tmp_path):
    office = tmp_path / "kantor.sqlite"
    assert first_run.demo_path(office) == tmp_path / "kantor-demo.sqlite"
    assert first_run.demo_path(first_run.demo_path(office)) == first_run.demo_path(office)
    counts = first_run.create_demo(first_run.demo_path(office))
    assert counts["koperasi"] > 0
    assert not office.exists()
    db = open_database(first_run.demo_path(office))
    try:
        assert first_run.has_data()
        assert m.Koperasi.select().first().nama.startswith("[DEMO]")
    finally:
        db.close()


def test_a_demo_cut_short_leaves_no_file_and_an_existing_file_is_kept(tmp_path, monkeypatch):
    path = tmp_path / "kantor-demo.sqlite"

    def broken(*a, **k):
        raise demo.DemoError("rusak")

    monkeypatch.setattr(demo, "fill", broken)
    with pytest.raises(demo.DemoError):
        first_run.create_demo(path)
    assert not path.exists()
    path.write_bytes(b"milik kantor")
    with pytest.raises(session.DatabaseError):
        first_run.create_demo(path)
    assert path.read_bytes() == b"milik kantor"
