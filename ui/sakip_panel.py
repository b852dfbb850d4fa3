"""Records of IKU 3: SAKIP evaluations per year; component scores checked against their
maximum as typed; total and predikat shown live."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QTableView,
    QVBoxLayout,
)

from iku_desktop.domain.formatting import DASH, format_date, format_number
from iku_desktop.services import editing, ownership, registers
from iku_desktop.services.sakip_register import SakipRow, sakip_rows

from . import column_fit
from .records_panel import RecordsPanel
from .roles import (
    ALIGNMENT, DISPLAY, DISPLAY_OR_EDIT, EDIT, EDITABLE, NO_FLAGS, RIGHT, SELECTABLE,
)
from .table_model import RowsModel


def _label(field: str) -> str:
    """The register spec's column label of a SAKIP field."""
    return registers.column_label("sakip", field)


# (header, editable field): the stored fields headed by the register spec's column labels;
# the last two are the evaluation computed from them
COLUMNS = [(_label("tahun"), None), (_label("skema"), None),
           *((_label(f), f) for f in ("perencanaan", "pengukuran", "pelaporan",
                                      "evaluasi_internal", "capaian_kinerja", "nilai_lhe",
                                      "nomor_lhe", "tanggal_lhe")),
           ("Nilai", None), (_label("predikat"), None)]


def total_and_predikat(row: SakipRow) -> tuple[str, str]:
    ev = row.evaluasi
    if ev.nilai is None:
        return DASH, ev.alasan
    return format_number(ev.nilai), f"{ev.predikat} ({ev.arti})"


class SakipModel(RowsModel):
    HEADERS = tuple(h for h, _ in COLUMNS)

    def __init__(self, panel: "SakipPanel") -> None:
        super().__init__(panel)
        self.panel = panel

    def load(self) -> None:
        self._reset(sakip_rows())

    def flags(self, index):
        if not index.isValid():
            return NO_FLAGS
        f = SELECTABLE
        editable = COLUMNS[index.column()][1] and ownership.why_read_only() is None
        return f | EDITABLE if editable else f

    def data(self, index, role=DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        header, field = COLUMNS[index.column()]
        if role in DISPLAY_OR_EDIT:
            if index.column() == 0:
                return str(row.tahun)
            if index.column() == 1:
                return f"PermenPANRB {row.skema}"
            if index.column() >= len(COLUMNS) - 2:
                return total_and_predikat(row)[index.column() - len(COLUMNS) + 2]
            value = row.values[field]
            if value is None:
                return ""
            if field == "tanggal_lhe":
                return format_date(value) if role == DISPLAY else value.strftime("%d/%m/%Y")
            if field == "nomor_lhe":
                return value
            return format_number(value)
        if role == ALIGNMENT and index.column() > 1 and field != "nomor_lhe":
            return RIGHT
        return None

    def setData(self, index, value, role=EDIT):
        if role != EDIT or not index.isValid():
            return False
        row = self.rows[index.row()]
        header, field = COLUMNS[index.column()]
        return self.panel.try_edit(lambda: editing.prepare_edit(
            "sakip", row.id, field, value, f"Ubah {header.lower()} SAKIP {row.tahun}")) is None


class SakipPanel(RecordsPanel):
    TABLES = frozenset({"sakip"})

    def __init__(self, push, parent=None) -> None:
        super().__init__(push, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel("Evaluasi SAKIP (LHE Inspektorat) per tahun. Maksimum komponen "
                              "PermenPANRB 88/2021: 30 / 30 / 15 / 25."), 1)
        add = QPushButton("Tambah evaluasi…")
        add.clicked.connect(self._add)
        delete = QPushButton("Hapus evaluasi")
        delete.clicked.connect(self._delete)
        head.addWidget(add)
        head.addWidget(delete)
        lay.addLayout(head)
        self.model = SakipModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        column_fit.fit(self.table)
        self.validate_as_typed(self.table, lambda i, text: editing.prepare_edit(
            "sakip", self.model.rows[i.row()].id, COLUMNS[i.column()][1], text)
            if COLUMNS[i.column()][1] else None)
        lay.addWidget(self.table)
        lay.addWidget(self.message)

    def reload(self) -> None:
        self.model.load()


    def _add(self) -> None:
        year, ok = QInputDialog.getInt(self, "Tambah evaluasi SAKIP", "Tahun:", self.year,
                                       2000, 2100)
        if ok:
            skema = "88/2021" if year >= 2022 else "12/2015"
            self.try_edit(lambda: editing.prepare_sakip(str(year), skema))

    def _delete(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.message.setText("Pilih evaluasi yang akan dihapus")
            return
        row = self.model.rows[index.row()]
        if QMessageBox.question(self, "Konfirmasi", f"Hapus evaluasi SAKIP {row.tahun}?") == \
                QMessageBox.Yes:
            self.push(editing.prepare_delete("sakip", row.id, f"Hapus evaluasi SAKIP {row.tahun}"))
