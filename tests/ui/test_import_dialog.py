"""The import dialog: preview, report, import with progress, cancel, what changed."""

from datetime import date

import pytest

from iku_desktop.store import models as m
from tests.conftest import table_dump
from tests.exchange.workbooks import xlsx
from ui import tasks
from ui.main_window import MainWindow

KOP = ["Nomor Badan Hukum", "Nama Koperasi", "Tanggal Badan Hukum", "Kabupaten/Kota",
       "Jenis Koperasi", "Status"]


@pytest.fixture
def window(qtbot, db_path, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    return w


def book(tmp_path, rows):
    return xlsx(tmp_path / "kiriman.xlsx", {"Koperasi": [KOP, *rows], "Tahun buku": [
        ["Nomor Badan Hukum", "Tahun Buku", "Tanggal RAT", "Volume Usaha", "Aset"],
        ["1/BH", 2021, date(2022, 3, 1), 100, 100], ["1/BH", 2022, date(2023, 3, 1), 150, 150]]})


def test_preview_report_import_and_what_changed(window, tmp_path, qtbot, monkeypatch):
    told = []
    refresh = window.data_changed_after_import
    monkeypatch.setattr(window, "data_changed_after_import",
                        lambda changes: (told.append(changes), refresh(changes)))
    dialog = window.show_import(book(tmp_path, [["1/BH", "KSP", date(2010, 1, 1), "Kota Jambi",
                                                 "Jasa", "Aktif"]]))
    qtbot.addWidget(dialog)
    assert dialog.preview.count() == 2 and "Tidak ada galat" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    assert m.Koperasi.select().count() == 0  # checking writes nothing
    dialog.run_import()
    assert "Impor selesai" in dialog.summary.text()
    assert "Koperasi: 1 ditambah" in dialog.summary.text()
    assert "Tahun buku koperasi: 2 ditambah" in dialog.summary.text()
    # the window is told what the import wrote, as the import service says it
    assert [c.tables for c in told] == [{"koperasi", "koperasi_tahun_buku"}]
    card = window.sasaran_tabs[0].panels[1].card
    assert card.value.text() == "100,00%"  # the card followed the import


def test_errors_are_listed_filterable_and_saved_back(window, tmp_path, qtbot, db):
    dialog = window.show_import(book(tmp_path, [["1/BH", "KSP", "kemarin", "Bogor", "Jasa",
                                                 "Aktif"]]))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    # two bad cells, and the two tahun buku rows of that koperasi have no koperasi now
    assert "4 galat" in dialog.summary.text()
    dialog.filter.setCurrentIndex(dialog.filter.findData("error"))
    rows = [[dialog.issues.data(dialog.issues.index(r, c)) for c in range(6)]
            for r in range(dialog.issues.rowCount())]
    assert {(r[1], r[2], r[3]) for r in rows if r[1] == "Koperasi"} == {
        ("Koperasi", "2", "Tanggal Badan Hukum"), ("Koperasi", "2", "Kabupaten/Kota")}
    assert all(r[0] == "Galat" for r in rows) and len(rows) == 4
    out = tmp_path / "perbaikan.xlsx"
    dialog.save_errors(str(out))
    assert out.exists() and "3 baris bermasalah" in dialog.summary.text()


def test_cancel_leaves_the_database_unchanged(window, tmp_path, qtbot, db):
    dialog = window.show_import(book(tmp_path, [["1/BH", "KSP", date(2010, 1, 1), "Kota Jambi",
                                                 "Jasa", "Aktif"]]))
    qtbot.addWidget(dialog)
    before = table_dump(db)
    # the user presses Batal while the rows are being written
    dialog.bridge.progressed.connect(
        lambda stage, *_: stage.startswith("Menyimpan") and dialog._cancel_or_close())
    dialog.run_import()
    assert dialog.result.cancelled and "dibatalkan" in dialog.summary.text()
    assert table_dump(db) == before
