"""A register shown and edited by its spec alone (``iku_desktop.registers``): the columns
are the spec's fields with their labels, the rows the register service's display rows,
each edit goes through the editing service to the undo stack (a refused value shows its
message, naming the field). A register added by one ``registers.register`` call gets its
table here without a panel of its own."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout,
)

from iku_desktop.domain.formatting import format_number
from iku_desktop.services import editing, ownership, registers
from iku_desktop.services.changes import OpChanges

from . import column_fit
from .background_load import BackgroundLoad, set_ids_keeping_current
from .lazy_model import Column, LazyRegisterModel
from .records_panel import Push, RecordsPanel


class SpecRegisterPanel(RecordsPanel):
    def __init__(self, table: str, push: Push, parent=None) -> None:
        super().__init__(push, parent)
        self.table_name = table
        self.TABLES = frozenset({table})
        columns = registers.spec_columns(table)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari…")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(self._debounce.start)
        bar.addWidget(self.search, 1)
        self.reveal = QCheckBox("Tampilkan data pribadi")
        self.reveal.setToolTip("Data pribadi (UU 27/2022); tampilkan hanya bila perlu")
        self.reveal.setVisible(any(c.personal for c in columns))
        self.reveal.toggled.connect(lambda _: self.model.refresh_rows())
        bar.addWidget(self.reveal)
        lay.addLayout(bar)
        kab = next((i for i, c in enumerate(columns) if c.kind == "kabupaten"), None)
        regional = registers.spec_regional(table)
        self.model = LazyRegisterModel(
            [Column(c.label, lambda r, i=i: r[i], c.column if c.editable else None)
             for i, c in enumerate(columns)],
            lambda ids: registers.spec_rows(table, ids, self.reveal.isChecked()),
            self._edit, self,
            read_only=lambda r: ownership.why_read_only(
                r[kab] if regional and kab is not None else None))
        self.table = QTableView()
        self.table.setModel(self.model)
        column_fit.fit(self.table)
        self.validate_register(self.table, self.model, table)
        lay.addWidget(self.table, 1)
        self.count = QLabel()
        lay.addWidget(self.count)
        lay.addWidget(self.message)
        self.loader = BackgroundLoad(self.table, self.count, self.message, self)

    def _edit(self, row_id: int, field: str, value) -> str | None:
        return self.try_edit(lambda: editing.prepare_edit(self.table_name, row_id, field, value))

    def reload(self) -> None:
        """The ids of the search, queried in the background."""
        table, search = self.table_name, self.search.text()
        self.loader.load(lambda: registers.spec_ids(table, search), self._show_ids)

    def _show_ids(self, ids: list[int]) -> None:
        set_ids_keeping_current(self.table, self.model, ids)
        self.count.setText(f"{format_number(len(ids), 0)} baris")

    def refresh(self, changes: OpChanges) -> None:
        if changes.touches(self.TABLES):
            self.model.refresh_rows()  # the edited values at once, the ids after
            self.reload_when_shown()
