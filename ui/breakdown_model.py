"""Table model of one breakdown (per kabupaten/kota, jenis, sektor, unsur…)."""

from __future__ import annotations

from iku_desktop.domain.formatting import DASH, format_figure, format_number
from iku_desktop.domain.results import BreakdownRow

from .roles import ALIGNMENT, DISPLAY, RIGHT, TOOLTIP
from .table_model import RowsModel


class BreakdownModel(RowsModel):
    HEADERS = ("Wilayah / kelompok", "Nilai", "Pembilang", "Penyebut")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._satuan = ""

    def set_rows(self, rows: tuple[BreakdownRow, ...], satuan: str) -> None:
        self._satuan = satuan
        self._reset(rows)

    def data(self, index, role=DISPLAY):
        r = self.row_at(index)
        if r is None:
            return None
        col = index.column()
        if role == DISPLAY:
            if col == 0:
                return r.label
            if col == 1:
                if r.value is None:
                    return DASH
                # two decimals, or the three of an NRR per unsur
                places = max(2, -r.value.as_tuple().exponent)
                return format_figure(r.value, self._satuan, places)
            if col == 2:
                return DASH if r.numerator is None else format_number(r.numerator, 0)
            if col == 3:
                return DASH if r.denominator is None else format_number(r.denominator, 0)
        if role == TOOLTIP and col == 1 and r.value is None:
            return r.reason
        if role == ALIGNMENT and col > 0:
            return RIGHT
        return None
