"""Cetak: choose a printout, render it in the background, preview its pages (QtPdf), print
it on a printer (the system print dialog; paper follows the printout), save it as PDF or
open it in the system viewer."""

from __future__ import annotations

import tempfile

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QMessageBox,
    QProgressBar, QPushButton, QSpinBox, QVBoxLayout,
)

from iku_desktop.services import ikm_register, printing

from . import screen_fit, tasks

PAPER_MM = {"A4": (210, 297), "F4": (215, 330)}
PRINT_DPI = 300
NEEDS_YEAR = ("capaian", "ikm", "perhitungan")


def page_size(paper: str) -> QPageSize:
    if paper == "A4":
        return QPageSize(QPageSize.A4)
    w, h = PAPER_MM[paper]
    # exact: a fuzzy match would snap 215 × 330 mm to German Legal Fanfold (215,9 mm)
    return QPageSize(QSizeF(w, h), QPageSize.Millimeter, "F4 (Folio)", QPageSize.ExactMatch)


def print_pdf(pdf: bytes, paper: str, printer: QPrinter) -> int:
    """Paint every page of ``pdf`` on ``printer``; returns the pages sent. Pages are rendered
    at no more than ``PRINT_DPI`` (a 1200 dpi F4 page would be a 600 MB image)."""
    doc = QPdfDocument()
    data = QByteArray(pdf)
    buf = QBuffer(data)
    buf.open(QIODevice.ReadOnly)
    doc.load(buf)
    printer.setPageLayout(QPageLayout(page_size(paper), QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for n in range(doc.pageCount()):
            if n:
                printer.newPage()
            rect = painter.viewport()
            scale = min(1.0, PRINT_DPI / max(1, printer.resolution()))
            image = doc.render(n, QSize(int(rect.width() * scale), int(rect.height() * scale)))
            painter.drawImage(rect, image)
    finally:
        painter.end()
    return doc.pageCount()


class PrintDialog(QDialog):
    def __init__(self, year: int, years: list[int], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cetak")
        screen_fit.resize_dialog(self, 900, 900)
        self.printout: printing.Printout | None = None
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for key, spec in printing.printouts.PRINTOUTS.items():
            self.kind.addItem(spec.label, key)
        self.year = QSpinBox()
        self.year.setRange(min(years), max(years))
        self.year.setValue(year)
        self.survey = QComboBox()
        self.paper = QComboBox()
        self.paper.addItems(["A4", "F4"])
        self.paper.setCurrentText(printing.default_paper())
        form.addRow("Jenis cetakan", self.kind)
        form.addRow("Tahun", self.year)
        form.addRow("Survei", self.survey)
        form.addRow("Kertas", self.paper)
        lay.addLayout(form)
        row = QHBoxLayout()
        self.make_button = QPushButton("&Pratinjau")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make)
        row.addWidget(self.make_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: reportlab gives no page-by-page progress
        self.progress.hide()
        row.addWidget(self.progress)
        self.status = QLabel()
        row.addWidget(self.status, 1)
        lay.addLayout(row)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        lay.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.print_button = QPushButton("&Cetak ke printer…")
        self.print_button.clicked.connect(self.to_printer)
        self.save_button = QPushButton("&Simpan PDF…")
        self.save_button.clicked.connect(self.save)
        self.open_button = QPushButton("&Buka di penampil PDF")
        self.open_button.clicked.connect(self.open_external)
        close = QPushButton("&Tutup")
        close.clicked.connect(self.reject)
        for b in (self.print_button, self.save_button, self.open_button):
            b.setEnabled(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        self.kind.currentIndexChanged.connect(self._fields)
        self.year.valueChanged.connect(self._fields)
        self._buffer: QBuffer | None = None
        self._fields()

    def _fields(self) -> None:
        kind = self.kind.currentData()
        self.year.setEnabled(kind in NEEDS_YEAR)
        self.survey.setEnabled(kind == "ikm")
        self.survey.clear()
        self.survey.addItem("Semua survei tahun ini", None)
        for nama in ikm_register.survey_names(self.year.value()):
            self.survey.addItem(nama, nama)

    def params(self) -> dict:
        kind = self.kind.currentData()
        params = {"year": self.year.value()} if kind in NEEDS_YEAR else {}
        if kind == "ikm" and self.survey.currentData():
            params["survey"] = self.survey.currentData()
        return params

    def make(self) -> None:
        kind, params, paper = self.kind.currentData(), self.params(), self.paper.currentText()
        self.make_button.setEnabled(False)
        self.progress.show()
        self.status.setText("Menyusun cetakan…")
        tasks.run(lambda: printing.make(kind, params, paper=paper), self._made, self._failed)

    def _made(self, out: printing.Printout) -> None:
        self.printout = out
        self.progress.hide()
        self.make_button.setEnabled(True)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(out.pdf))
        self._buffer.open(QIODevice.ReadOnly)
        self.document.load(self._buffer)
        note = "" if out.archive_id else " (tidak diarsipkan: basis data terbuka hanya-baca)"
        self.status.setText(f"{out.pages} halaman — kode verifikasi {out.code}{note}")
        for b in (self.print_button, self.save_button, self.open_button):
            b.setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.make_button.setEnabled(True)
        self.status.setText("Gagal.")
        QMessageBox.warning(self, "Cetakan gagal", str(exc))

    def to_printer(self) -> None:
        printer = QPrinter(QPrinter.HighResolution)
        printer.setPageSize(page_size(self.paper.currentText()))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.Accepted:
            print_pdf(self.printout.pdf, self.paper.currentText(), printer)

    def save(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Simpan PDF",
                                                  f"{self.printout.kind}.pdf", "PDF (*.pdf)")
        if path:
            try:  # whole or not at all: a full disk leaves no empty PDF behind
                printing.write_bytes(path, self.printout.pdf)
            except printing.OutputError as exc:
                QMessageBox.warning(self, "Tidak dapat menyimpan", str(exc))

    def open_external(self) -> None:
        f = tempfile.NamedTemporaryFile(prefix=f"iku-{self.printout.kind}-", suffix=".pdf",
                                        delete=False)
        f.write(self.printout.pdf)
        f.close()
        QDesktopServices.openUrl(QUrl.fromLocalFile(f.name))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
