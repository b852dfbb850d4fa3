"""How far a workbook sheet's cells reach, found by scanning its XML in bounded chunks
before the reader is given the file.

The reader (python-calamine) lays a sheet out as a dense grid from A1 to the farthest cell:
a 1,5 KB .xlsx with one cell at XFD60000 asks for 983 million cells (31 GB) and the process
aborts. The size of that grid is known from the cell references alone, so it is measured
here, in chunks of 1 MiB, and a sheet whose grid is too large is refused before reading.

.xlsx: every ``<c>`` element that is not empty (``<c r="B7" s="1"/>`` is formatting only)
counts, with or without a value. A declared ``<dimension>`` is not counted: the reader
allocates neither by it nor for empty formatted cells (measured: a sheet declaring
A1:XFD60000, or holding an empty formatted cell at XFD60000, costs nothing), and files
often declare more than they hold (formatted empty rows).
.ods: cells with a value or content count, with their ``number-columns-repeated`` and their
row's ``number-rows-repeated``; repeated empty cells (LibreOffice writes them to the edge of
the sheet) do not, as the reader skips them.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import Callable
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

from ..errors import Refused

CHUNK = 1024 * 1024
MAX_TAG = 1024 * 1024  # a start tag longer than this is not a workbook's
MAX_PART_XML = 16 * 1024 * 1024  # workbook.xml and its relationships


class ExtentError(Refused):
    """The XML could not be scanned; ``str()`` is a short reason (Indonesian)."""


@dataclass
class Extent:
    """Rows and columns of the grid from A1 to the farthest cell (0 × 0: no cell);
    ``suspect``: the sheet (.xlsx) holds a formula, an error cell or an empty value, which
    the reader may give as a blank cell (``unread_cells`` looks closer)."""

    rows: int = 0
    columns: int = 0
    suspect: bool = False

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    def reach(self, row: int, column: int) -> None:
        self.rows = max(self.rows, row)
        self.columns = max(self.columns, column)

    @property
    def far_ref(self) -> str:
        return f"{column_letters(self.columns)}{self.rows}" if self.cells else "A1"


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out or "A"


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def chunks(stream):
    """The stream in chunks of about ``CHUNK`` bytes, each ending after a whole tag (a tag
    cut by a chunk boundary is carried to the next chunk)."""
    carry = b""
    while True:
        chunk = stream.read(CHUNK)
        buf = carry + chunk
        if not chunk:
            yield buf
            return
        cut = buf.rfind(b"<")
        if cut == -1 or buf.find(b">", cut) != -1:
            carry = b""
        else:
            buf, carry = buf[:cut], buf[cut:]
            if len(carry) > MAX_TAG:
                raise ExtentError("berisi tag XML yang terlalu panjang")
        yield buf


def _matches(stream, pattern: re.Pattern, ext: Extent | None = None):
    tail = b""
    for buf in chunks(stream):
        if ext is not None and not ext.suspect:
            ext.suspect = any(p.search(b) is not None for p in (SUSPECT_TAG, ERROR_CELL)
                              for b in (buf, tail + buf[:40]))
            tail = buf[-40:]
        yield from pattern.finditer(buf)


# What makes an .xlsx sheet worth a closer look (``Extent.suspect``): a formula, an empty
# value (what openpyxl writes for inf and nan), an error cell (t="e"). The fast path looks
# for the unprefixed tags as Excel, LibreOffice and openpyxl write them with a byte search
# each (a regex of them all takes five times as long); a sheet with prefixed tags is
# followed tag by tag anyway (``xlsx_extent_exact``) and searched with the regexes.
SUSPECT_TAG = re.compile(rb"<(?:f[\s>/]|v\s*/>|v></|[\w.-]+:(?:f[\s>/]|v\s*/>|v></))")
ERROR_CELL = re.compile(rb"""t=["']e["']""")
_MARKS = (b"<f>", b"<f ", b"<v/>", b"<v />", b"<v></v>", b't="e"')


def suspect(buf: bytes) -> bool:
    """Whether a chunk of unprefixed sheet XML holds a formula, an empty value or an
    error cell (the ``<formula1>`` of a dropdown is none of them)."""
    return any(mark in buf for mark in _MARKS)


def sheet_extents(z: zipfile.ZipFile, ods: bool, names: list[str] | None,
                  fits: Callable[[Extent], bool]) -> dict[str, Extent]:
    """The extent of each sheet of ``names`` (an .ods: of every sheet when None). A sheet not
    found by its name gets the reach of every sheet (the largest row and column of all).
    ``fits`` says whether an extent is within the caller's limits; a .xlsx sheet that does
    not is measured again exactly before it is given as it is."""
    if ods:
        everything = ods_extents(z)
        if names is None:
            return everything
        found = {n: everything[n] for n in names if n in everything}
    else:
        parts, members = xlsx_sheet_parts(z), set(z.namelist())

        def measure(part: str) -> Extent:
            e = xlsx_extent(z, part)
            return e if fits(e) else xlsx_extent_exact(z, part)

        found = {n: measure(parts[n]) for n in names if parts.get(n) in members}
    missing = [n for n in names if n not in found]
    if missing:
        every = everything.values() if ods else (
            measure(p) for p in sorted(members)
            if p.startswith("xl/worksheets/") and p.endswith(".xml"))
        worst = Extent()
        for e in every:
            worst.reach(e.rows, e.columns)
        found.update(dict.fromkeys(missing, worst))
    return found


# ---- .xlsx ------------------------------------------------------------------------------

_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,4})([0-9]{1,10})"')
_ROW_OR_CELL = re.compile(_PREFIX + rb"(row|c)([\s/][^>]*)?>")
_R_ATTR = re.compile(rb"""\br=["']([A-Z]*)([0-9]+)["']""")


def xlsx_extent(z: zipfile.ZipFile, part: str) -> Extent:
    """The extent of one worksheet part, counting every cell (an upper bound: formatted
    empty cells count too; ``xlsx_extent_exact`` leaves them out).

    Fast path, for cells that each begin with their reference (``<c r="B7"``, as every common
    writer puts it): a chunk's last cell gives a candidate extent, and one search tells
    whether any cell of the chunk reaches beyond it (rows in order: never); only then are
    the chunk's references read one by one. A chunk with any other cell tag is followed
    position by position, as the reader does."""
    ext, tail = Extent(), b""
    with z.open(part) as f:
        for buf in chunks(f):
            if _PREFIXED_CELL.search(buf):
                return xlsx_extent_exact(z, part)
            # (a mark cut by the chunks: "<v>" ending one, "</v>" beginning the next)
            ext.suspect = ext.suspect or suspect(buf) or suspect(tail + buf[:8])
            tail = buf[-8:]
            m = _CELL_REF.match(buf, max(0, buf.rfind(b'<c r="')))
            if m:
                ext.reach(int(m.group(2)), column_number(m.group(1)))
            m = _beyond(ext.rows, ext.columns).search(buf)
            if m and m.group(1) is None:  # a cell past the candidate: read them all
                refs = _CELL_REF.findall(buf)
                ext.reach(max(map(int, (r for _, r in refs)), default=0),
                          max(map(column_number, {c for c, _ in refs}), default=0))
                m = _beyond(ext.rows, ext.columns).search(buf)
            if m:  # a cell without a leading reference, or one this path cannot read
                return xlsx_extent_exact(z, part)
    return ext


_PREFIXED_CELL = re.compile(rb":c[\s>/]")


@functools.lru_cache(maxsize=64)
def _beyond(rows: int, columns: int) -> re.Pattern:
    """A cell tag without a leading reference (group 1), or a cell reference past ``rows``
    or ``columns``."""
    return re.compile(b'<c(?:((?! r=")[\\s>/])| r="(?:'
                      + _greater(column_letters(columns) if columns else "", "A", "Z")
                      + b'[0-9]|[A-Z]{1,4}' + _greater(str(rows) if rows else "", "0", "9")
                      + b'"))')


def _greater(s: str, lo: str, hi: str) -> bytes:
    """A regex for strings of ``lo``–``hi`` characters after ``s`` in the order of numbers
    (longer is greater; of equal length, the first differing character decides)."""
    alts = [f"[{lo}-{hi}]{{{len(s) + 1},}}"]
    for i, ch in enumerate(s):
        if ch < hi:
            rest = len(s) - i - 1
            alts.append(s[:i] + f"[{chr(ord(ch) + 1)}-{hi}]" + (f"[{lo}-{hi}]{{{rest}}}" if rest
                                                                else ""))
    return ("(?:" + "|".join(alts) + ")").encode()


def xlsx_extent_exact(z: zipfile.ZipFile, part: str) -> Extent:
    """The extent as the reader lays it out, followed tag by tag: a row without ``r``
    follows the previous row element, a cell without ``r`` stands in its row element's row,
    one column after the previous cell; an empty cell (``<c r="B7" s="1"/>``, formatting
    only) does not count."""
    ext, row, col = Extent(), 0, 0
    with z.open(part) as f:
        for m in _matches(f, _ROW_OR_CELL, ext):
            ref = _R_ATTR.search(m.group(2) or b"")
            if m.group(1) == b"row":
                row = int(ref.group(2)) if ref else row + 1
                col = 0
                continue
            if ref and ref.group(1):
                at, col = int(ref.group(2)), column_number(ref.group(1))
            else:
                at, col = row, col + 1
            if not m.group(2) or not m.group(2).endswith(b"/"):
                ext.reach(max(at, 1), col)
    return ext


def xlsx_sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part, from xl/workbook.xml and its relationships ({} when
    they cannot be read: the caller then scans every worksheet part)."""
    try:
        book = ElementTree.fromstring(_read_small(z, "xl/workbook.xml"))
        rels = ElementTree.fromstring(_read_small(z, "xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, ExtentError):
        return {}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target[1:] if target.startswith("/") else posixpath.join("xl", target)
        targets[rel.get("Id")] = posixpath.normpath(target)
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    out = {}
    for el in book.iter():
        if el.tag.endswith("}sheet") and el.get(rid) in targets:
            out[el.get("name", "")] = targets[el.get(rid)]
    return out


def _read_small(z: zipfile.ZipFile, name: str) -> bytes:
    with z.open(name) as f:
        data = f.read(MAX_PART_XML + 1)
    if len(data) > MAX_PART_XML:
        raise ExtentError(f"bagian {name} terlalu besar")
    return data


# ---- .ods -------------------------------------------------------------------------------

_ODS_TAG = re.compile(
    rb"<(/?)table:(table|table-row|table-cell|covered-table-cell)([\s/][^>]*)?>")
_ROWS_REP = re.compile(rb'table:number-rows-repeated="([0-9]{1,10})"')
_COLS_REP = re.compile(rb'table:number-columns-repeated="([0-9]{1,10})"')
_NAME = re.compile(rb'table:name="([^"]*)"')


def ods_extents(z: zipfile.ZipFile) -> dict[str, Extent]:
    """Table name → extent, from content.xml."""
    out: dict[str, Extent] = {}
    ext, row, col, rep, filled = Extent(), 0, 0, 1, False
    with z.open("content.xml") as f:
        for m in _matches(f, _ODS_TAG):
            closing, name, attrs = m.group(1), m.group(2), m.group(3) or b""
            empty = attrs.endswith(b"/")
            if name == b"table":
                if not closing:
                    n = _NAME.search(attrs)
                    ext, row = Extent(), 0
                    name_ = n.group(1).decode("utf-8", "replace") if n else ""
                    out[unescape(name_, {"&quot;": '"', "&apos;": "'"})] = ext
            elif name == b"table-row":
                if not closing:
                    r = _ROWS_REP.search(attrs)
                    rep, col, filled = int(r.group(1)) if r else 1, 0, False
                if closing or empty:
                    if filled:
                        ext.reach(row + rep, 0)
                    row += rep
            elif not closing:  # a cell
                c = _COLS_REP.search(attrs)
                span = int(c.group(1)) if c else 1
                if b"office:value-type" in attrs or not empty:
                    ext.reach(0, col + span)
                    filled = True
                col += span
    return out
