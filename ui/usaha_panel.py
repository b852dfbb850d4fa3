"""Records of IKU 2: the usaha kecil register (search and filter in SQL, lazy rows) with
every field of the register — alamat, sektor, modal usaha and hasil penjualan, tanggal
terdata and tutup, NIB/IUMK with dates — editable in the grid (through the editing
service, with undo), and the size class with the basis used; NIK pemilik masked unless
revealed (UU 27/2022)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QLabel, QMessageBox, QPushButton, QTableView, QVBoxLayout,
)

from datetime import date

from iku_desktop.domain.formatting import format_date, format_number
from iku_desktop.services import editing, ownership, registers

from . import column_fit
from .background_load import (
    BackgroundLoad, current_id, set_ids_keeping_current, with_rows,
)
from .lazy_model import Column, LazyRegisterModel
from .records_panel import RecordsPanel


def _d(iso: str) -> str:
    return format_date(date.fromisoformat(iso)) if iso else ""


def _dmy(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def _rp(value: int | None) -> str:
    return "" if value is None else format_number(value, 0)


def _label(field: str) -> str:
    """The register spec's column label of a usaha kecil field."""
    return registers.column_label("usaha_kecil", field)


def _text(field: str) -> Column:
    return Column(_label(field), lambda r: getattr(r, field), field)


def _money(field: str) -> Column:
    """Whole rupiah with thousands points; typed the same way (2.500.000)."""
    return Column(_label(field), lambda r: _rp(getattr(r, field)), field, numeric=True)


def _date(field: str) -> Column:
    """Shown as "3 Maret 2022", typed as dd/mm/yyyy."""
    return Column(_label(field), lambda r: _d(getattr(r, field)), field,
                  lambda r: _dmy(getattr(r, field)))


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
        columns = self._columns()
        self.SORT_KEYS = [key for _, key in columns]
        self.model = LazyRegisterModel(
            [column for column, _ in columns], registers.usaha_rows, self._edit, self,
            read_only=lambda r: ownership.why_read_only(r.kabupaten))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        column_fit.fit(self.table, stretch=0)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().sectionClicked.connect(self._sort)
        self.order, self.descending = "nama_usaha", False
        self.validate_register(self.table, self.model, "usaha_kecil")
        lay.addWidget(self.table, 1)
        self.count = QLabel()
        lay.addWidget(self.count)
        lay.addWidget(self.message)
        self.loader = BackgroundLoad(self.table, self.count, self.message, self)

    def _columns(self) -> list[tuple[Column, str | None]]:
        """Every field of the register as a column (the spec's labels), editable where the
        editing service edits it; each with the order it sorts by in SQL (None: none)."""
        return [
            (_text("nama_usaha"), "nama_usaha"),
            (_text("nama_pemilik"), "nama_pemilik"),
            (Column(_label("nik_pemilik"),
                    lambda r: r.nik if self.reveal.isChecked() else r.nik_masked,
                    "nik_pemilik", lambda r: r.nik), None),
            (Column(_label("kabupaten"), lambda r: r.kabupaten, "kabupaten_id"), "kabupaten"),
            (_text("alamat"), None),
            (_text("sektor"), "sektor"),
            (_money("modal_usaha"), "modal_usaha"),
            (_money("hasil_penjualan"), "hasil_penjualan"),
            (_date("tanggal_terdata"), "tanggal_terdata"),
            (_date("tanggal_tutup"), "tanggal_tutup"),
            (_text("nib"), "nib"),
            (_date("tanggal_nib"), None),
            (Column(_label("nomor_iumk"), lambda r: r.iumk, "nomor_iumk"), None),
            (_date("tanggal_iumk"), None),
            (Column("Skala (PP 7/2021)", lambda r: f"{r.skala} — dasar: {r.dasar}"), None),
        ]

    def _edit(self, row_id: int, field: str, value) -> str | None:
        return self.try_edit(lambda: editing.prepare_edit("usaha_kecil", row_id, field, value))

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
        """The ids of the search, filter and order, queried in the background."""
        chosen = registers.RegisterFilter(self.search.text(), self.kabupaten.currentData(),
                                          order=self.order, descending=self.descending)
        self.loader.load(with_rows(lambda: registers.usaha_ids(chosen), registers.usaha_rows,
                                   current_id(self.table, self.model)), self._show_ids)

    def refresh(self, changes) -> None:
        """After an edit: the edited values at once, the ids (which it may have moved or
        removed) in the background."""
        self.model.refresh_rows()
        self.reload_when_shown()

    def _show_ids(self, loaded) -> None:
        ids, rows = loaded
        set_ids_keeping_current(self.table, self.model, ids, rows)
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
