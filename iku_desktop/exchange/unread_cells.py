"""Cells of an .xlsx sheet that the reader gives as blank although they are not: a formula
that was never computed (openpyxl and other programs write the formula without its value),
a number cell whose value is empty (what openpyxl writes for inf and nan) and an Excel
error (#DIV/0!, #N/A, …). Read as blank they would clear a field or remove a target
without a word, so they are found here, in the sheet's XML, and refused where a column
of the import reads them (``schema.parse_rows``).

Only a sheet whose XML holds a formula, an error or an empty value at all is scanned
(``extent`` notes that while it measures the sheet: ``Extent.suspect``)."""

from __future__ import annotations

import re
import zipfile

from .extent import ERROR_CELL, SUSPECT_TAG, ExtentError, chunks, column_number, suspect

NEVER_COMPUTED = ("Sel berisi rumus yang belum pernah dihitung (tidak ada nilai tersimpan); "
                  "buka berkas di Excel atau LibreOffice, simpan, lalu impor lagi")
EMPTY_NUMBER = ("Sel angka tanpa nilai yang terbaca (mis. inf atau nan yang ditulis program "
                "lain); isi dengan angka")
MAX_CELL = 4 * 1024 * 1024  # one cell's XML (a long text is at most 32.767 characters)

_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
_ROW_OR_CELL = re.compile(_PREFIX + rb"row\b([^>]*)>|" + _PREFIX
                          + rb"c\b([^>]*?)(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?c>)", re.S)
_R_ATTR = re.compile(rb"""\br=["']([A-Z]*)([0-9]+)["']""")
_T_ATTR = re.compile(rb"""\bt=["']([a-zA-Z]+)["']""")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)


def xlsx_unread_cells(z: zipfile.ZipFile, part: str) -> dict[tuple[int, int], tuple[str, str]]:
    """(row, column index from 0) → (why the cell cannot be read, the cell as shown) for
    every cell of the worksheet ``part`` that the reader would give as blank.

    Only the cells around a formula, an empty value or an error mark are read (a sheet of
    200.000 rows with a column of formulas: its formula cells, not its 2,8 million
    cells), each by its own reference. A sheet laid out otherwise (prefixed cell tags, a
    cell without ``r``) is followed cell by cell, as the reader places them
    (``_every_cell``)."""
    found: dict[tuple[int, int], tuple[str, str]] = {}
    carry = b""
    with z.open(part) as f:
        for n, chunk in enumerate(chunks(f)):
            if n == 0 and _PREFIXED_CELL.search(chunk):  # (a writer prefixes every tag)
                return _every_cell(z, part)
            buf = carry + chunk
            cut = _unfinished_cell(buf)
            buf, carry = buf[:cut], buf[cut:]
            if len(carry) > MAX_CELL:
                raise ExtentError("berisi sel yang terlalu panjang")
            if not suspect(buf):
                continue
            done = 0
            marks = sorted(m.start() for pattern in (SUSPECT_TAG, ERROR_CELL)
                           for m in pattern.finditer(buf))
            for at in marks:
                if at < done:
                    continue  # (the cell read already)
                start = max(buf.rfind(b"<c ", 0, at + 1), buf.rfind(b"<c>", 0, at + 1))
                m = _CELL.match(buf, start) if start >= 0 else None
                ref = _R_ATTR.search(m.group(1)) if m is not None else None
                if m is None or m.end() <= at or ref is None or not ref.group(1):
                    return _every_cell(z, part)
                done = m.end()
                why = _unread(m.group(1), m.group(2))
                if why is not None:
                    found[(int(ref.group(2)), column_number(ref.group(1)) - 1)] = why
    return found


_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:c[\s>/]")


def _unfinished_cell(buf: bytes) -> int:
    """Where the last cell of ``buf`` begins when its end is not in ``buf`` yet (to be
    read with the next chunk), else the length of ``buf``."""
    last = max(buf.rfind(b"<c "), buf.rfind(b"<c>"))
    if last == -1:
        return len(buf)
    tag_end = buf.find(b">", last)
    if tag_end != -1 and (buf[tag_end - 1:tag_end] == b"/" or buf.find(b"</c>", tag_end) != -1):
        return len(buf)
    return last


def _every_cell(z: zipfile.ZipFile, part: str) -> dict[tuple[int, int], tuple[str, str]]:
    """``xlsx_unread_cells`` for any layout: every row and cell followed in order."""
    found: dict[tuple[int, int], tuple[str, str]] = {}
    row = col = 0
    carry = b""
    with z.open(part) as f:
        for buf in chunks(f):
            buf = carry + buf
            end = 0
            for m in _ROW_OR_CELL.finditer(buf):
                end = m.end()
                if m.group(2) is None:  # a row
                    ref = _R_ATTR.search(m.group(1))
                    row, col = (int(ref.group(2)) if ref else row + 1), 0
                    continue
                ref = _R_ATTR.search(m.group(2))
                if ref and ref.group(1):
                    at, col = int(ref.group(2)), column_number(ref.group(1))
                else:
                    at, col = row, col + 1
                why = _unread(m.group(2), m.group(3))
                if why is not None:
                    found[(at, col - 1)] = why
            carry = buf[end:]
            if len(carry) > MAX_CELL:
                raise ExtentError("berisi sel yang terlalu panjang")
    return found


def _unread(attrs: bytes, body: bytes | None) -> tuple[str, str] | None:
    if not body:
        return None  # <c r="B7" s="1"/>: formatting only, truly blank
    t = _T_ATTR.search(attrs)
    kind = t.group(1) if t else b"n"
    formula = _FORMULA.search(body)
    value = _VALUE.search(body)
    shown = value.group(1) if value is not None and value.group(1) else b""
    if kind == b"e":
        text = _text(shown) or "#?"
        return f"Sel berisi galat Excel {text}; perbaiki rumusnya atau isi dengan nilai", text
    if formula is not None:
        # a formula whose text result is empty keeps its value: t="str", <v></v>
        if value is None or (not shown and kind != b"str"):
            return NEVER_COMPUTED, "=" + _text(formula.group(1) or b"")
        return None
    if value is not None and not shown and kind == b"n":
        return EMPTY_NUMBER, ""
    return None


def _text(raw: bytes) -> str:
    from xml.sax.saxutils import unescape

    return unescape(raw.decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"}).strip()
