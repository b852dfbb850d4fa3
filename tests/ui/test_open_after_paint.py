"""The window started by ``iku-desktop`` opens its database after its first paint
(``MainWindow(open_after_paint=True)``): what the user does before or around that open —
closing the window at once, another file chosen after the start file was not opened, a
file whose lock cannot be written — leaves the window in a state that says what is open."""

from __future__ import annotations

from iku_desktop.services import backups
from ui.main_window import MainWindow
from tests.dbfiles import BUDI, count_usaha


def lock_of(path):
    return path.with_name(path.name + ".lock")


def test_a_window_never_painted_opens_and_finishes_its_start(qtbot, db_path):
    """Started minimized (never painted): the database is opened all the same, a moment
    later, and what follows the first figures runs — the trends, and ``started`` (the
    garbage collector on again, ``ui.app``) — once, also when it is painted later."""
    w = MainWindow(db_path, open_after_paint=True)
    qtbot.addWidget(w)
    emitted = []
    w.started.connect(lambda: emitted.append(True))
    qtbot.waitUntil(lambda: emitted == [True], timeout=5000)  # not shown at all
    assert w.session is not None and lock_of(db_path).exists()
    assert w.figures.painted  # the trends were asked for
    w.show()  # restored: painted now
    qtbot.wait(200)
    assert emitted == [True]


def test_a_window_closed_before_its_open_never_opens_the_database(qtbot, db_path):
    """Closed in the same turn of the event loop as it was shown (the title bar's close
    button pressed at once): the database is not opened while the window closes, nor
    after — no lock taken, no daily backup made, no question asked."""
    w = MainWindow(db_path, open_after_paint=True)
    qtbot.addWidget(w)
    w.show()
    w.close()
    assert w.session is None and not lock_of(db_path).exists()
    qtbot.wait(700)  # past the open of a window never painted
    assert w.session is None and not lock_of(db_path).exists()
    assert not backups.folder_for(db_path).exists()  # no daily backup was taken


def another_applications_file(tmp_path):
    path = tmp_path / "gambar.sqlite"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    return path


def press_ctrl_o(qtbot, w, monkeypatch, chosen):
    """Berkas › Buka basis data… by its key, ``chosen`` picked in the file dialog."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(chosen), "Basis data IKU (*.sqlite *.db)"))
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    QTest.keyClick(w, Qt.Key_O, Qt.ControlModifier)


def test_a_file_not_opened_after_the_start_file_was_not_opened_asks_nothing_of_it(
        qtbot, db_path, tmp_path, monkeypatch):
    """The start file was not opened (another program holds it: Batal); the user then
    opens another application's file: refused — and the window does not go "back" to the
    start file it never opened, asking again who holds it."""
    import json

    from PySide6.QtWidgets import QMessageBox

    from ui import opening

    lock_of(db_path).write_text(json.dumps(BUDI))
    asked, said = [], []
    monkeypatch.setattr(opening, "_ask_held", lambda parent, held: asked.append(held))
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a: said.append(text))
    w = MainWindow(db_path, open_after_paint=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "tidak dibuka" in w.tabs.widget(0).text())
    assert len(asked) == 1
    png = another_applications_file(tmp_path)
    press_ctrl_o(qtbot, w, monkeypatch, png)
    assert len(said) == 1 and "bukan basis data IKU Desktop" in said[0]
    assert len(asked) == 1  # budi's file: not asked about again
    assert w.session is None and w.windowTitle() == "IKU Desktop"
    assert "tidak dibuka" in w.tabs.widget(0).text()
    assert not any(a.isEnabled() for a in w.db_actions)


def test_a_database_that_cannot_be_opened_again_leaves_no_tabs_of_it(
        qtbot, db_path, tmp_path, monkeypatch):
    """A database open, another application's file chosen: refused, and the window goes
    back to its database — which budi opened meanwhile, and the user does not open it
    read-only (Batal): the window says nothing is open, with none of the tabs of the
    database it closed (they read a closed database), no year of it, and no undo of its
    edits."""
    import json

    from PySide6.QtWidgets import QMessageBox

    from ui import opening

    monkeypatch.setattr(opening, "_ask_held", lambda parent, held: None)  # Batal
    monkeypatch.setattr(QMessageBox, "critical",  # budi opens it while the box is read
                        lambda *a: lock_of(db_path).write_text(json.dumps(BUDI)))
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from iku_desktop.services import editing

    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.push_change(editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021"))
    press_ctrl_o(qtbot, w, monkeypatch, another_applications_file(tmp_path))
    assert w.session is None and w.windowTitle() == "IKU Desktop"
    # the edit made on the database closed is not offered for undoing (Sunting ›
    # Urungkan, Ctrl+Z: it failed on the closed database, with a message)
    sunting = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Sunting")
    assert not any(a.isEnabled() for a in sunting.actions() if not a.isSeparator())
    QTest.keyClick(w, Qt.Key_Z, Qt.ControlModifier)
    assert count_usaha(db_path) == 1
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == ["Ringkasan"]
    assert "tidak dibuka" in w.tabs.widget(0).text()
    assert w.year_box.count() == 0 and w.statusBar().currentMessage() == ""
    assert not any(a.isEnabled() for a in w.db_actions)


def test_a_path_the_system_refuses_to_look_at_is_said_not_opened(qtbot, tmp_path, monkeypatch):
    """A name longer than the file system allows (``--db`` or ``IKU_DB`` mistyped, a
    folder nested too deep): the system refuses even to say whether the file exists — said
    in a message, the window "tidak dibuka" (it stayed at "Membuka …" for ever)."""
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a: said.append(text))
    too_long = tmp_path / ("x" * 300 + ".sqlite")
    w = MainWindow(too_long, open_after_paint=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "tidak dibuka" in w.tabs.widget(0).text())
    assert len(said) == 1 and "terlalu panjang" in said[0]
    assert w.session is None and w.windowTitle() == "IKU Desktop"


def test_an_open_failing_unexpectedly_leaves_no_membuka_for_ever(qtbot, db_path, monkeypatch):
    """A failure no message explains (a bug) while the start file is opened: the error is
    shown as any other, and the window says the file was not opened — it does not stay
    at "Membuka …"."""
    from iku_desktop.services import session

    def fails(*args, **kwargs):
        raise RuntimeError("galat tak terduga")

    monkeypatch.setattr(session, "open_session", fails)
    w = MainWindow(db_path, open_after_paint=True)
    qtbot.addWidget(w)
    with qtbot.capture_exceptions() as raised:
        w.show()
        qtbot.waitUntil(lambda: len(raised) == 1)
    assert "galat tak terduga" in str(raised[0][1])
    assert "tidak dibuka" in w.tabs.widget(0).text() and w.windowTitle() == "IKU Desktop"
