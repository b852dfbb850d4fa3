"""The rows of a refused file written back with a "Kesalahan" column (``iku import FILE
--errors-out FIX.xlsx``), so a district office can correct them and send the file again."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from ..validation import ValidationReport
from .readers import Table
from .xlsx_writer import ERROR_FILL, FORMULA_START, save_workbook

ERROR_FONT = Font(color="9C0006")


def write_errors(tables: list[Table], report: ValidationReport, path: str | Path) -> int:
    """One sheet per table, every row with its messages (empty when the row is fine);
    returns the number of rows with an error."""
    by_place: dict[tuple[str | None, int], list[str]] = {}
    for issue in report.issues:
        if issue.row is not None:
            text = (f"{issue.column}: " if issue.column else "") + issue.message
            if issue.severity.value == "warning":
                text = "Peringatan — " + text
            by_place.setdefault((issue.sheet, issue.row), []).append(text)
    wb = Workbook(write_only=True)
    bad = 0
    for table in tables:
        ws = wb.create_sheet((table.name or "Data")[:31])
        ws.freeze_panes = "A2"
        head = []
        for h in [*table.headers, "Kesalahan"]:
            c = WriteOnlyCell(ws, value=str(h))
            c.font = Font(bold=True, color="FFFFFF")
            c.fill = PatternFill("solid", fgColor="1F3B57")
            head.append(c)
        ws.append(head)
        file_errors = by_place.get((table.name, 1), [])
        if file_errors:
            ws.append([WriteOnlyCell(ws, value="; ".join(file_errors))])
        for row_no, cells in table.rows:
            messages = by_place.get((table.name, row_no), [])
            has_error = any(not m.startswith("Peringatan") for m in messages)
            bad += has_error
            out = []
            for v in list(cells) + [""] * (len(table.headers) - len(cells)):
                c = WriteOnlyCell(ws, value=v)
                if isinstance(v, str) and v.startswith(FORMULA_START):
                    c.data_type = "s"
                if has_error:
                    c.fill = ERROR_FILL
                out.append(c)
            note = WriteOnlyCell(ws, value="; ".join(messages))
            note.font = ERROR_FONT
            out.append(note)
            ws.append(out)
    save_workbook(wb, path)
    return bad
