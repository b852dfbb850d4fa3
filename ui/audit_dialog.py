"""Log audit: who changed what and when, filtered by date, table and source, with the check
of the running hash."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from iku_desktop.domain.formatting import format_number, format_time, local_day_start
from iku_desktop.domain.synced_tables import LABELS as TABLE_LABEL
from iku_desktop.services import audit_log

from . import screen_fit


LIMIT = 2000
ACTION = {"tambah": "Tambah", "ubah": "Ubah", "hapus": "Hapus"}


class AuditDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle("Log audit")
        screen_fit.resize_dialog(self, 1000, 560)
        lay = QVBoxLayout(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Sejak:"))
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("dd-MM-yyyy")
        filters.addWidget(self.since)
        filters.addWidget(QLabel("Data:"))
        self.table_box = QComboBox()
        self.table_box.addItem("Semua", None)
        for key, label in {**TABLE_LABEL, "setting": "Pengaturan",
                           "kunci_tahun": "Kunci realisasi"}.items():
            self.table_box.addItem(label, key)
        filters.addWidget(self.table_box)
        filters.addWidget(QLabel("Sumber:"))
        self.source = QLineEdit()
        self.source.setPlaceholderText("mis. nama berkas impor atau paket")
        filters.addWidget(self.source, 1)
        for w in (self.since, self.table_box):
            (w.dateChanged if w is self.since else w.currentIndexChanged).connect(self.reload)
        self.source.returnPressed.connect(self.reload)
        self.reveal = QCheckBox("Tampilkan &NIK")
        self.reveal.setToolTip("NIK pemilik adalah data pribadi (UU 27/2022): disamarkan "
                               "kecuali ditampilkan")
        self.reveal.toggled.connect(self.reload)
        filters.addWidget(self.reveal)
        lay.addLayout(filters)
        self.view = QTableWidget(0, 6)
        self.view.setHorizontalHeaderLabels(["Waktu", "Pengguna", "Sumber", "Aksi",
                                             "Data", "Perubahan"])
        self.view.horizontalHeader().setSectionResizeMode(5, QHeaderView.Stretch)
        self.view.setEditTriggers(QTableWidget.NoEditTriggers)
        self.view.setSelectionBehavior(QTableWidget.SelectRows)
        self.view.verticalHeader().hide()
        lay.addWidget(self.view)
        row = QHBoxLayout()
        self.count = QLabel()
        check = QPushButton("&Periksa keutuhan log")
        check.clicked.connect(self.verify)
        close = QPushButton("&Tutup")
        close.clicked.connect(self.accept)
        row.addWidget(self.count, 1)
        row.addWidget(check)
        row.addWidget(close)
        lay.addLayout(row)
        self.reload()

    def reload(self) -> None:
        entries = audit_log.entries(since=local_day_start(self.since.date().toPython()),
                                    table=self.table_box.currentData(),
                                    source=self.source.text().strip() or None, limit=LIMIT)
        self.view.setRowCount(len(entries))
        reveal = self.reveal.isChecked()
        names = audit_log.names(entries)
        for i, e in enumerate(entries):
            data = TABLE_LABEL.get(e.tabel, e.tabel)
            values = [format_time(e.at, seconds=True), e.pengguna or "?",
                      e.sumber or audit_log.OUTSIDE, ACTION.get(e.aksi, e.aksi),
                      f"{data} — {names[e.id]}" if e.id in names else data,
                      e.summary(8, reveal)]
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                if col == 5:
                    item.setToolTip(e.summary(100, reveal).replace("; ", "\n"))
                self.view.setItem(i, col, item)
        self.view.resizeColumnsToContents()
        more = " (yang terbaru)" if len(entries) == LIMIT else ""
        self.count.setText(f"{format_number(len(entries), 0)} perubahan{more}")

    def verify(self) -> bool:
        v = audit_log.verify()
        if v.ok:
            QMessageBox.information(self, "Log audit utuh",
                                    f"{format_number(v.rows, 0)} baris log audit diperiksa: "
                                    "rantai hash utuh."
                                    + "".join(f"\n\nCatatan: {n}" for n in v.notes))
        else:
            QMessageBox.warning(self, "Log audit tidak utuh", "\n".join(v.problems + v.notes))
        return v.ok
