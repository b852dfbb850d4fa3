"""A database without a Dokumen IKU in force (a district before the province's first
package, or one whose document was removed): the window opens and says so."""

from iku_desktop.services.changes import OpChanges
from PySide6.QtWidgets import QLabel

from iku_desktop.services.database import init_database
from iku_desktop.store import models as m
from ui.main_window import MainWindow


def _without_document(tmp_path):
    path = tmp_path / "tanpa_dokumen.sqlite"
    db = init_database(path)
    m.Dokumen.update(aktif=False).execute()
    db.close()
    return path


def test_the_window_opens_with_a_message_in_place_of_the_tabs(qtbot, tmp_path):
    w = MainWindow(_without_document(tmp_path))
    qtbot.addWidget(w)
    assert w.doc is None
    labels = [w.tabs.tabText(i) for i in range(w.tabs.count())]
    assert labels == ["Ringkasan", "Dokumen IKU"]
    message = w.tabs.currentWidget()
    assert isinstance(message, QLabel)
    assert "Belum ada Dokumen IKU" in message.text() and "Terima paket" in message.text()
    assert w.summary.model.rowCount() == 0 and w.year_box.count() == 0
    # the Kantor and Berkas menus are still there, and a change of data does not crash
    menus = [a.text().replace("&", "") for a in w.menuBar().actions()]
    assert "Kantor" in menus and "Berkas" in menus
    w.data_changed(OpChanges.of({"dokumen", "koperasi", "setting"}))
    w.refresh()
    assert w.doc is None and w.tabs.count() == 2


def test_a_document_that_arrives_brings_the_tabs_back(qtbot, tmp_path):
    w = MainWindow(_without_document(tmp_path))
    qtbot.addWidget(w)
    m.Dokumen.update(aktif=True).execute()  # as a province package does
    w.data_changed(OpChanges.of({"dokumen", "fungsi", "sasaran", "indikator"}))
    labels = [w.tabs.tabText(i) for i in range(w.tabs.count())]
    assert labels == ["Ringkasan", "Target", "Sasaran 1", "Sasaran 2", "Sasaran 3", "Dokumen IKU"]
    assert w.year_box.count() > 0 and w.summary.model.rowCount() > 0


def test_the_shown_window_computes_no_trends_of_a_missing_document(qtbot, tmp_path):
    """Started as the program starts (opened after its first paint) and painted: no trend
    is computed without a document — the status bar said "Angka gagal dihitung:
    'NoneType' object has no attribute 'semua_indikator'"."""
    from ui import tasks

    w = MainWindow(_without_document(tmp_path), open_after_paint=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.session is not None)
    qtbot.waitExposed(w)
    tasks.wait()
    assert w.doc is None and w.tabs.count() == 2
    assert "gagal" not in w.statusBar().currentMessage()
