"""The rows of a refused file written back with a "Kesalahan" column (``iku import FILE
--errors-out FIX.xlsx``), so a district office can correct them and send the file again."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from ..validation import ValidationReport
from .readers import Table
from .xlsx_writer import ERROR_FILL, FORMULA_START, save_workbook, visible

ERROR_FONT = Font(color="9C0006")


def write_errors(tables: list[Table], report: ValidationReport, path: str | Path) -> int:
    """For each table with errors: its file-level messages, then only the rows with an
    error — their cells as sent, every message on them (warnings too) and their row number
    in the sent file ("Baris asal"). Returns the number of rows written. The import was
    refused whole: the office corrects those rows (in the sent file, or here) and sends the
    file again."""
    by_place: dict[tuple[str | None, int | None], list[str]] = {}
    erring: set[tuple[str | None, int | None]] = set()
    for issue in report.issues:
        text = (f"{issue.column}: " if issue.column else "") + issue.message
        if issue.severity.value == "warning":
            text = "Peringatan — " + text
        place = (issue.sheet, issue.row)
        by_place.setdefault(place, []).append(text)
        if issue.severity.value != "warning":
            erring.add(place)
    wb = Workbook(write_only=True)
    bad = 0
    for table in tables:
        sheet_errors = [m for row in (None, 1) for m in by_place.get((table.name, row), [])
                        if (table.name, row) in erring]
        rows = [(n, cells) for n, cells in table.rows if (table.name, n) in erring]
        if not rows and not sheet_errors:
            continue
        ws = wb.create_sheet(visible(table.name or "Data")[:31])
        ws.freeze_panes = "A2"
        head = []
        for h in [*table.headers, "Kesalahan", "Baris asal"]:
            c = WriteOnlyCell(ws, value=visible(str(h)))
            c.font = Font(bold=True, color="FFFFFF")
            c.fill = PatternFill("solid", fgColor="1F3B57")
            head.append(c)
        ws.append(head)
        if sheet_errors:
            ws.append([WriteOnlyCell(ws, value=visible("; ".join(sheet_errors)))])
        for row_no, cells in rows:
            bad += 1
            out = []
            for v in list(cells) + [""] * (len(table.headers) - len(cells)):
                v = visible(v)  # the very characters the errors are often about
                c = WriteOnlyCell(ws, value=v)
                if isinstance(v, str) and v.startswith(FORMULA_START):
                    c.data_type = "s"
                c.fill = ERROR_FILL
                out.append(c)
            note = WriteOnlyCell(ws, value=visible("; ".join(by_place[(table.name, row_no)])))
            note.font = ERROR_FONT
            out += [note, WriteOnlyCell(ws, value=row_no)]
            ws.append(out)
    if not wb.worksheets:  # errors that name no sheet of the file
        ws = wb.create_sheet("Kesalahan")
        for issue in report.errors:
            ws.append([visible(issue.render())])
    save_workbook(wb, path)
    return bad
