"""Mulai: the first-run guide (each step with what it is, whether it is done, and a button
that opens where it is done), shown on Ringkasan until register data exists and as a dialog
from Bantuan › Mulai; and the actions its buttons take. Which steps are done is decided by
``services.first_run``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel,
    QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from iku_desktop.errors import Refused
from iku_desktop.services import first_run, session

DONE, TODO = "✓", "•"
NEXT_LABELS = {"target": "Isi target", "data": "Impor data"}


# ------------------------------------------------------------------ what the buttons do
# (each imports the dialog or the Excel code it opens when pressed: the Ringkasan, which
# shows these steps, does not load them with the window)
def open_office(window) -> None:
    from . import office_menus

    office_menus.choose_office(window)


def choose_year(window) -> None:
    window.year_box.setFocus()
    window.year_box.showPopup()


def open_targets(window) -> None:
    """The Target tab, the shown year's cell of the first indikator ready to type into."""
    tab = window.target_tab
    if tab is None:  # no document in force
        QMessageBox.information(window, "Target", "Belum ada dokumen IKU yang berlaku.")
        return
    from .target_tab import FIRST_YEAR

    window.tabs.setCurrentWidget(tab)
    model = tab.table.model()
    if window.year in model.years:
        tab.table.setCurrentIndex(model.index(0, FIRST_YEAR + model.years.index(window.year)))
    tab.table.setFocus()


def write_template(window) -> None:
    from . import excel_actions

    excel_actions.template(window)


def write_target_template(window) -> None:
    """The Excel template of the targets, holding the targets already stored."""
    path, _ = QFileDialog.getSaveFileName(
        window, "Simpan templat target", str(window.db_path.with_name("templat-target.xlsx")),
        "Excel (*.xlsx)")
    if not path:
        return
    from iku_desktop.services import transfer

    try:
        transfer.write_template("target", path)
    except Refused as exc:
        QMessageBox.warning(window, "Templat tidak tersimpan", str(exc))
        return
    window.statusBar().showMessage(f"Templat target disimpan: {path}; isi lalu impor "
                                   "(Berkas › Impor data).", 10000)


def import_data(window) -> None:
    from . import excel_actions

    excel_actions.choose_import(window)


def receive_package(window) -> None:
    from . import exchange_dialogs

    exchange_dialogs.import_package(window)


def open_demo(window) -> bool:
    """Open the demo database beside the office's (creating it first): the office's own
    database is closed, never written."""
    path = first_run.demo_path(window.db_path)
    if path == window.db_path:
        window.statusBar().showMessage("Basis data demo sudah terbuka.", 8000)
        return False
    if not path.exists():
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            window.close_session()  # the demo is made with the office's file closed
            first_run.create_demo(path)
        except (Refused, session.DatabaseError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(window, "Demo tidak dapat dibuat", str(exc))
            window.open_database(window.db_path)
            return False
        QApplication.restoreOverrideCursor()
    window.open_database(path)
    window.statusBar().showMessage(
        f"Basis data demo dibuka: {path.name}. Basis data kantor dibuka lagi lewat "
        "Berkas › Berkas terakhir.", 15000)
    return True


# ------------------------------------------------------------------ the guide
def _buttons(window) -> dict[str, list[tuple[str, object]]]:
    return {
        "kantor": [("Identitas kantor…", open_office)],
        "tahun": [("Pilih tahun", choose_year)],
        "target": [("Isi target", open_targets), ("Templat target…", write_target_template)],
        "data": [("Templat Excel…", write_template), ("Impor data…", import_data),
                 ("Terima paket…", receive_package)],
        "demo": [("Buka demo", open_demo)],
    }


class MulaiGuide(QWidget):
    """The steps of the guide, each with its buttons; the next step's button is the
    prominent one."""

    def __init__(self, window, parent=None, before=None) -> None:
        super().__init__(parent)
        self._window = window
        self._before = before  # called before a button's action (the dialog steps aside)
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.buttons: dict[str, QPushButton] = {}  # by text
        self.first_button: dict[str, QPushButton] = {}  # by step
        self.labels: dict[str, QLabel] = {}
        self.marks: dict[str, QLabel] = {}
        for row, (key, actions) in enumerate(_buttons(window).items()):
            mark = QLabel(TODO)
            mark.setStyleSheet("font-size: 14pt;")
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(Qt.RichText)
            box = QHBoxLayout()
            for text, action in actions:
                button = QPushButton(text)
                button.setAutoDefault(False)
                button.clicked.connect(lambda _=False, a=action: self._run(a))
                box.addWidget(button)
                self.buttons[text] = button
                self.first_button.setdefault(key, button)
            box.addStretch(1)
            self.marks[key], self.labels[key] = mark, label
            self.grid.addWidget(mark, row, 0, Qt.AlignTop)
            self.grid.addWidget(label, row, 1)
            self.grid.addLayout(box, row, 2, Qt.AlignTop)
        self.update_state()

    def _run(self, action) -> None:
        if self._before is not None:
            self._before()
        action(self._window)

    def update_state(self, year: int | None = None) -> None:
        window = self._window
        office = getattr(window, "office", None)
        year = year if year is not None else getattr(window, "year", None)
        nxt = first_run.next_step()
        for step in first_run.steps(office.describe() if office else "–", year):
            self.marks[step.key].setText(DONE if step.done else TODO)
            self.marks[step.key].setStyleSheet(
                "font-size: 14pt; color: %s;" % ("#2e7d32" if step.done else "#1f3b57"))
            self.labels[step.key].setText(f"<b>{step.judul}</b><br>{step.keterangan}")
        for key in NEXT_LABELS:
            self.first_button[key].setStyleSheet("font-weight: bold;" if key == nxt else "")


class MulaiDialog(QDialog):
    """Bantuan › Mulai."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setWindowTitle("Mulai")
        lay = QVBoxLayout(self)
        intro = QLabel("<b>Langkah pertama</b> — siapa pemilik basis data ini, tahun laporan, "
                       "target, dan asal data. Tombol di kanan membuka tempat langkah itu "
                       "dikerjakan.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        # a button that opens another place closes the guide first
        self.guide = MulaiGuide(window, before=self.accept)
        lay.addWidget(self.guide)
        lay.addStretch(1)
        box = QDialogButtonBox()
        box.addButton("Tutup", QDialogButtonBox.RejectRole)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.resize(900, 400)


class FirstRunPanel(QWidget):
    """On Ringkasan: on an empty database the Mulai guide with its next step as the
    prominent button; once targets exist, only the next-step button; nothing once register
    data exists."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPanel")
        self.setVisible(False)
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 4, 0, 8)
        self.guide: MulaiGuide | None = None
        self.next_button = QPushButton()
        self.next_button.setStyleSheet("font-weight: bold; padding: 6px 14px;")
        self.next_button.clicked.connect(self._next)
        row = QHBoxLayout()
        title = QLabel("<b>Mulai</b> — langkah berikutnya:")
        title.setStyleSheet("font-size: 12pt; color: #1f3b57;")
        row.addWidget(title)
        row.addWidget(self.next_button)
        row.addStretch(1)
        self._lay.addLayout(row)
        self._next_step: str | None = None

    def update_state(self, year: int | None = None) -> None:
        self._next_step = first_run.next_step()
        self.setVisible(self._next_step is not None)
        if self._next_step is None:
            return
        self.next_button.setText(NEXT_LABELS[self._next_step])
        if self.guide is None and self.window() is not self:
            self.guide = MulaiGuide(self.window())
            self._lay.addWidget(self.guide)
        if self.guide is not None:  # the whole guide on an empty database, then the button
            self.guide.setVisible(first_run.is_empty())
            self.guide.update_state(year)

    def _next(self) -> None:
        (open_targets if self._next_step == "target" else import_data)(self.window())

