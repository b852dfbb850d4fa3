"""Kantor › Pengaturan kantor: the office's own settings in one dialog — the letterhead
(kop surat lines and logo, with a preview drawn as the printouts draw it), paper and font
of the printouts, how many backups are kept and a second backup folder (a USB stick).

OK stores every changed setting as ONE edit on the window's undo stack (Ctrl+Z restores
them all); a value that is refused keeps the dialog open with the message naming the
field. Reading, checking and storing are ``services.setting_edit``'s; the preview is
``services.printing.kop_preview``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QFrame, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout,
    QWidget,
)

from iku_desktop.services import printing, setting_edit

LINES, LOGO, PAPER, FONT = "kop_surat_baris", "kop_surat_logo", "kertas", "huruf"
KEEP, SECOND = "cadangan_disimpan", "cadangan_folder_kedua"
PREVIEW_WIDTH = 560  # pixels: the preview shows the paper's whole width


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555; font-size: 9pt;")
    return label


def _choice_box(key: str) -> QComboBox:
    box = QComboBox()
    for value, name in setting_edit.choices(key):
        box.addItem(name, value)
    box.setCurrentIndex(max(0, box.findData(setting_edit.current(key))))
    box.setToolTip(setting_edit.describe(key)[1])
    return box


class SettingsDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle("Pengaturan kantor")
        self.setMinimumWidth(PREVIEW_WIDTH + 260)
        self.logo = str(setting_edit.current(LOGO))
        self.logo_name = "logo tersimpan" if self.logo else ""
        self.preview_image = QImage()
        self.preview_problem = ""
        lay = QVBoxLayout(self)
        lay.addWidget(self._kop_box())
        row = QHBoxLayout()
        row.addWidget(self._print_box(), 1)
        row.addWidget(self._backup_box(), 1)
        lay.addLayout(row)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("OK")
        self.buttons.button(QDialogButtonBox.Cancel).setText("Batal")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._redraw = QTimer(self, singleShot=True, interval=200)
        self._redraw.timeout.connect(self.update_preview)
        self.lines.textChanged.connect(self._redraw.start)
        self.paper.currentIndexChanged.connect(self.update_preview)
        self.font.currentIndexChanged.connect(self.update_preview)
        self._show_logo_state()
        self.update_preview()

    # ------------------------------------------------------------------ the form
    def _kop_box(self) -> QGroupBox:
        box = QGroupBox("Kop surat")
        lay = QVBoxLayout(box)
        self.lines = QPlainTextEdit("\n".join(setting_edit.current(LINES)))
        self.lines.setPlaceholderText("PEMERINTAH PROVINSI JAMBI\nDINAS KOPERASI DAN USAHA "
                                      "KECIL MENENGAH\nJl. … Telp. … Jambi")
        self.lines.setTabChangesFocus(True)
        self.lines.setFixedHeight(self.lines.fontMetrics().lineSpacing() * 5 + 14)
        self.lines.setToolTip(setting_edit.describe(LINES)[1])
        lay.addWidget(QLabel("Baris kop surat (satu baris per baris; baris pertama dicetak "
                             "tebal; kosong: tanpa kop surat)"))
        lay.addWidget(self.lines)
        logo_row = QHBoxLayout()
        self.logo_state = QLabel()
        self.choose_logo_button = QPushButton("Pilih &logo…")
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton("&Hapus logo")
        self.remove_logo_button.clicked.connect(self.remove_logo)
        logo_row.addWidget(self.logo_state, 1)
        logo_row.addWidget(self.choose_logo_button)
        logo_row.addWidget(self.remove_logo_button)
        lay.addLayout(logo_row)
        lay.addWidget(QLabel("Pratinjau kop surat pada halaman pertama cetakan:"))
        self.preview = QLabel()
        self.preview.setFrameShape(QFrame.Box)
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setStyleSheet("background: white;")
        self.preview.setFixedWidth(PREVIEW_WIDTH + 2 * self.preview.frameWidth())
        self.preview.setMinimumHeight(120)
        lay.addWidget(self.preview, 0, Qt.AlignHCenter)  # its frame: the paper's edges
        self.preview_note = QLabel()  # no letterhead, or why it cannot be printed
        self.preview_note.setWordWrap(True)
        lay.addWidget(self.preview_note)
        return box

    def _print_box(self) -> QGroupBox:
        box = QGroupBox("Cetakan")
        form = QFormLayout(box)
        self.paper = _choice_box(PAPER)
        self.font = _choice_box(FONT)
        form.addRow("&Kertas", self.paper)
        form.addRow("H&uruf", self.font)
        form.addRow(_hint("Huruf disertakan dalam PDF, jadi cetakan sama di setiap komputer."))
        return box

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox("Cadangan")
        form = QFormLayout(box)
        self.keep = QSpinBox()
        self.keep.setRange(1, 1000)
        self.keep.setValue(int(setting_edit.current(KEEP)))
        self.keep.setToolTip(setting_edit.describe(KEEP)[1])
        form.addRow("&Jumlah disimpan", self.keep)
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.folder = QLineEdit(str(setting_edit.current(SECOND)))
        self.folder.setPlaceholderText("kosong: tanpa salinan")
        self.folder.setToolTip(setting_edit.describe(SECOND)[1])
        self.folder.setClearButtonEnabled(True)
        choose = QPushButton("&Pilih…")
        choose.clicked.connect(self.choose_folder)
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form.addRow("&Folder kedua", folder_row)
        form.addRow(_hint("Setiap cadangan juga disalin ke folder kedua (mis. flashdisk). "
                          "Bila flashdisk tidak terpasang, cadangan utama tetap dibuat."))
        return box

    # ------------------------------------------------------------------ the logo
    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Pilih logo kop surat", "",
                                              "Gambar PNG/JPEG (*.png *.jpg *.jpeg)")
        if path:
            self.set_logo_file(path)

    def set_logo_file(self, path: str | Path) -> bool:
        """Take the logo in ``path`` (checked whole); a refused file is said and the logo
        stays as it was."""
        try:
            self.logo = setting_edit.logo_from_file(path)
        except ValueError as exc:
            self.error.setText(f"{setting_edit.describe(LOGO)[0]}: {exc}")
            return False
        self.logo_name = Path(path).name
        self.error.clear()
        self._show_logo_state()
        self.update_preview()
        return True

    def remove_logo(self) -> None:
        self.logo, self.logo_name = "", ""
        self._show_logo_state()
        self.update_preview()

    def _show_logo_state(self) -> None:
        if not self.logo:
            self.logo_state.setText("Logo: tanpa logo")
        else:
            image = QImage.fromData(QByteArray.fromBase64(self.logo.encode("ascii")))
            self.logo_state.setText(f"Logo: {self.logo_name} ({image.width()} × "
                                    f"{image.height()} piksel)")
        self.remove_logo_button.setEnabled(bool(self.logo))

    # ------------------------------------------------------------------ the preview
    def update_preview(self) -> None:
        """Draw the letterhead as it stands in the dialog, as the printouts will."""
        self._redraw.stop()
        lines = [x for x in self.lines.toPlainText().splitlines() if x.strip()]
        if not lines and not self.logo:
            self.preview_image, self.preview_problem = QImage(), ""
            self.preview.setPixmap(QPixmap())
            self.preview_note.setStyleSheet("color: #555;")
            self.preview_note.setText("Tanpa kop surat: cetakan dimulai langsung dengan "
                                      "judulnya.")
            return
        made = printing.kop_preview(lines, self.logo, self.paper.currentData(),
                                    self.font.currentData())
        self.preview_problem = made.problem
        if made.problem:
            self.preview_image = QImage()
            self.preview.setPixmap(QPixmap())
            self.preview_note.setStyleSheet("color: #c0392b;")
            self.preview_note.setText(f"Kop surat tidak dapat dicetak: {made.problem}")
            return
        self.preview_note.clear()
        self.preview_image = render_page(made.pdf, PREVIEW_WIDTH)
        self.preview.setPixmap(QPixmap.fromImage(self.preview_image))
        needed = self.preview_image.height() + 2 * self.preview.frameWidth()
        if needed > self.preview.minimumHeight():  # a longer letterhead: the dialog grows
            self.preview.setMinimumHeight(needed)
            if self.isVisible():
                self.adjustSize()

    # ------------------------------------------------------------------ storing
    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Pilih folder cadangan kedua",
                                                self.folder.text())
        if path:
            self.folder.setText(path)

    def values(self) -> dict:
        """Every setting as the dialog holds it, read and checked by the service
        (``SettingError`` naming the field when one is refused)."""
        self.update_preview()
        if self.preview_problem:
            raise setting_edit.SettingError(
                f"{setting_edit.describe(LINES)[0]}: {self.preview_problem}")
        return {
            LINES: setting_edit.parse(LINES, self.lines.toPlainText()),
            LOGO: self.logo,
            PAPER: self.paper.currentData(),
            FONT: self.font.currentData(),
            KEEP: self.keep.value(),
            SECOND: setting_edit.parse(SECOND, self.folder.text()),
        }

    def accept(self) -> None:
        try:
            change = setting_edit.prepare_many(self.values())
        except setting_edit.SettingError as exc:
            self.error.setText(str(exc))
            return
        if change is not None and not self.window.push_change(change):
            return
        if change is not None:
            self.window.statusBar().showMessage(f"{change.label}: disimpan", 6000)
        super().accept()


def render_page(pdf: bytes, width: int) -> QImage:
    """The first page of ``pdf`` drawn ``width`` pixels wide, on white paper."""
    doc = QPdfDocument()
    buf = QBuffer()
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.ReadOnly)
    doc.load(buf)
    size = doc.pagePointSize(0)
    height = max(1, round(width * size.height() / max(1.0, size.width())))
    drawn = doc.render(0, QSize(width, height))
    doc.close()
    paper = QImage(drawn.size(), QImage.Format_RGB32)
    paper.fill(Qt.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, drawn)
    painter.end()
    return paper
