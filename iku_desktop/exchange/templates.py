"""Excel templates for the district offices: ``iku template KIND -o FILE.xlsx``.

Each template has a "Petunjuk" sheet in Indonesian (what each column means, which are
required, formats, an example) and the data sheet(s) with the import's headers, frozen
header, widths, number formats and dropdowns for closed lists. An empty template imports
back without error. The target template (``iku template target``) comes filled with the
document's indikator and years and the targets already set: the office types the numbers
in."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .export import SHEETS as SHEET_TITLES  # noqa: F401 (the sheets of the templates)
from .export import PREFILLED, ROWS, sheet_title
from .kinds import KINDS
from .xlsx_writer import ListsSheet, data_sheet, put, save_workbook

FORMAT_WORDS = {"money": "rupiah, bilangan bulat (1.250.000)", "int": "bilangan bulat",
                "score": "angka, koma desimal (24,50)", "date": "tanggal dd/mm/yyyy",
                "text": "teks"}
TEMPLATE_KINDS = tuple(KINDS) + ("all",)  # the built-in ones (the CLI's choices)


def write_template(kind: str, path: str | Path) -> Path:
    if kind != "all" and kind not in KINDS:
        raise ValueError(f"Jenis templat '{kind}' tidak dikenal; pilihan: "
                         + ", ".join((*KINDS, "all")))
    kinds = list(KINDS) if kind == "all" else [kind]
    wb = Workbook()
    guide = wb.active
    guide.title = "Petunjuk"
    _guide(guide, kinds)
    lists = ListsSheet(wb)
    for k in kinds:
        spec = KINDS[k].SPEC
        columns = [c for c in spec.columns if c.key != "uuid"]
        ws = data_sheet(wb, sheet_title(k), columns, lists)
        # the rows to fill in (the document's indikator × years) in the kind's own template;
        # the "all" template, which district offices use too, leaves the sheet empty
        if k in PREFILLED and kind == k:
            for r, row in enumerate(ROWS[k](), start=2):
                for c, value in enumerate(row, start=1):
                    if value is not None:
                        put(ws, r, c, value)
    wb.move_sheet("Daftar", offset=len(wb.sheetnames))
    wb.active = 1
    p = Path(path)
    save_workbook(wb, p)  # whole or not at all (a full disk leaves no half file)
    return p


def _guide(ws, kinds: list[str]) -> None:
    put(ws, 1, 1, "Petunjuk pengisian templat IKU Desktop").font = Font(bold=True, size=14)
    put(ws, 2, 1, "Isi sheet data mulai baris 2; jangan ubah judul kolom. Kolom bertanda "
                  "wajib harus diisi. Tanggal ditulis dd/mm/yyyy (atau sel tanggal); rupiah "
                  "tanpa sen. Simpan sebagai .xlsx lalu impor dengan IKU Desktop (menu "
                  "Berkas › Impor) atau: iku import BERKAS.xlsx")
    ws["A2"].alignment = Alignment(wrap_text=True)
    ws.merge_cells("A2:E2")
    ws.row_dimensions[2].height = 48
    row = 4
    for k in kinds:
        spec = KINDS[k].SPEC
        put(ws, row, 1, f"Sheet '{sheet_title(k)}': {spec.label}").font = Font(bold=True)
        row += 1
        for i, h in enumerate(("Kolom", "Wajib", "Format", "Keterangan", "Contoh"), start=1):
            put(ws, row, i, h).font = Font(bold=True)
        row += 1
        for c in spec.columns:
            if c.key == "uuid":
                continue
            fmt = "pilihan: " + ", ".join(c.choices) if c.choices else FORMAT_WORDS[c.fmt]
            for i, v in enumerate((c.header, "wajib" if c.required else "", fmt, c.help,
                                   c.example), start=1):
                put(ws, row, i, v)
            row += 1
        row += 1
    for letter, width in zip("ABCDE", (34, 8, 40, 60, 30)):
        ws.column_dimensions[letter].width = width
