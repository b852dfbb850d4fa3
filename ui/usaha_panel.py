"""Records of IKU 2: the usaha kecil register (search and filter in SQL, lazy rows), NIB/IUMK
with dates, the size class with the basis used; NIK pemilik masked unless revealed
(UU 27/2022)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QHeaderView, QLabel, QMessageBox, QPushButton, QTableView, QVBoxLayout,
)

from datetime import date

from iku_desktop.domain.formatting import format_date, format_number
from iku_desktop.services import editing, ownership, registers

from .lazy_model import Column, LazyRegisterModel
from .records_panel import RecordsPanel


def _d(iso: str) -> str:
    return format_date(date.fromisoformat(iso)) if iso else ""


def _dmy(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def _label(field: str) -> str:
    """The register spec's column label of a usaha kecil field."""
    return registers.column_label("usaha_kecil", field)


class UsahaPanel(RecordsPanel):
    TABLES = frozenset({"usaha_kecil"})

    def __init__(self, push, parent=None) -> None:
        super().__init__(push, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = self.search_bar("Cari nama usaha, pemilik, NIB atau NIK…")
        self.reveal = QCheckBox("Tampilkan NIK")
        self.reveal.setToolTip("NIK adalah data pribadi (UU 27/2022); tampilkan hanya bila perlu")
        self.reveal.toggled.connect(lambda _: self.model.refresh_rows())
        bar.addWidget(self.reveal)
        add = QPushButton("Tambah usaha…")
        add.clicked.connect(self._add)
        bar.addWidget(add)
        delete = QPushButton("Hapus usaha")
        delete.clicked.connect(self._delete)
        bar.addWidget(delete)
        lay.addLayout(bar)
        self.model = LazyRegisterModel([
            Column(_label("nama_usaha"), lambda r: r.nama_usaha, "nama_usaha"),
            Column(_label("nama_pemilik"), lambda r: r.nama_pemilik, "nama_pemilik"),
            Column(_label("nik_pemilik"), lambda r: r.nik if self.reveal.isChecked() else r.nik_masked,
                   "nik_pemilik", lambda r: r.nik),
            Column(_label("kabupaten"), lambda r: r.kabupaten),
            Column(_label("nib"), lambda r: r.nib, "nib"),
            Column(_label("tanggal_nib"), lambda r: _d(r.tanggal_nib), "tanggal_nib",
                   lambda r: _dmy(r.tanggal_nib)),
            Column(_label("nomor_iumk"), lambda r: r.iumk, "nomor_iumk"),
            Column(_label("tanggal_iumk"), lambda r: _d(r.tanggal_iumk), "tanggal_iumk",
                   lambda r: _dmy(r.tanggal_iumk)),
            Column("Skala (PP 7/2021)", lambda r: f"{r.skala} — dasar: {r.dasar}"),
        ], registers.usaha_rows, self._edit, self,
            read_only=lambda r: ownership.why_read_only(r.kabupaten))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().sectionClicked.connect(self._sort)
        self.order, self.descending = "nama_usaha", False
        self.validate_register(self.table, self.model, "usaha_kecil")
        lay.addWidget(self.table, 1)
        self.count = QLabel()
        lay.addWidget(self.count)
        lay.addWidget(self.message)

    def _edit(self, row_id: int, field: str, value) -> str | None:
        return self.try_edit(lambda: editing.prepare_edit("usaha_kecil", row_id, field, value))

    SORT_KEYS = ["nama_usaha", "nama_pemilik", None, "kabupaten", "nib", None, None, None, None]

    def _sort(self, section: int) -> None:
        key = self.SORT_KEYS[section] if section < len(self.SORT_KEYS) else None
        if key is None:
            return
        self.descending = self.order == key and not self.descending
        self.order = key
        self.table.horizontalHeader().setSortIndicator(
            section, Qt.DescendingOrder if self.descending else Qt.AscendingOrder)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.reload()

    def reload(self) -> None:
        ids = registers.usaha_ids(registers.RegisterFilter(
            self.search.text(), self.kabupaten.currentData(), order=self.order,
            descending=self.descending))
        self.model.set_ids(ids)
        self.count.setText(f"{format_number(len(ids), 0)} usaha")

    def _add(self) -> None:
        self.ask_form("Tambah usaha kecil", [
            ("nama", "Nama usaha", None), ("pemilik", "Nama pemilik", None),
            ("kabupaten", "Kabupaten/kota", self.kabupaten_choices()),
            ("terdata", "Tanggal terdata (dd/mm/yyyy)", None)],
            lambda v: editing.prepare_usaha(v["nama"], v["pemilik"], v["kabupaten"],
                                            v["terdata"]))

    def _delete(self) -> None:
        row_id = self.model.id_at(self.table.currentIndex().row())
        if row_id and QMessageBox.question(self, "Konfirmasi", "Hapus usaha ini dari register?") \
                == QMessageBox.Yes:
            self.push(editing.prepare_delete("usaha_kecil", row_id, "Hapus usaha"))
