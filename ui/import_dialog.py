"""Impor data: preview the rows of a file, check every row (errors and warnings, filterable),
import with a progress bar and a cancel button (cancel leaves the database unchanged), and
tell what changed per table. Rows with errors can be saved back with a Kesalahan column.
The backup taken before the import that did not reach the second backup folder is said as
the daily one says it (``daily_check.not_copied``)."""

from __future__ import annotations

import threading
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox,
    QProgressBar, QPushButton, QTableView, QTabWidget, QVBoxLayout,
)

from iku_desktop.domain.formatting import format_date, format_number
from iku_desktop.domain.synced_tables import label
from iku_desktop.services import transfer
from iku_desktop.services.database import office_code
from iku_desktop.services.transfer import Imported, Progress

from . import column_fit, daily_check, screen_fit, tasks
from .table_model import RowsModel

PREVIEW_ROWS = 100


class PreviewModel(RowsModel):
    def __init__(self, table, parent=None) -> None:
        super().__init__(parent)
        self.HEADERS = tuple(str(h) for h in table.headers)
        self._reset(table.rows[:PREVIEW_ROWS])

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Vertical and section < len(self._rows):
            return str(self._rows[section][0])  # the row number as in the file
        return super().headerData(section, orientation, role)

    def data(self, index, role=Qt.DisplayRole):
        row = self.row_at(index)
        if row is None or role != Qt.DisplayRole:
            return None
        cells = row[1]
        value = cells[index.column()] if index.column() < len(cells) else None
        if isinstance(value, date):
            return format_date(value)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return "" if value is None else str(value)


class IssuesModel(RowsModel):
    HEADERS = ("Jenis", "Sheet", "Baris", "Kolom", "Nilai", "Keterangan")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all = []

    def set_issues(self, issues, only: str | None) -> None:
        self._all = list(issues)
        self._reset([i for i in self._all if only is None or i.severity.value == only])

    def data(self, index, role=Qt.DisplayRole):
        i = self.row_at(index)
        if i is None:
            return None
        if role == Qt.DisplayRole:
            return ["Galat" if i.severity.value == "error" else "Peringatan", i.sheet or "",
                    "" if i.row is None else str(i.row), i.column or "", i.value or "",
                    i.message][index.column()]
        if role == Qt.ForegroundRole and index.column() == 0:
            return QColor("#c0392b" if i.severity.value == "error" else "#8a5300")
        return None


class _Bridge(QObject):
    progressed = Signal(str, int, int)


class ImportDialog(QDialog):
    def __init__(self, path: Path, on_imported, parent=None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.on_imported = on_imported
        self.result: Imported | None = None
        self._cancel = threading.Event()
        self.setWindowTitle(f"Impor data — {self.path.name}")
        screen_fit.resize_dialog(self, 1000, 700)
        lay = QVBoxLayout(self)
        self.summary = QLabel("Memeriksa berkas…")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.preview = QTabWidget()
        lay.addWidget(self.preview, 2)
        row = QHBoxLayout()
        row.addWidget(QLabel("Laporan pemeriksaan:"))
        self.filter = QComboBox()
        self.filter.addItem("Semua", None)
        self.filter.addItem("Galat saja", "error")
        self.filter.addItem("Peringatan saja", "warning")
        self.filter.currentIndexChanged.connect(self._show_issues)
        row.addWidget(self.filter)
        row.addStretch(1)
        lay.addLayout(row)
        self.issues = IssuesModel(self)
        view = QTableView()
        view.setModel(self.issues)
        view.verticalHeader().hide()
        column_fit.fit(view, stretch=5)
        lay.addWidget(view, 2)
        bottom = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.hide()
        self.stage = QLabel()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.stage, 1)
        self.errors_button = QPushButton("Simpan baris bermasalah…")
        self.errors_button.clicked.connect(self.save_errors)
        self.import_button = QPushButton("&Impor")
        self.import_button.clicked.connect(self.run_import)
        self.cancel_button = QPushButton("&Batal")
        self.cancel_button.clicked.connect(self._cancel_or_close)
        for b in (self.errors_button, self.import_button):
            b.setEnabled(False)
        for b in (self.errors_button, self.import_button, self.cancel_button):
            bottom.addWidget(b)
        lay.addLayout(bottom)
        self.bridge = _Bridge()
        self.bridge.progressed.connect(self._progressed)
        self._busy = False
        self._run(dry_run=True)

    # ------------------------------------------------------------------ work
    def _progress(self) -> Progress:
        return Progress(lambda stage, done, total: self.bridge.progressed.emit(stage, done, total),
                        self._cancel.is_set)

    def _run(self, dry_run: bool) -> None:
        self._busy = True
        self._cancel.clear()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.import_button.setEnabled(False)
        origin = office_code()
        tasks.run(lambda: transfer.import_file(self.path, dry_run=dry_run, origin=origin,
                                               progress=self._progress()),
                  self._checked if dry_run else self._imported, self._failed)

    def _progressed(self, stage: str, done: int, total: int) -> None:
        self.stage.setText(stage + (f" ({format_number(done, 0)} dari {format_number(total, 0)} "
                                    "baris)" if total else ""))
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _checked(self, result: Imported) -> None:
        self._busy = False
        self.result = result
        self.progress.hide()
        self.stage.clear()
        self.preview.clear()
        for t in result.tables:
            view = QTableView()
            view.setModel(PreviewModel(t, view))
            column_fit.fit(view)
            self.preview.addTab(view, f"{t.name or self.path.name} "
                                      f"({format_number(len(t.rows), 0)} baris)")
        errors = len(result.report.errors)
        warnings = format_number(len(result.report.warnings), 0)
        kinds = ", ".join(result.kinds) or "tidak dikenali"
        if errors:
            self.summary.setText(f"<b>{format_number(errors, 0)} galat</b>, {warnings} peringatan "
                                 f"(jenis data: {kinds}). Perbaiki berkas lalu buka lagi; tidak "
                                 "ada yang disimpan.")
        else:
            self.summary.setText(f"Tidak ada galat ({warnings} peringatan). Jenis data: {kinds}. "
                                 "Tekan Impor untuk menyimpan.")
        self.import_button.setEnabled(not errors and bool(result.tables))
        self.errors_button.setEnabled(bool(errors) and bool(result.tables))
        self._show_issues()

    def _imported(self, result: Imported) -> None:
        self._busy = False
        self.result = result
        self.progress.hide()
        self.stage.clear()
        if result.second_problem:  # the backup before it: not on the stick
            daily_check.not_copied(self.parentWidget(), result.backup, self)
        if result.cancelled:
            self.summary.setText("Impor dibatalkan; basis data tidak berubah.")
            self.import_button.setEnabled(True)
            return
        if not result.report.ok:
            self.summary.setText("Impor gagal; tidak ada yang disimpan.")
            self._show_issues()
            return
        lines = [f"{label(t)}: {format_number(c.added, 0)} ditambah, "
                 f"{format_number(c.updated, 0)} diubah, {format_number(c.unchanged, 0)} tetap"
                 for t, c in result.counts.items()]
        if result.second_problem:
            lines.append(f"<b style='{daily_check.WARNING_STYLE}'>"
                         f"{escape(daily_check.not_copied_text(result.backup))}</b>")
        self.summary.setText("<b>Impor selesai.</b><br>" + "<br>".join(lines))
        self.cancel_button.setText("&Tutup")
        self.on_imported(result.changes)

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self.progress.hide()
        QMessageBox.critical(self, "Impor gagal", str(exc))

    def _show_issues(self) -> None:
        if self.result is not None:
            self.issues.set_issues(self.result.report.issues, self.filter.currentData())

    # ------------------------------------------------------------------ actions
    def run_import(self) -> None:
        self.import_button.setEnabled(False)
        self.summary.setText("Mengimpor… (Batal menghentikan tanpa mengubah apa pun)")
        self._run(dry_run=False)

    def _cancel_or_close(self) -> None:
        if self._busy:
            self._cancel.set()
            self.stage.setText("Membatalkan…")
        else:
            self.reject()

    def save_errors(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, "Simpan baris bermasalah", str(self.path.with_name(
                    self.path.stem + "-perbaikan.xlsx")), "Excel (*.xlsx)")
        if path:
            n = transfer.write_errors(self.result, path)
            self.summary.setText(f"{format_number(n, 0)} baris bermasalah disimpan ke {path} "
                                 "(kolom Kesalahan).")
