"""Build the screenshots of the offline guide (Bantuan › Panduan) from the real window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_panduan.py

writes ``resources/panduan/*.png`` (the pictures ``panduan.html`` shows, scaled to the
guide's width) and ``docs/screenshots/mulai.png`` and ``panduan.png`` (full size, for the
README). Every picture is taken of a fresh database or of a demo database made for the
purpose in a temporary folder; no real data is read.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

GUIDE = ROOT / "resources" / "panduan"
SHOTS = ROOT / "docs" / "screenshots"
WIDTH = 720  # the guide's pictures
SIZE = (1366, 768)


def settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def save(widget, name: str, full: bool = False) -> None:
    image = widget.grab().toImage()
    scaled = image.scaledToWidth(WIDTH, Qt.SmoothTransformation)
    if name != "panduan.png":
        scaled.save(str(GUIDE / name))
    if full:
        image.save(str(SHOTS / name))
    print("wrote", name)


def main() -> int:
    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp(prefix="panduan-"))
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp / "settings"))
    app.setOrganizationName("IKU Desktop Panduan")
    app.setApplicationName("IKU Desktop Panduan")

    from iku_desktop.services import first_run, session, transfer
    from ui import first_run as first_run_ui, help_menu, tasks
    from ui.main_window import MainWindow

    tasks.SYNCHRONOUS = True
    office_db = tmp / "kantor.sqlite"
    session.create_database(office_db).close()
    window = MainWindow(office_db, year=2024)
    window.resize(*SIZE)
    window.show()
    settle(app)
    save(window, "mulai.png", full=True)

    # the demo: Ringkasan, a target grid, the print dialog
    first_run_ui.open_demo(window)
    window.resize(*SIZE)
    index = window.year_box.findData(2024)
    window.year_box.setCurrentIndex(index)
    settle(app)
    window.tabs.setCurrentIndex(0)
    settle(app)
    save(window, "ringkasan.png")
    first_run_ui.open_targets(window)
    settle(app)
    save(window, "target.png")
    dialog = window.show_print_dialog()
    dialog.kind.setCurrentIndex(dialog.kind.findData("capaian"))
    dialog.resize(900, 760)
    dialog.make_button.click()
    for _ in range(50):
        settle(app)
        if dialog.document.pageCount():
            break
    QTest.qWait(2000)  # the PDF view renders its pages in the background
    save(dialog, "cetak.png")
    dialog.close()

    # an import preview: the demo's koperasi exported, read back into the empty office
    workbook = tmp / "koperasi.xlsx"
    transfer.export("koperasi", workbook)
    window.open_database(office_db)
    dialog = window.show_import(workbook)
    dialog.resize(1100, 640)
    settle(app)
    save(dialog, "impor.png")
    dialog.close()

    helper = help_menu.show_help(window)
    helper.resize(980, 720)
    settle(app)
    save(helper, "panduan.png", full=True)
    window.close()
    assert first_run.demo_path(office_db).exists()
    return 0


if __name__ == "__main__":
    sys.exit(main())
