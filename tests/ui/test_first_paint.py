"""The window's first paint waits only for what it shows: the dialogs, the editors, the
import, Excel, PDF and signing code, and the tabs not shown are loaded when first used
(docs/PERFORMANCE.md, Start-up). Checked in a fresh process started as ``iku-desktop``
starts, up to the main window's first paint."""

import os
import subprocess
import sys
from pathlib import Path

from tests.dbfiles import held_by_budi

ROOT = Path(__file__).resolve().parents[2]

# (ui.backup_dialog is not among them: the daily check, started with the open, says a
# failed copy as that dialog does — a light module)
DEFERRED = (
    "openpyxl", "python_calamine", "reportlab", "PIL", "nacl",
    "iku_desktop.services.transfer", "iku_desktop.exchange.importer",
    "iku_desktop.services.document_edit",
    "ui.import_dialog", "ui.excel_actions", "ui.exchange_dialogs", "ui.print_dialog",
    "ui.verify_dialog", "ui.settings_dialog", "ui.keys_dialog",
    "ui.audit_dialog", "ui.help_dialog", "ui.document_editor", "ui.target_tab",
    "ui.koperasi_panel", "ui.usaha_panel", "ui.ikm_panel", "ui.sakip_panel",
)

PROBE = """
import sys
from ui.app import main
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
deferred = {deferred!r}

class FirstPaint(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint and isinstance(obj.window(), QMainWindow) \\
                and obj.window().isVisible():
            app.removeEventFilter(self)
            loaded = [m for m in deferred if m in sys.modules]
            print("LOADED:" + ",".join(loaded), flush=True)
            print("SHOWN:" + ",".join(m for m in ("ui.summary_tab", "ui.main_window")
                                      if m in sys.modules), flush=True)
            QTimer.singleShot(0, obj.window().close)
        return False

first = FirstPaint()
app.installEventFilter(first)
sys.exit(main(["--db", sys.argv[1]]))
"""


def test_the_first_paint_loads_no_dialog_editor_or_hidden_tab(db_path, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", PROBE.format(deferred=DEFERRED), str(db_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    lines = dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)
    assert lines["SHOWN"] == "ui.summary_tab,ui.main_window"  # the probe saw the paint
    assert [m for m in lines["LOADED"].split(",") if m] == []


OPENS_AFTER = """
import sys
from pathlib import Path
from ui.app import main
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
lock = Path(sys.argv[1] + ".lock")

def tabs(w):
    return ",".join(w.tabs.tabText(i) for i in range(w.tabs.count()))

def later(w):
    from ui import tasks
    tasks.wait()
    print("AFTER:", lock.exists(), tabs(w), w.windowTitle(), sep="|", flush=True)
    import gc
    print("GC AFTER:", gc.isenabled(), gc.get_freeze_count() > 10000, sep="|", flush=True)
    w.close()

class FirstPaint(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint and isinstance(obj.window(), QMainWindow) \\
                and obj.window().isVisible():
            app.removeEventFilter(self)
            w = obj.window()
            print("PAINTED:", lock.exists(), tabs(w), w.windowTitle(), sep="|", flush=True)
            import gc
            print("GC PAINTED:", gc.isenabled(), sep="|", flush=True)
            QTimer.singleShot(0, lambda: later(w))
        return False

first = FirstPaint()
app.installEventFilter(first)
sys.exit(main(["--db", sys.argv[1]]))
"""


def test_the_window_is_on_screen_before_its_database_is_opened(db_path, tmp_path):
    """The window is painted at once — its menus, the year bar and "Membuka …" — and its
    database opened right after: its lock taken, its tabs and figures shown."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", OPENS_AFTER, str(db_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    lines = dict(line.split(":|", 1) for line in done.stdout.splitlines() if ":|" in line)
    assert lines["PAINTED"] == f"False|Ringkasan|IKU Desktop — membuka {db_path.name}…"
    held, tabs, title = lines["AFTER"].split("|")
    assert held == "True"
    assert tabs.split(",")[:3] == ["Ringkasan", "Target", "Sasaran 1"]
    assert title.startswith("IKU Desktop — ") and "membuka" not in title
    # the start-up's objects made with the garbage collector off, then left out of its walks
    assert lines["GC PAINTED"] == "False" and lines["GC AFTER"] == "True|True"


def test_a_database_not_opened_at_the_start_says_what_to_do(qtbot, db_path, monkeypatch):
    """Another program holds the file and the user cancels: the window says it was not
    opened and where to go next, instead of "Membuka …" for ever."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui import opening
    from ui.main_window import MainWindow

    lock = held_by_budi(db_path)
    monkeypatch.setattr(opening, "_ask_held", lambda parent, held: None)  # Batal
    w = MainWindow(db_path, open_after_paint=True)
    qtbot.addWidget(w)
    assert "Membuka basis data" in w.tabs.widget(0).text()
    w.show()
    qtbot.waitUntil(lambda: "tidak dibuka" in w.tabs.widget(0).text(), timeout=5000)
    assert "menu Berkas" in w.tabs.widget(0).text()
    assert w.session is None and w.windowTitle() == "IKU Desktop"
    assert "budi" in lock.read_text()  # budi's lock left as it was
    # what needs a database waits for one: its menu entries are off, their keys do nothing
    enabled = {a.text() for m in w.menuBar().actions() for a in m.menu().actions()
               if a.isEnabled() and not a.isSeparator()}
    assert {"Basis data &baru…", "&Buka basis data…", "&Keluar", "&Panduan",
            "&Tentang IKU Desktop"} <= enabled
    assert not enabled & {"&Cadangan…", "&Cetak…", "&Impor data…", "&Pengaturan kantor…",
                          "&Mulai…", "&Kunci realisasi tahun ini…"}
    for key in (Qt.Key_P, Qt.Key_E):  # Cetak, Ekspor ke Excel
        QTest.keyClick(w, key, Qt.ControlModifier)
    assert [t for t in QApplication.topLevelWidgets() if t.isVisible()] == [w]
    lock.unlink()  # budi closed it: opened now, the entries come on
    w.open_database(db_path)
    assert w.session is not None
    assert all(a.isEnabled() for a in w.db_actions)
