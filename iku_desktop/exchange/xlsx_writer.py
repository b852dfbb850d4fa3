"""Writing workbooks with openpyxl in one house style (templates, exports, error reports):
a bold filled header, frozen header row, column widths, number formats (rupiah, dates,
scores), dropdowns for closed lists. Text is always written as text: a value beginning
with =, +, - or @ never becomes a formula (spreadsheet formula injection); a control character a workbook
cannot hold is shown as its Unicode control picture (``visible``).

Every file the program writes for the user (workbooks, PDFs) is written whole under a
temporary name and renamed over the target: ``exchange.output`` (re-exported here)."""

from __future__ import annotations

import io
import os
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .output import (OutputError, output_file, output_problem,  # noqa: F401 (re-exported)
                     target_problem, write_bytes)
from .schema import Column

FORMATS = {"money": "#,##0", "int": "0", "score": "0.00", "date": "DD/MM/YYYY", "text": "@"}
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3B57")
ERROR_FILL = PatternFill("solid", fgColor="F8D7DA")
FORMULA_START = ("=", "+", "-", "@")
DATA_ROWS = 5000  # rows of a template that carry the formats and dropdowns


# The control characters XML 1.0 cannot hold (openpyxl refuses them with a traceback).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def visible(value):
    """``value`` with each control character a workbook cannot hold shown as its Unicode
    control picture (BEL → "␇", NUL → "␀"), so the office sees where it was; other
    values unchanged."""
    if isinstance(value, str) and CONTROL.search(value):
        return CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())), value)
    return value


def save_workbook(wb: Workbook, path: str | os.PathLike) -> None:
    """Save ``wb`` to ``path`` whole. The zip is built in memory (compressed: a few MB for
    200.000 rows) and written by ``write_bytes``: openpyxl cut off by a full disk would
    leave a half-closed zip that complains again when it is collected."""
    buffer = io.BytesIO()
    wb.save(buffer)
    write_bytes(path, buffer.getvalue())


def put(ws, row: int, col: int, value):
    """Write one cell; strings stay strings (never formulas), decimals become numbers."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, datetime):
        value = value.date()
    value = visible(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would read "=…" as a formula
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # Excel shows it as typed text, never evaluates it
    elif isinstance(value, date):
        cell.number_format = FORMATS["date"]
    return cell


class ListsSheet:
    """A hidden "Daftar" sheet holding the values of the dropdowns (an inline list is
    limited to 255 characters; the eleven kabupaten/kota are longer)."""

    def __init__(self, wb: Workbook) -> None:
        self.ws = wb.create_sheet("Daftar")
        self.ws.sheet_state = "hidden"
        self.columns: dict[tuple[str, ...], str] = {}

    def range_for(self, values: tuple[str, ...]) -> str:
        if values not in self.columns:
            col = len(self.columns) + 1
            for i, v in enumerate(values, start=1):
                put(self.ws, i, col, v)
            letter = get_column_letter(col)
            self.columns[values] = (f"{quote_sheetname('Daftar')}!${letter}$1:"
                                    f"${letter}${len(values)}")
        return self.columns[values]


def data_sheet(wb: Workbook, title: str, columns: list[Column], lists: ListsSheet | None,
               extra_headers: tuple[str, ...] = ()):
    """A sheet with the import's headers, styled; dropdowns and formats on ``DATA_ROWS``."""
    ws = wb.create_sheet(title)
    headers = [c.header for c in columns] + list(extra_headers)
    for i, h in enumerate(headers, start=1):
        cell = put(ws, 1, i, h)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(h) + 4))
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        if col.fmt != "text":
            ws.column_dimensions[letter].number_format = FORMATS[col.fmt]
        if col.choices and lists is not None:
            dv = DataValidation(type="list", formula1=lists.range_for(col.choices),
                                allow_blank=not col.required, showErrorMessage=True,
                                errorTitle="Isian tidak dikenal",
                                error="Pilih salah satu isian dari daftar")
            dv.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            ws.add_data_validation(dv)
    return ws
