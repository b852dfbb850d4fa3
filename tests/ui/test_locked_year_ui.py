"""A locked year on screen: the Ringkasan and the cards show the frozen figures of the
locked Laporan Capaian (what the signed printout prints) under a "dikunci" mark, even
after the data underneath changed; an open year shows today's figures, unmarked."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from iku_desktop.services import editing, locking
from iku_desktop.store import models as m
from ui import tasks
from ui.main_window import MainWindow
from tests.ui.showing import show_register


@pytest.fixture
def locked_db(db_path):
    """IKU 1 is 0,00 % in 2022 (assets fell) against a target of 50, and 2022 is locked;
    then the data changes: assets rise (100 % today) and the target becomes 60."""
    from iku_desktop.store.database import open_database

    db = open_database(db_path)
    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    k = m.Koperasi.create(nomor_badan_hukum="1/BH", nama="KSP Satu", kabupaten_id=kab,
                          jenis="jasa", tanggal_badan_hukum=date(2010, 1, 1))
    m.KoperasiTahunBuku.create(koperasi=k, tahun=2021, volume_usaha=100, aset=100,
                               tanggal_rat=date(2022, 3, 1))
    row = m.KoperasiTahunBuku.create(koperasi=k, tahun=2022, volume_usaha=110, aset=90,
                                     tanggal_rat=date(2023, 3, 1))
    ind = m.Indikator.get(m.Indikator.urutan == 1)
    editing.prepare_year_value("target", ind.id, 2022, "50").write()
    editing.prepare_year_value("target", ind.id, 2023, "55").write()
    locking.lock_year(2022)
    m.KoperasiTahunBuku.update(aset=150).where(m.KoperasiTahunBuku.id == row.id).execute()
    m.Target.update(nilai=Decimal("60")).where(
        (m.Target.indikator == ind.id) & (m.Target.tahun == 2022)).execute()
    db.close()
    return db_path


def _cell(w, row, col):
    return w.summary.model.data(w.summary.model.index(row, col))


def test_a_locked_year_shows_its_frozen_figures_marked(qtbot, locked_db):
    w = MainWindow(locked_db, year=2022)
    qtbot.addWidget(w)
    assert (_cell(w, 0, 2), _cell(w, 0, 3), _cell(w, 0, 4)) == ("0,00%", "50,00%", "0,00% "
                                                                 "(sangat rendah)")
    assert w.summary.heading.text().endswith("— dikunci")
    assert not w.summary.lock_mark.isHidden() and "DIKUNCI" in w.summary.lock_mark.text()
    card = w.sasaran_tabs[0].panels[1].card
    assert card.value.text() == "0,00%" and card.target.text() == "50,00%"
    assert card.title.text().endswith("— dikunci") and not card.lock_mark.isHidden()
    assert "Data sekarang memberi realisasi 100,00%" in card.notes.text()
    w.show()  # the trends: computed in the background once the window is painted
    qtbot.waitExposed(w)
    tasks.wait()
    assert w.trend[1][2022] == Decimal("0.00")  # the trend chart: the year as locked
    # an open year: today's figures, no mark
    w.year_box.setCurrentIndex(w.year_box.findData(2023))
    tasks.wait()
    assert not w.summary.heading.text().endswith("dikunci") and w.summary.lock_mark.isHidden()
    assert card.lock_mark.isHidden() and card.target.text() == "55,00%"


def test_an_edit_in_the_window_keeps_the_locked_figures(qtbot, locked_db):
    w = MainWindow(locked_db, year=2022)
    qtbot.addWidget(w)
    panel = show_register(w, w.sasaran_tabs[0].panels[1].records[0])
    panel.table.selectRow(0)
    tb = panel.tb_model
    assert tb.setData(tb.index(1, 4), "80")  # aset 2022 falls again
    assert _cell(w, 0, 2) == "0,00%" and w.reports[0].dikunci is not None
    assert w.sasaran_tabs[0].panels[1].card.notes.text() == ""  # the same as locked now


def test_locking_from_the_dokumen_menu_marks_the_year_and_its_target_column(qtbot, db_path):
    from ui import office_menus
    from ui.target_tab import FIRST_YEAR

    w = MainWindow(db_path, year=2023)
    qtbot.addWidget(w)
    assert w.summary.lock_mark.isHidden()
    model = show_register(w, w.target_tab).model
    col = FIRST_YEAR + model.years.index(2023)
    assert model.headerData(col, Qt.Horizontal) == "2023"
    assert office_menus.lock_year(w, confirm=False)
    assert not w.summary.lock_mark.isHidden() and "tahun 2023" in w.summary.lock_mark.text()
    assert model.headerData(col, Qt.Horizontal) == "2023\ndikunci"
