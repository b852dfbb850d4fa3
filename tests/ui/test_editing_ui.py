"""Editing in the window: the card follows, bad values are refused with their message,
undo/redo restore."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.modeltest import ModelTester

from iku_desktop.store import models as m
from ui.main_window import MainWindow
from tests.ui.showing import show_register


@pytest.fixture
def window(qtbot, db_path):
    from iku_desktop.store.database import open_database

    db = open_database(db_path)
    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    for n in range(2):
        k = m.Koperasi.create(nomor_badan_hukum=f"{n}/BH", nama=f"KSP {n}", kabupaten_id=kab,
                              jenis="jasa", tanggal_badan_hukum=date(2010, 1, 1))
        m.KoperasiTahunBuku.create(koperasi=k, tahun=2021, volume_usaha=100, aset=100,
                                   tanggal_rat=date(2022, 3, 1))
        m.KoperasiTahunBuku.create(koperasi=k, tahun=2022, volume_usaha=110, aset=90,
                                   tanggal_rat=date(2023, 3, 1))
    db.close()
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    return w


def koperasi_panel(w):
    return show_register(w, w.sasaran_tabs[0].panels[1].records[0])


def card(w):
    return w.sasaran_tabs[0].panels[1].card


def test_editing_aset_changes_the_card_and_undo_restores_it(window):
    panel = koperasi_panel(window)
    assert panel.model.rowCount() == 2 and card(window).value.text() == "0,00%"
    panel.table.selectRow(0)
    tb = panel.tb_model
    assert [r.tahun for r in tb.rows] == [2021, 2022]
    aset = tb.index(1, 4)
    assert tb.setData(aset, "150.000")
    assert card(window).value.text() == "50,00%"
    assert card(window).counts.text().startswith("1 dari 2 koperasi")
    assert "meningkat" in panel.model.data(panel.model.index(0, 5))
    assert window.summary.model.data(window.summary.model.index(0, 2)) == "50,00%"
    window.undo_stack.undo()
    assert card(window).value.text() == "0,00%"
    assert m.KoperasiTahunBuku.get((m.KoperasiTahunBuku.tahun == 2022)
                                   & (m.KoperasiTahunBuku.koperasi == panel.selected_id)).aset == 90
    window.undo_stack.redo()
    assert card(window).value.text() == "50,00%"


def test_invalid_value_is_refused_with_its_message(window):
    panel = koperasi_panel(window)
    panel.table.selectRow(0)
    assert not panel.tb_model.setData(panel.tb_model.index(1, 4), "-5")
    assert "negatif" in panel.message.text()
    assert not panel.tb_model.setData(panel.tb_model.index(1, 1), "31/02/2023")
    assert "kalender" in panel.message.text()
    assert window.undo_stack.count() == 0


def test_search_and_filters_run_in_sql(window):
    panel = koperasi_panel(window)
    panel.search.setText("KSP 1")
    panel.reload()
    assert panel.model.rowCount() == 1
    panel.search.clear()
    panel.status.setCurrentIndex(panel.status.findData("dibubarkan"))
    assert panel.model.rowCount() == 0


def test_delete_is_confirmed_and_undoable(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    panel = koperasi_panel(window)
    panel.table.selectRow(0)
    panel._delete_koperasi()
    assert panel.model.rowCount() == 1
    assert card(window).counts.text().startswith("0 dari 1 koperasi")
    window.undo_stack.undo()
    assert panel.model.rowCount() == 2
    assert card(window).counts.text().startswith("0 dari 2 koperasi")


def test_record_models_pass_the_model_tester(window):
    panel = koperasi_panel(window)
    panel.table.selectRow(0)
    ModelTester(None).check(panel.model)
    ModelTester(None).check(panel.tb_model)
    sakip = show_register(window, window.sasaran_tabs[2].panels[3].records[0])
    ModelTester(None).check(sakip.model)
    targets = show_register(window, window.sasaran_tabs[2].panels[3].records[1])
    ModelTester(None).check(targets.model)
    usaha = show_register(window, window.sasaran_tabs[1].panels[2].records[0])
    ModelTester(None).check(usaha.model)


def test_target_edit_updates_capaian(window):
    targets = show_register(window, window.sasaran_tabs[0].panels[1].records[1])
    row = targets.model.years.index(2022)
    assert targets.model.setData(targets.model.index(row, 1), "20")
    assert card(window).target.text() == "20,00%"
    assert not targets.model.setData(targets.model.index(row, 1), "dua puluh")
    assert "angka" in targets.message.text()


def test_cell_editor_validates_as_typed(window, qtbot):
    panel = koperasi_panel(window)
    panel.table.selectRow(0)
    view = panel.tb_table
    index = panel.tb_model.index(1, 4)  # aset 2022
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(__import__("PySide6.QtWidgets", fromlist=["QLineEdit"]).QLineEdit)
    assert editor is not None
    editor.clear()
    qtbot.keyClicks(editor, "-12")
    assert "negatif" in panel.message.text() and "c0392b" in editor.styleSheet()
    editor.clear()
    qtbot.keyClicks(editor, "1.500")
    assert panel.message.text() == "" and editor.styleSheet() == ""


def test_add_koperasi_through_the_form(window, monkeypatch):
    from ui import form_dialog

    answers = iter([True, True, False])
    monkeypatch.setattr(form_dialog.FormDialog, "exec", lambda self: next(answers))
    values = iter([
        {"nomor": "0/BH", "nama": "Dupe", "tanggal": "01/01/2020", "kabupaten": "Kota Jambi",
         "jenis": "jasa"},
        {"nomor": "77/BH", "nama": "KSP Baru", "tanggal": "01/01/2020",
         "kabupaten": "Kabupaten Tebo", "jenis": "simpan pinjam"}])
    monkeypatch.setattr(form_dialog.FormDialog, "values", lambda self: next(values))
    panel = koperasi_panel(window)
    panel._add_koperasi()
    assert m.Koperasi.get(m.Koperasi.nomor_badan_hukum == "77/BH").kabupaten.nama == \
        "Kabupaten Tebo"
    assert panel.model.rowCount() == 3
    assert card(window).counts.text().startswith("0 dari 3 koperasi")


def test_usaha_nib_edit_counts_as_wirausaha(window):
    from iku_desktop.services import editing

    usaha = show_register(window, window.sasaran_tabs[1].panels[2].records[0])
    window.push_change(editing.prepare_usaha("Warung", "Siti", "Kota Jambi", "02/02/2022"))
    ucard = window.sasaran_tabs[1].panels[2].card
    assert ucard.counts.text().startswith("0 dari 1 usaha kecil")
    cols = [c.header for c in usaha.model.columns]
    assert usaha.model.setData(usaha.model.index(0, cols.index("NIB")), "9120001234567")
    assert not usaha.model.setData(usaha.model.index(0, cols.index("NIB")), "91200")
    assert "13 digit" in usaha.message.text()
    assert usaha.model.setData(usaha.model.index(0, cols.index("Tanggal NIB")), "03/03/2022")
    assert ucard.counts.text().startswith("1 dari 1 usaha kecil")
    nik = usaha.model.index(0, cols.index("NIK pemilik"))
    assert usaha.model.setData(nik, "1571014101900003")
    assert usaha.model.data(nik) == "1571••••••••0003"  # personal data, masked
    usaha.reveal.setChecked(True)
    assert usaha.model.data(nik) == "1571014101900003"


def test_usaha_sort_by_header_is_done_in_sql(window):
    from iku_desktop.services import editing

    usaha = show_register(window, window.sasaran_tabs[1].panels[2].records[0])
    for name in ("Bakso", "Apotek", "Cendol"):
        window.push_change(editing.prepare_usaha(name, "P", "Kota Jambi", "02/02/2022"))
    names = lambda: [usaha.model.data(usaha.model.index(r, 0)) for r in range(3)]  # noqa: E731
    assert names() == ["Apotek", "Bakso", "Cendol"]
    usaha._sort(0)  # same column again: descending
    assert names() == ["Cendol", "Bakso", "Apotek"]


def test_sakip_component_above_its_maximum_is_flagged_as_typed(window, qtbot):
    from PySide6.QtWidgets import QLineEdit

    from iku_desktop.services import editing

    sakip = show_register(window, window.sasaran_tabs[2].panels[3].records[0])
    window.push_change(editing.prepare_sakip("2022"))
    view = sakip.table
    index = sakip.model.index(0, 4)  # Pelaporan (max 15)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QLineEdit)
    editor.clear()
    qtbot.keyClicks(editor, "15,5")
    assert "melebihi nilai maksimum 15" in sakip.message.text()
    editor.clear()
    qtbot.keyClicks(editor, "14,5")
    assert sakip.message.text() == ""


def _grid(window, which):
    """The grid and the cell to edit: a tahun buku's aset, a year's target (an indikator's
    year values, the Target tab), a SAKIP component."""
    from iku_desktop.services import editing

    if which == "tahun buku":
        panel = koperasi_panel(window)
        QTest.mouseClick(panel.table.viewport(), Qt.LeftButton, Qt.NoModifier,
                         panel.table.visualRect(panel.model.index(0, 1)).center())
        return panel.tb_table, panel.tb_model.index(1, 4)
    if which == "target indikator":
        panel = show_register(window, window.sasaran_tabs[0].panels[1].records[1])
        return panel.table, panel.model.index(panel.model.years.index(2022), 1)
    if which == "tab Target":
        tab = show_register(window, window.target_tab)
        return tab.table, tab.model.index(0, 4)
    window.push_change(editing.prepare_sakip("2022", "88/2021"))
    panel = show_register(window, window.sasaran_tabs[2].panels[3].records[0])
    return panel.table, panel.model.index(0, 3)


@pytest.mark.parametrize("which", ["tahun buku", "target indikator", "tab Target", "sakip"])
def test_return_in_a_grid_stores_the_value_without_a_qt_warning(window, qtlog, which):
    """Return commits the editor; the grid reloads from the stored rows while the view is
    still committing: the editor it let go of is not committed a second time (Qt's warning
    "commitData called with an editor that does not belong to this view")."""
    view, index = _grid(window, which)
    view.setFocus()
    view.setCurrentIndex(index)
    QTest.keyClick(view, Qt.Key_F2)
    editor = view.findChild(QLineEdit)
    assert editor is not None and editor.hasFocus()
    editor.selectAll()
    QTest.keyClicks(editor, "25")
    QTest.keyClick(editor, Qt.Key_Return)
    QTest.qWait(20)  # the released editor is deleted (its focus-out)
    assert view.model().data(index) in ("25", "25,00")
    assert not [r.message for r in qtlog.records if "commitData" in r.message
                or "closeEditor" in r.message]
