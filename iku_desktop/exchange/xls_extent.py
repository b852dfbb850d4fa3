"""How far the cells of each sheet of an Excel 97–2003 workbook (.xls) reach, read from the
file before the reader is given it.

The reader (python-calamine) reads every sheet of a .xls when it opens the file and lays
each out as a grid up to its farthest cell: a 10 KB .xls whose ten sheets each hold a cell
at IV65536 asks for 5 GB at once and the process aborts. So the cell records are walked
here: the compound file (OLE2) is followed sector by sector to its "Workbook" stream, and
in it every record that holds a value (NUMBER, RK, MULRK, LABELSST, LABEL, RSTRING,
FORMULA, BOOLERR; blank formatted cells are not kept by the reader and do not count) gives
its row and column. Every read is bounded by the file's size; a chain of sectors that
loops or leaves the file is refused as damaged.
"""

from __future__ import annotations

import struct

from .extent import Extent, ExtentError

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SPECIAL = 0xFFFFFFFA  # and above: end of chain, free, FAT or DIFAT sector
BOF_TYPES = {0x0809, 0x0409, 0x0209, 0x0009}
EOF_TYPE = 0x000A
BOUNDSHEET = 0x0085
# records whose data starts with row (u16) and column (u16) and that the reader keeps
CELLS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0006, 0x0205}
MULRK = 0x00BD


class _Compound:
    """Just enough of the compound file format to read one stream."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(MAGIC):
            raise ExtentError("bukan berkas OLE2 yang utuh")
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if not 7 <= shift <= 16 or not 2 <= mini_shift < shift:
            raise ExtentError("kepala berkas rusak")
        self.size, self.mini_size = 1 << shift, 1 << mini_shift
        self.sectors = (len(data) - 512) // self.size + 1
        n_fat, first_dir, _, self.cutoff, first_minifat, _, first_difat, n_difat = \
            struct.unpack_from("<IIIIIIII", data, 0x2C)
        difat = list(struct.unpack_from("<109I", data, 0x4C))
        sector, seen = first_difat, set()
        while sector < SPECIAL and len(seen) < n_difat:
            if sector in seen:
                raise ExtentError("rantai sektor rusak atau berputar")
            seen.add(sector)
            entries = struct.unpack_from(f"<{self.size // 4}I", self._sector(sector))
            difat += entries[:-1]
            sector = entries[-1]
        # no more FAT sectors than the file has sectors (a repeated one reads no more)
        fat_sectors = [s for s in difat[:min(n_fat, self.sectors)] if s < SPECIAL]
        self.fat = b"".join(self._sector(s) for s in fat_sectors)
        directory = self._chain_bytes(first_dir, self.fat, self._sector)
        self.entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
        if not self.entries:
            raise ExtentError("direktori berkas kosong")
        root = self.entries[0]
        self.minifat = self._chain_bytes(first_minifat, self.fat, self._sector)
        self.ministream = self._chain_bytes(struct.unpack_from("<I", root, 116)[0], self.fat,
                                            self._sector)

    def _sector(self, n: int) -> bytes:
        if n >= self.sectors:
            raise ExtentError("rantai sektor keluar dari berkas")
        start = (n + 1) * self.size
        return self.data[start:start + self.size]

    def _mini_sector(self, n: int) -> bytes:
        start = n * self.mini_size
        if start >= len(self.ministream):
            raise ExtentError("rantai sektor kecil keluar dari berkas")
        return self.ministream[start:start + self.mini_size]

    @staticmethod
    def _chain_bytes(first: int, fat: bytes, sector) -> bytes:
        """The sectors of a chain, each read once (a chain that comes back is damaged)."""
        out, n, seen = [], first, set()
        while n < SPECIAL:
            if n in seen or 4 * n >= len(fat):
                raise ExtentError("rantai sektor rusak atau berputar")
            seen.add(n)
            out.append(sector(n))
            n = struct.unpack_from("<I", fat, 4 * n)[0]
        return b"".join(out)

    def stream(self, *names: str) -> bytes:
        for e in self.entries:
            length = struct.unpack_from("<H", e, 64)[0]
            name = e[:max(0, length - 2)].decode("utf-16-le", "replace")
            if e[66] == 2 and name.lower() in {n.lower() for n in names}:
                first, size = struct.unpack_from("<II", e, 116)
                if size < self.cutoff:
                    data = self._chain_bytes(first, self.minifat, self._mini_sector)
                else:
                    data = self._chain_bytes(first, self.fat, self._sector)
                return data[:size]
        raise ExtentError("tidak berisi aliran Workbook")


def xls_extents(data: bytes) -> dict[str, Extent]:
    """Sheet name → extent, from the bytes of a .xls (a sheet whose name cannot be read is
    named by its position, "#2"). A substream inside a sheet (a chart) is its own entry."""
    stream = _Compound(data).stream("Workbook", "Book")
    names: dict[int, str] = {}
    out: dict[str, Extent] = {}
    open_: list[Extent | None] = []  # substreams begun and not ended; None: the globals
    biff8, globals_done, pos = True, False, 0
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4:pos + 4 + length]
        if kind in BOF_TYPES:
            if not globals_done and not open_:
                biff8 = len(body) >= 2 and struct.unpack_from("<H", body)[0] == 0x0600
                open_.append(None)
            else:
                ext = Extent()
                out[names.get(pos, f"#{len(out) + 1}")] = ext
                open_.append(ext)
        elif kind == EOF_TYPE:
            if open_ and open_.pop() is None:
                globals_done = True
        elif kind == BOUNDSHEET and open_ == [None] and len(body) >= 8:
            names[struct.unpack_from("<I", body)[0]] = _sheet_name(body[6:], biff8)
        elif open_ and open_[-1] is not None and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            if kind in CELLS:
                open_[-1].reach(row + 1, col + 1)
            elif kind == MULRK and len(body) >= 6:
                open_[-1].reach(row + 1, struct.unpack_from("<H", body, length - 2)[0] + 1)
        pos += 4 + length
    return out


def _sheet_name(data: bytes, biff8: bool) -> str:
    """ShortXLUnicodeString (BIFF8: length, flags, characters) or a BIFF5 byte string."""
    if len(data) < 2:
        return ""
    n = data[0]
    if not biff8:
        return data[1:1 + n].decode("cp1252", "replace")
    if data[1] & 1:
        return data[2:2 + 2 * n].decode("utf-16-le", "replace")
    return data[2:2 + n].decode("latin-1")
