"""First run and help in the real window, with real key and mouse events: a fresh database
shows the Mulai guide on Ringkasan with the next step as a button, each button opens what it
says, the demo opens in its own file (the office's database untouched), Bantuan › Mulai
reopens the guide, and F1 opens the Panduan."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QPushButton

from iku_desktop import resources
from iku_desktop.services import editing, first_run
from ui import tasks
from ui.first_run import MulaiDialog
from ui.help_dialog import HelpDialog
from ui.main_window import MainWindow


@pytest.fixture
def office_bytes(db_path):
    return db_path.read_bytes()


@pytest.fixture
def window(qtbot, db_path, office_bytes):
    w = MainWindow(db_path, year=2024)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def press(qtbot, key: str) -> None:
    seq = QKeySequence(key)[0]
    target = QApplication.focusWidget() or QApplication.activeWindow()
    QTest.keyClick(target, seq.key(), seq.keyboardModifiers())
    qtbot.wait(10)


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    QTest.mouseClick(button, Qt.LeftButton)
    qtbot.wait(10)


def panel(window):
    return window.summary.first_run


def guide_button(window, text: str) -> QPushButton:
    return panel(window).guide.buttons[text]


# ------------------------------------------------------------------ the guide on Ringkasan
def test_a_fresh_database_shows_the_mulai_guide_with_the_next_step(window):
    assert window.tabs.currentWidget() is window.summary
    assert panel(window).isVisible()
    assert panel(window).next_button.text() == "Isi target"
    guide = panel(window).guide
    assert guide.isVisible()
    text = " ".join(label.text() for label in guide.labels.values())
    for words in ("Kantor pemilik", "Dinas Koperasi dan UKM Provinsi Jambi", "Tahun laporan",
                  "2024", "Target", "Asal data", "demo"):
        assert words in text


def test_the_next_step_follows_the_data_and_goes_once_data_exists(window, qtbot):
    click(qtbot, panel(window).next_button)  # "Isi target": the target grid, current year
    table = QApplication.focusWidget()
    assert window.tabs.currentWidget() is window.target_tab
    assert table is window.target_tab.table and table.isVisible()
    assert table.model().year_of(table.currentIndex()) == 2024
    press(qtbot, "F2")
    QTest.keyClicks(QApplication.focusWidget(), "20")
    press(qtbot, "Return")
    window.tabs.setCurrentWidget(window.summary)
    assert panel(window).isVisible() and not panel(window).guide.isVisible()
    assert panel(window).next_button.text() == "Impor data"
    # a respondent added from the keyboard: register data exists, the guide goes
    window.push_change(editing.prepare_survey("SKM 2024", 2024))
    ikm = next(p for p in window.record_panels() if type(p).__name__ == "IkmPanel")
    tab = next(t for t in window.sasaran_tabs if ikm in t.record_panels())
    window.tabs.setCurrentWidget(tab)
    inner = ikm.parentWidget()
    while not hasattr(inner, "setCurrentWidget"):
        inner = inner.parentWidget()
    inner.setCurrentWidget(ikm)
    ikm.grid.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ikm.grid)
    press(qtbot, "Ctrl+N")
    window.tabs.setCurrentWidget(window.summary)
    assert not panel(window).isVisible()


def test_the_buttons_open_what_they_say(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda *a, **k: (asked.append(a[1]), ("", False))[1])
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (asked.append(a[1]), ("", ""))[1])
    click(qtbot, guide_button(window, "Identitas kantor…"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (asked.append(a[1]), ("", ""))[1])
    click(qtbot, guide_button(window, "Templat target…"))
    click(qtbot, guide_button(window, "Templat Excel…"))
    click(qtbot, guide_button(window, "Impor data…"))
    click(qtbot, guide_button(window, "Terima paket…"))
    assert asked == ["Identitas kantor", "Simpan templat target", "Templat Excel", "Impor data",
                     "Terima paket data"]
    click(qtbot, guide_button(window, "Pilih tahun"))
    assert window.year_box.view().isVisible()
    window.year_box.hidePopup()
    click(qtbot, guide_button(window, "Isi target"))
    assert QApplication.focusWidget() is window.target_tab.table


def test_the_demo_opens_in_its_own_file_and_the_office_stays_empty(window, qtbot, db_path,
                                                                   office_bytes):
    tasks.SYNCHRONOUS = True
    try:
        click(qtbot, guide_button(window, "Buka demo"))
    finally:
        tasks.SYNCHRONOUS = False
    demo = first_run.demo_path(db_path)
    assert window.db_path == demo and demo.exists()
    assert "demo" in window.windowTitle()
    assert first_run.has_data()
    assert not panel(window).isVisible()  # the demo has data: no first-run guide
    assert db_path.read_bytes() == office_bytes
    assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0
    window.open_database(db_path)  # back to the office: still empty
    assert first_run.is_empty() and panel(window).isVisible()
    assert window.db_path.read_bytes() == office_bytes


def test_bantuan_mulai_reopens_the_guide(window, qtbot):
    action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                  if a.text() == "&Mulai…")
    action.trigger()
    dialog = next(d for d in window.findChildren(MulaiDialog) if d.isVisible())
    assert set(dialog.guide.labels) == {"kantor", "tahun", "target", "data", "demo"}
    click(qtbot, dialog.guide.buttons["Isi target"])  # it opens the grid and steps aside
    assert not dialog.isVisible()
    assert window.focusWidget() is window.target_tab.table


# ------------------------------------------------------------------ help
WORKFLOW = ["Alur kerja tahunan", "1. Target", "2. Data", "3. Periksa", "4. Cetak",
            "5. Tanda tangan", "6. Kunci"]


def test_f1_opens_the_panduan_with_the_yearly_workflow(window, qtbot):
    window.tabs.setFocus()
    press(qtbot, "F1")
    dialog = next(d for d in window.findChildren(HelpDialog) if d.isVisible())
    headings = dialog.headings()
    assert headings[0] == "Panduan IKU Desktop"
    assert [h for h in headings if h in WORKFLOW] == WORKFLOW
    assert "Mulai" in headings


def test_the_panduan_shows_its_pictures_and_names_no_source_file():
    html = resources.read_text("panduan/panduan.html")
    folder = resources.path("panduan")
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert len(pictures) >= 4
    assert all((folder / p).exists() for p in pictures)
    for forbidden in (".md", ".py", "iku_desktop", "resources/"):
        assert forbidden not in html
