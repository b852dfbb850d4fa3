"""The window started by ``iku-desktop`` opens its database after its first paint
(``MainWindow(open_after_paint=True)``): what the user does before or around that open —
closing the window at once, another file chosen after the start file was not opened, a
file whose lock cannot be written — leaves the window in a state that says what is open."""

from __future__ import annotations

from iku_desktop.services import backups
from ui.main_window import MainWindow


def lock_of(path):
    return path.with_name(path.name + ".lock")


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
