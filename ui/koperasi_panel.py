"""Records of IKU 1: the koperasi register (search, filters, sort in SQL), which koperasi
count as meningkat kualitasnya in the year and why not, and the tahun buku rows of the
selected koperasi, all editable with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QInputDialog, QLabel, QMessageBox,
    QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from iku_desktop.services.changes import OpChanges
from iku_desktop.domain.formatting import format_date, format_number
from iku_desktop.domain.koperasi import JenisKoperasi, Kualitas, StatusKoperasi
from iku_desktop.services import editing, ownership, registers

from . import column_fit
from .background_load import BackgroundLoad, put_current, with_rows
from .lazy_model import Column, LazyRegisterModel
from .records_panel import RecordsPanel
from .roles import ALIGNMENT, DISPLAY, EDIT, EDITABLE, NO_FLAGS, RIGHT, SELECTABLE
from .table_model import RowsModel

KUALITAS_LABEL = {Kualitas.MENINGKAT: "✔ meningkat", Kualitas.TIDAK_MENINGKAT: "✘ tidak meningkat",
                  Kualitas.DATA_TIDAK_LENGKAP: "? data tidak lengkap",
                  Kualitas.DI_LUAR_CAKUPAN: "– di luar cakupan"}
ORDER_KEYS = ["nomor_badan_hukum", "nama", "kabupaten", "jenis", "status", None, None,
              "tanggal_badan_hukum", None, None]

def _tb(field: str) -> str:
    return registers.column_label("koperasi_tahun_buku", field)


TB_COLUMNS = [  # (header, field, kind): the headers are the register spec's column labels
    (_tb("tahun"), None, "int"), (_tb("tanggal_rat"), "tanggal_rat", "date"),
    (_tb("rat_sah"), "rat_sah", "bool"), (_tb("volume_usaha"), "volume_usaha", "money"),
    (_tb("aset"), "aset", "money"), (_tb("modal_sendiri"), "modal_sendiri", "money"),
    (_tb("modal_luar"), "modal_luar", "money"), (_tb("shu"), "shu", "money"),
    (_tb("anggota_l"), "anggota_l", "count"), (_tb("anggota_p"), "anggota_p", "count"),
]


def _show(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "date":
        return format_date(value)
    if kind == "bool":
        return "Ya" if value else "Tidak"
    if kind in ("money", "count"):
        return format_number(value, 0)
    return str(value)  # the tahun buku: a year, never grouped


class TahunBukuModel(RowsModel):
    HEADERS = tuple(h for h, _, _ in TB_COLUMNS)

    def __init__(self, panel: "KoperasiPanel") -> None:
        super().__init__(panel)
        self.panel = panel

    def load(self, koperasi_id: int | None) -> None:
        self._reset([] if koperasi_id is None else registers.tahun_buku_rows(koperasi_id))

    def flags(self, index):
        if not index.isValid():
            return NO_FLAGS
        f = SELECTABLE
        return f | EDITABLE if TB_COLUMNS[index.column()][1] else f

    def data(self, index, role=DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        header, field, kind = TB_COLUMNS[index.column()]
        row = self.rows[index.row()]
        value = row.tahun if field is None else getattr(row, field)
        if role == DISPLAY:
            return _show(value, kind)
        if role == EDIT:
            if kind == "date":
                return value.strftime("%d/%m/%Y") if value else ""
            return _show(value, kind)
        if role == ALIGNMENT and kind in ("money", "int", "count"):
            return RIGHT
        return None

    def setData(self, index, value, role=EDIT):
        if role != EDIT or not index.isValid():
            return False
        field = TB_COLUMNS[index.column()][1]
        row = self.rows[index.row()]
        label = f"Ubah {TB_COLUMNS[index.column()][0].lower()} {row.tahun}"
        return self.panel.try_edit(lambda: editing.prepare_edit(
            "koperasi_tahun_buku", row.id, field, value, label)) is None


class KoperasiPanel(RecordsPanel):
    TABLES = frozenset({"koperasi", "koperasi_tahun_buku"})

    def __init__(self, push, parent=None) -> None:
        super().__init__(push, parent)
        self.filter = registers.RegisterFilter()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = self.search_bar("Cari nama, nomor badan hukum atau NIK koperasi…")
        self.jenis = QComboBox()
        self.jenis.addItem("Semua jenis", None)
        for j in JenisKoperasi:
            self.jenis.addItem(j.label, j.value)
        self.status = QComboBox()
        self.status.addItem("Semua status", None)
        for s in StatusKoperasi:
            self.status.addItem(s.label, s.value)
        for box in (self.jenis, self.status):
            box.currentIndexChanged.connect(self.reload)
            bar.addWidget(box, 1)
        add = QPushButton("Tambah koperasi…")
        add.clicked.connect(self._add_koperasi)
        bar.addWidget(add)
        lay.addLayout(bar)

        split = QSplitter(Qt.Vertical)
        self.model = LazyRegisterModel(self._columns(), self._load, self._edit_koperasi, self,
                                       read_only=lambda r: ownership.why_read_only(r.kabupaten))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        column_fit.fit(self.table, stretch=1)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().sectionClicked.connect(self._sort)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        split.addWidget(self.table)
        self.validate_register(self.table, self.model, "koperasi")

        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        self.detail_title = QLabel("Pilih koperasi untuk melihat data tahun bukunya.")
        self.detail_title.setStyleSheet("font-weight: bold;")
        head.addWidget(self.detail_title, 1)
        self.add_year = QPushButton("Tambah tahun buku…")
        self.add_year.clicked.connect(self._add_year)
        self.delete_year = QPushButton("Hapus tahun buku")
        self.delete_year.clicked.connect(self._delete_year)
        self.delete_koperasi = QPushButton("Hapus koperasi")
        self.delete_koperasi.clicked.connect(self._delete_koperasi)
        for b in (self.add_year, self.delete_year, self.delete_koperasi):
            b.setEnabled(False)
            head.addWidget(b)
        dl.addLayout(head)
        self.tb_model = TahunBukuModel(self)
        self.tb_table = QTableView()
        self.tb_table.setModel(self.tb_model)
        self.tb_table.verticalHeader().hide()
        column_fit.fit(self.tb_table)
        self.validate_as_typed(self.tb_table, lambda i, text: editing.prepare_edit(
            "koperasi_tahun_buku", self.tb_model.rows[i.row()].id, TB_COLUMNS[i.column()][1],
            text) if TB_COLUMNS[i.column()][1] else None)
        dl.addWidget(self.tb_table)
        self.tb_table.hide()  # until a koperasi is chosen
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)
        self.count = QLabel()
        lay.addWidget(self.count)
        lay.addWidget(self.message)
        self.selected_id: int | None = None
        self.loader = BackgroundLoad(self.table, self.count, self.message, self)

    def _columns(self) -> list[Column]:
        """The koperasi's columns, headed by the register spec's column labels."""
        def _kop(field: str) -> str:
            return registers.column_label("koperasi", field)

        return [
            Column(_kop("nomor_badan_hukum"), lambda r: r.nomor_badan_hukum),
            Column(_kop("nama"), lambda r: r.nama, "nama"),
            Column(_kop("kabupaten"), lambda r: r.kabupaten, "kabupaten_id"),
            Column(_kop("jenis"), lambda r: r.jenis.title(), "jenis"),
            Column(_kop("status"), lambda r: r.status.title(), "status"),
            Column("Kualitas", lambda r: KUALITAS_LABEL[r.kualitas]),
            Column("Keterangan", lambda r: r.alasan),
            Column(_kop("tanggal_badan_hukum"), lambda r: format_date(r.tanggal_badan_hukum),
                   "tanggal_badan_hukum", lambda r: r.tanggal_badan_hukum.strftime("%d/%m/%Y")),
            Column(_kop("tanggal_bubar"), lambda r: format_date(r.tanggal_bubar) if r.tanggal_bubar
                   else "", "tanggal_bubar",
                   lambda r: r.tanggal_bubar.strftime("%d/%m/%Y") if r.tanggal_bubar else ""),
            Column(_kop("nik_koperasi"), lambda r: r.nik_koperasi or "", "nik_koperasi"),
        ]

    def _load(self, ids):
        return registers.koperasi_rows(ids, self.year)

    def _edit_koperasi(self, row_id: int, field: str, value) -> str | None:
        return self.try_edit(lambda: editing.prepare_edit("koperasi", row_id, field, value))

    def reload(self) -> None:
        self.filter = registers.RegisterFilter(
            self.search.text(), self.kabupaten.currentData(), self.jenis.currentData(),
            self.status.currentData(), self.filter.order, self.filter.descending)
        chosen, year = self.filter, self.year
        self.loader.load(with_rows(lambda: registers.koperasi_ids(chosen),
                                   lambda ids: registers.koperasi_rows(ids, year),
                                   self.selected_id), self._show_ids)

    def _show_ids(self, loaded) -> None:
        ids, rows = loaded
        """The queried ids (the rows' kualitas are the year's: the header names it)."""
        header = f"Kualitas {self.year}"
        if self.model.columns[5].header != header:
            self.model.columns[5] = Column(header, self.model.columns[5].value)
            self.model.headerDataChanged.emit(Qt.Horizontal, 5, 5)
        if ids == self.model.ids():
            self.model.refresh_rows(rows)  # the same koperasi: their values may differ
        else:
            self.model.set_ids(ids, rows)
        self.count.setText(f"{format_number(len(ids), 0)} koperasi")
        chosen = self.selected_id
        row = put_current(self.table, self.model, chosen)
        self.tb_model.load(chosen if row >= 0 else None)

    def refresh(self, changes: OpChanges) -> None:
        """After an edit: a koperasi edit may move or remove it from the list — query the
        ids again; a tahun buku edit only changes values — reload the visible rows."""
        if changes.touches({"koperasi"}):
            self.reload_when_shown()
        else:
            self.model.refresh_rows()
            self.tb_model.load(self.selected_id)

    def _sort(self, section: int) -> None:
        key = ORDER_KEYS[section]
        if key is None:
            return
        descending = self.filter.order == key and not self.filter.descending
        self.filter = registers.RegisterFilter(order=key, descending=descending)
        self.table.horizontalHeader().setSortIndicator(
            section, Qt.DescendingOrder if descending else Qt.AscendingOrder)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.reload()

    def _selected(self, current, _previous) -> None:
        self.selected_id = self.model.id_at(current.row())
        for b in (self.add_year, self.delete_year, self.delete_koperasi):
            b.setEnabled(self.selected_id is not None)
        # the tahun buku grid only once there is a koperasi: the register keeps the room
        # until then (a small screen)
        self.tb_table.setVisible(self.selected_id is not None)
        if self.selected_id is None:
            self.detail_title.setText("Pilih koperasi untuk melihat data tahun bukunya.")
        else:
            name = self.model.data(self.model.index(current.row(), 1))
            self.detail_title.setText(f"Tahun buku: {name}")
        self.tb_model.load(self.selected_id)

    def _add_year(self) -> None:
        text, ok = QInputDialog.getText(
            self, "Tambah tahun buku", "Tahun buku, volume usaha, aset (Rp), dipisah titik koma:",
            text=f"{self.year}; ; ")
        if not ok:
            return
        parts = [p.strip() for p in text.split(";")] + ["", "", ""]
        self.try_edit(lambda: editing.prepare_tahun_buku(self.selected_id, *parts[:3]))

    def _delete_year(self) -> None:
        index = self.tb_table.currentIndex()
        if not index.isValid():
            self.message.setText("Pilih baris tahun buku yang akan dihapus")
            return
        row = self.tb_model.rows[index.row()]
        if self._confirm(f"Hapus data tahun buku {row.tahun}?"):
            self.push(editing.prepare_delete("koperasi_tahun_buku", row.id,
                                             f"Hapus tahun buku {row.tahun}"))

    def _delete_koperasi(self) -> None:
        if self.selected_id and self._confirm("Hapus koperasi ini dari register? "
                                              "(dapat diurungkan dengan Ctrl+Z)"):
            self.push(editing.prepare_delete("koperasi", self.selected_id, "Hapus koperasi"))

    def _add_koperasi(self) -> None:
        self.ask_form("Tambah koperasi", [
            ("nomor", "Nomor badan hukum", None), ("nama", "Nama koperasi", None),
            ("tanggal", "Tanggal badan hukum (dd/mm/yyyy)", None),
            ("kabupaten", "Kabupaten/kota", self.kabupaten_choices()),
            ("jenis", "Jenis koperasi", [(j.label, j.value) for j in JenisKoperasi])],
            lambda v: editing.prepare_koperasi(v["nomor"], v["nama"], v["tanggal"],
                                               v["kabupaten"], v["jenis"]))

    def _confirm(self, question: str) -> bool:
        return QMessageBox.question(self, "Konfirmasi", question) == QMessageBox.Yes
