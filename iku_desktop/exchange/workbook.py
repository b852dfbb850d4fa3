"""Reading workbooks (.xlsx, .xls, .ods) into ``Table`` objects, with python-calamine (a
Rust reader: about ten times openpyxl's speed, and it also reads .xls and .ods).

Before anything is parsed the file is checked: it must be what its name says (a zip for
.xlsx/.ods, an OLE2 container for .xls), an encrypted (password-protected) workbook is
refused, a zip whose declared uncompressed size is huge or whose compression ratio is
absurd (a zip bomb) is refused, and XML with a DOCTYPE or ENTITY declaration (an entity
bomb) is refused. Cells come as the workbook has them: dates as dates, numbers as numbers,
formulas as their cached values; a cell the reader gives as blank although it is not (a
formula never computed, an error, an empty number in a .xlsx) is noted
(``Table.unread``, ``unread_cells``) for the import to refuse. Hidden sheets are skipped with a warning; the template's
own "Petunjuk" and "Daftar" sheets are skipped silently.

The reader lays each sheet out as a grid from A1 to its farthest cell (a 1,5 KB file with
one cell at XFD60000 would ask for 31 GB), so the size of that grid is bounded before the
reader sees the file: the sheet's XML is scanned for .xlsx and .ods (``extent``), the cell
records for .xls (``xls_extent``). The reader lays out every sheet of a .xls or .ods when it
opens the file, so for those the sum over all sheets is bounded too.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import zipfile
import zlib
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum

from ..domain.formatting import format_number
from . import extent, readers, unread_cells, xls_extent
from .readers import MAX_COLUMNS, ReadError, Table

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNCOMPRESSED = 1024 * 1024 * 1024  # 1 GiB declared in all
MAX_RATIO = 500  # uncompressed / compressed, for members above 10 MiB (real sheets: 10–150)
MAX_MEMBERS = 10_000
MAX_ROWS = 1_100_000
# cells of the grid from A1 to a sheet's farthest cell (about 70 bytes each while read):
# 1.000.000 rows × 10 columns, or 200.000 rows × 50; the 200.000-row register uses 2,8 million
MAX_CELLS = 10_000_000
TEMPLATE_SHEETS = {"petunjuk", "daftar"}
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def release_freed_memory() -> None:
    """Give the memory the reader freed back to the system (glibc keeps freed heap pages
    otherwise: 60 MB of a 200.000-row sheet would stay resident through the import)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _load_libc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


_LIBC = _load_libc()


def _check_zip(path: Path, name: str) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            _check_members(z, name)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise ReadError(f"Berkas {name} rusak atau terpotong (bukan buku kerja yang utuh)") \
            from exc


def _check_members(z: zipfile.ZipFile, name: str) -> None:
    infos = z.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ReadError(f"Berkas {name} berisi terlalu banyak bagian ({len(infos)})")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise ReadError(f"Berkas {name} ditolak: isinya mengembang menjadi "
                        f"{total // (1024 * 1024)} MB (kemungkinan 'zip bomb')")
    for i in infos:
        if i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_RATIO * max(1, i.compress_size):
            raise ReadError(f"Berkas {name} ditolak: bagian {i.filename} dimampatkan secara "
                            "tidak wajar (kemungkinan 'zip bomb')")
    for i in infos:
        if i.filename.endswith((".xml", ".rels")) and i.file_size:
            with z.open(i) as f:
                head = f.read(64 * 1024)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ReadError(f"Berkas {name} ditolak: berisi deklarasi entitas XML "
                                "(tidak pernah ada pada buku kerja biasa)")


def _check(path: Path) -> None:
    suffix = path.suffix.lower()
    with readers.open_input(path) as f:
        data = f.read(len(OLE2_MAGIC))
    if suffix in (".xlsx", ".xlsm", ".ods"):
        if data.startswith(OLE2_MAGIC):
            raise ReadError(f"Buku kerja {path.name} dilindungi kata sandi (terenkripsi); "
                            "simpan ulang tanpa kata sandi lalu impor lagi")
        if not data.startswith(ZIP_MAGIC):
            raise ReadError(f"Berkas {path.name} bukan buku kerja {suffix} (isinya bukan "
                            "format Excel/LibreOffice)")
        _check_zip(path, path.name)
    elif suffix == ".xls" and not data.startswith(OLE2_MAGIC):
        raise ReadError(f"Berkas {path.name} bukan buku kerja Excel 97–2003 (.xls)")


def _header_rows(rows: list[list], merged) -> tuple[list[str], int]:
    """The header (merged cells filled; a two-row header joined: "Anggota" over
    "Laki-laki" → "Anggota Laki-laki") and the index of the first data row."""
    first = next((i for i, r in enumerate(rows) if any(_filled(c) for c in r)), None)
    if first is None:
        return [], 0
    width = max(len(r) for r in rows[first:first + 2])
    top = [_text(c) for c in rows[first]] + [""] * (width - len(rows[first]))
    two_rows = False
    for (r0, c0), (r1, c1) in merged:
        if r0 == first:
            for c in range(c0, min(c1, width - 1) + 1):
                top[c] = top[c] or top[c0]
            if c1 > c0 and r1 == r0:
                two_rows = True  # a group title over sub-headers
    if not two_rows or first + 1 >= len(rows):
        return top, first + 1
    sub = [_text(c) for c in rows[first + 1]] + [""] * width
    joined = [f"{t} {s}".strip() if s and s != t else t for t, s in zip(top, sub)]
    return joined, first + 2


def _filled(c) -> bool:
    return c not in (None, "") and not (isinstance(c, str) and not c.strip())


def _text(c) -> str:
    if isinstance(c, float) and c.is_integer():
        c = int(c)
    return "" if c is None else str(c).strip()


def _thousands(n: int) -> str:
    return format_number(n, 0)


def fits(ext: extent.Extent) -> bool:
    return ext.rows <= MAX_ROWS and ext.cells <= MAX_CELLS


def check_extent(sheet: str, ext: extent.Extent) -> None:
    """Refuse a sheet whose grid from A1 to its farthest cell is too large to read."""
    if ext.rows > MAX_ROWS:
        raise ReadError(f"Sheet '{sheet}' terisi sampai baris {_thousands(ext.rows)}; paling "
                        f"banyak {_thousands(MAX_ROWS)} baris")
    if ext.cells > MAX_CELLS:
        raise ReadError(
            f"Sheet '{sheet}' terisi sampai rentang A1:{ext.far_ref} ({_thousands(ext.columns)} "
            f"kolom × {_thousands(ext.rows)} baris = {_thousands(ext.cells)} sel); paling banyak "
            f"{_thousands(MAX_CELLS)} sel. Hapus isi di luar tabel (atau bagi berkasnya), "
            "simpan, lalu impor lagi")


def _check_extents(path: Path, names: list[str] | None) -> dict[str, extent.Extent]:
    """Check the extent of the sheets before they are read: ``names`` of a .xlsx (read one
    sheet at a time), or — ``names`` None — every sheet of a .ods or .xls, which the reader
    lays out all at once when it opens the file (so their sum is bounded too). Returns
    each sheet's extent."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".xls":
            found = xls_extent.xls_extents(readers.read_input(path))
        else:
            with zipfile.ZipFile(path) as z:
                found = extent.sheet_extents(z, suffix == ".ods", names, fits)
    except extent.ExtentError as exc:
        raise ReadError(f"Berkas {path.name} rusak atau ditolak: {exc}") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise ReadError(f"Berkas {path.name} rusak atau terpotong (bukan buku kerja yang utuh)") \
            from exc
    for n, ext in found.items():
        check_extent(n, ext)
    total = sum(e.cells for e in found.values())
    if names is None and total > MAX_CELLS:
        raise ReadError(f"Buku kerja {path.name} berisi {len(found)} sheet dengan "
                        f"{_thousands(total)} sel (dari A1 sampai sel terjauh tiap sheet); "
                        f"paling banyak {_thousands(MAX_CELLS)} sel. Hapus isi di luar tabel "
                        "(atau bagi berkasnya), simpan, lalu impor lagi")
    return found


def _unread(path: Path, name: str) -> dict[tuple[int, int], tuple[str, str]]:
    """The cells of the .xlsx sheet ``name`` that the reader gives as blank although they
    are not (``unread_cells``)."""
    try:
        with zipfile.ZipFile(path) as z:
            part = extent.xlsx_sheet_parts(z).get(name)
            if part is None or part not in z.namelist():
                return {}  # (the reader found it by other means: not told apart)
            return unread_cells.xlsx_unread_cells(z, part)
    except extent.ExtentError as exc:
        raise ReadError(f"Berkas {path.name} rusak atau ditolak: {exc}") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise ReadError(f"Berkas {path.name} rusak atau terpotong (bukan buku kerja yang utuh)") \
            from exc


def read_workbook(path: Path) -> tuple[list[Table], list[str]]:
    _check(path)
    eager = path.suffix.lower() in (".ods", ".xls")
    if eager:
        _check_extents(path, None)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except PasswordError as exc:
        raise ReadError(f"Buku kerja {path.name} dilindungi kata sandi") from exc
    except (CalamineError, ValueError, OSError) as exc:
        raise ReadError(f"Berkas {path.name} tidak dapat dibaca sebagai buku kerja: {exc}") \
            from exc
    tables, warnings = [], []
    try:
        wanted = []
        for meta in wb.sheets_metadata:
            if meta.name.strip().lower() in TEMPLATE_SHEETS:
                continue
            if meta.visible != SheetVisibleEnum.Visible:
                warnings.append(f"Sheet tersembunyi '{meta.name}' diabaikan")
                continue
            wanted.append(meta.name)
        found = {} if eager else _check_extents(path, wanted)
        for name in wanted:
            sheet = wb.get_sheet_by_name(name)
            if sheet.height == 0:
                continue
            # the reader's grid is allocated by now (for .xls at most 256 × 65.536 cells);
            # its Python copy is not: the last moment to refuse a grid too large
            end_row, end_col = sheet.end or (0, 0)
            check_extent(name, extent.Extent(end_row + 1, end_col + 1))
            merged = sheet.merged_cell_ranges or []
            rows = sheet.to_python(skip_empty_area=False)
            del sheet  # the reader's own copy of the sheet goes now, not at the next sheet
            headers, start = _header_rows(rows, merged)
            while headers and not headers[-1]:
                headers.pop()
            if len(headers) > MAX_COLUMNS:
                raise ReadError(f"Sheet '{name}' memiliki {len(headers)} kolom; paling "
                                f"banyak {MAX_COLUMNS}")
            if not headers:
                continue
            n = len(headers)
            unread = _unread(path, name) if name in found and found[name].suspect else {}
            unread_rows = {r for r, _ in unread}
            # (any() is the fast test; a row of only zeros or blanks is looked at closely)
            body = []
            for i in range(start, len(rows)):
                r = rows[i]
                if len(r) > n:
                    r = r[:n]
                if any(r) or any(_filled(c) for c in r) or i + 1 in unread_rows:
                    body.append((i + 1, r))
                rows[i] = None  # release as we go: the sheet is held once, not twice
            del rows
            tables.append(Table(name, headers, body, unread))
    except (CalamineError, ValueError) as exc:
        raise ReadError(f"Berkas {path.name} tidak dapat dibaca: {exc}") from exc
    finally:
        wb.close()
        del wb
        release_freed_memory()
    if not tables:
        raise ReadError(f"Buku kerja {path.name} tidak berisi sheet data")
    return tables, warnings
