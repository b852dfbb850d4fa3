"""Every field of the usaha kecil register shown in its grid and edited there with the
keyboard, as a user would: click the cell, F2, type, Enter; a bad value is refused with a
message naming the field; Ctrl+Z undoes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget

from iku_desktop.services import editing, registers
from iku_desktop.store import models as m
from ui.main_window import MainWindow

FIELDS = ("nama_usaha", "nama_pemilik", "nik_pemilik", "kabupaten", "alamat", "sektor",
          "modal_usaha", "hasil_penjualan", "tanggal_terdata", "tanggal_tutup", "nib",
          "tanggal_nib", "nomor_iumk", "tanggal_iumk")


@pytest.fixture
def window(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    assert w.push_change(editing.prepare_usaha("Warung Siti", "Siti", "Kota Jambi",
                                               "02/02/2021"))
    return w


def usaha_panel(w):
    panel = next(p for p in w.record_panels() if type(p).__name__ == "UsahaPanel")
    w.tabs.setCurrentWidget(next(t for t in w.sasaran_tabs if panel in t.record_panels()))
    inner = panel.parentWidget()
    while not isinstance(inner, QTabWidget):
        inner = inner.parentWidget()
    inner.setCurrentWidget(panel)
    return panel


def column(panel, field: str) -> int:
    label = registers.column_label("usaha_kecil", field)
    return [c.header for c in panel.model.columns].index(label)


def type_into(qtbot, panel, field: str, text: str) -> None:
    """Click the cell of the first row, F2, replace its text, Enter."""
    table = panel.table
    index = panel.model.index(0, column(panel, field))
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=table.visualRect(index).center())
    qtbot.keyClick(table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not table, "no editor opened"
    qtbot.keyClick(editor, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not editor)  # committed (queued)


def shown(panel, field: str) -> str:
    return panel.model.data(panel.model.index(0, column(panel, field)))


def test_every_field_of_the_register_is_a_column(window):
    panel = usaha_panel(window)
    headers = [c.header for c in panel.model.columns]
    for field in FIELDS:
        assert registers.column_label("usaha_kecil", field) in headers, field
    editable = {c.field for c in panel.model.columns if c.field}
    assert editable == {"nama_usaha", "nama_pemilik", "nik_pemilik", "kabupaten_id", "alamat",
                        "sektor", "modal_usaha", "hasil_penjualan", "tanggal_terdata",
                        "tanggal_tutup", "nib", "tanggal_nib", "nomor_iumk", "tanggal_iumk"}


def test_modal_penjualan_sektor_alamat_and_tanggal_tutup_edited_with_keys(qtbot, window):
    panel = usaha_panel(window)
    type_into(qtbot, panel, "modal_usaha", "2.500.000.000")
    type_into(qtbot, panel, "hasil_penjualan", "4.000.000.000")
    type_into(qtbot, panel, "sektor", "Kuliner")
    type_into(qtbot, panel, "alamat", "Jl. Sultan Thaha No. 5")
    type_into(qtbot, panel, "tanggal_tutup", "01/07/2022")
    u = m.UsahaKecil.get()
    assert (u.modal_usaha, u.hasil_penjualan, u.sektor, u.alamat, u.tanggal_tutup) == (
        2_500_000_000, 4_000_000_000, "Kuliner", "Jl. Sultan Thaha No. 5", date(2022, 7, 1))
    assert shown(panel, "modal_usaha") == "2.500.000.000"
    assert shown(panel, "hasil_penjualan") == "4.000.000.000"
    assert shown(panel, "tanggal_tutup") == "1 Juli 2022"
    assert shown(panel, "sektor") == "Kuliner"
    assert window.undo_stack.count() == 6  # the new usaha and five edits
    # a modal above 5 miliar: no longer usaha kecil, and the Skala column says so
    type_into(qtbot, panel, "modal_usaha", "6.000.000.000")
    skala = [c.header for c in panel.model.columns].index("Skala (PP 7/2021)")
    assert "Menengah" in panel.model.data(panel.model.index(0, skala))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key_Z, Qt.ControlModifier)
    assert m.UsahaKecil.get().modal_usaha == 2_500_000_000
    assert shown(panel, "modal_usaha") == "2.500.000.000"


@pytest.mark.parametrize("field, typed, says", [
    ("modal_usaha", "sejuta", "Modal usaha: "),
    ("hasil_penjualan", "-5", "Hasil penjualan tahunan: "),
    ("tanggal_tutup", "31/02/2022", "Tanggal tutup: "),
    ("tanggal_tutup", "01/01/2020", "Tanggal Tutup lebih awal dari Tanggal Terdata"),
])
def test_a_bad_value_is_refused_naming_the_field(qtbot, window, field, typed, says):
    panel = usaha_panel(window)
    before = m.UsahaKecil.get()
    type_into(qtbot, panel, field, typed)
    assert says in panel.message.text()
    assert m.UsahaKecil.get().__data__ == before.__data__
    assert window.undo_stack.count() == 1


def test_the_kabupaten_is_edited_by_its_name(qtbot, window):
    panel = usaha_panel(window)
    type_into(qtbot, panel, "kabupaten", "Kabupaten Kerinci")
    assert m.UsahaKecil.get().kabupaten.nama == "Kabupaten Kerinci"
    assert shown(panel, "kabupaten") == "Kabupaten Kerinci"
    type_into(qtbot, panel, "kabupaten", "Kabupaten Atlantis")
    assert panel.message.text().startswith("Kabupaten/kota: ")


def test_amounts_are_right_aligned_and_texts_left(qtbot, window):
    """Rupiah stand digit under digit (right), names read from the left."""
    panel = usaha_panel(window)
    type_into(qtbot, panel, "modal_usaha", "2.500.000")

    def alignment(field):
        value = panel.table.model().data(panel.model.index(0, column(panel, field)),
                                         Qt.TextAlignmentRole)
        return None if value is None else Qt.AlignmentFlag(int(value)) & Qt.AlignHorizontal_Mask

    assert alignment("modal_usaha") == Qt.AlignRight
    assert alignment("hasil_penjualan") == Qt.AlignRight
    assert alignment("nama_usaha") in (None, Qt.AlignLeft)
