"""File readers: turn a file into tables of raw cells. Format-neutral from here on: the
importer sees ``Table`` objects whatever the file was (CSV now; Excel readers add to it).

Every input file the program reads (an import, a data package, a logo) goes through
``check_input_file``/``open_input``/``read_input``: only a regular file is opened — a
folder, a FIFO, a device such as /dev/zero or /dev/null, a socket or a symlink loop is
refused with a message, never waited on or read without end — and every read is bounded."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from .. import files
from ..errors import Refused

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 200


class ReadError(Refused):
    """A file that cannot be read; ``str()`` is the user's message."""


@dataclass(frozen=True)
class Table:
    """Attributes:
    name: sheet name for workbooks, None for CSV.
    headers: header cells as written.
    rows: (row number as the user sees it, cells) — blank rows are left out.
    unread: (row number, column index) → (why, the cell as shown) for a cell given as
        blank that is not (an .xlsx formula never computed, an error: ``unread_cells``).
    """

    name: str | None
    headers: list[str]
    rows: list[tuple[int, list]]
    unread: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)


def _decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 with or without BOM; Excel's "CSV" on Windows writes Windows-1252, accepted
    with a warning."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), (
            "Berkas bukan UTF-8; dibaca sebagai Windows-1252. Simpan sebagai "
            "'CSV UTF-8' agar huruf khusus terbaca benar"
        )


def _delimiter(first_line: str) -> str:
    """Indonesian Excel writes ';' (the comma is the decimal mark); others write ','."""
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_ERRNO = {
    errno.ENOENT: "berkas tidak ditemukan",
    errno.ELOOP: "tautan simbolik yang berputar, menunjuk ke dirinya sendiri",
    errno.EACCES: "tidak ada izin membaca berkas",
    errno.EPERM: "tidak ada izin membaca berkas",
    errno.ENOTDIR: "salah satu bagian jalurnya bukan folder",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
}


def _os_error(path: Path, exc: OSError) -> ReadError:
    reason = _ERRNO.get(exc.errno) or exc.strerror or str(exc)
    return ReadError(f"Berkas tidak dapat dibuka: {path} ({reason})")


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def _check_stat(path: Path, st: os.stat_result, max_bytes: int) -> int:
    kind = files.not_regular(st.st_mode)
    if kind is not None:
        raise _not_data(path, kind)
    if st.st_size == 0:
        raise ReadError(f"Berkas {path.name} kosong")
    if st.st_size > max_bytes:
        raise ReadError(f"Berkas {path.name} terlalu besar ({_megabytes(st.st_size)}); paling "
                        f"besar {_megabytes(max_bytes)}")
    return st.st_size


def _not_data(path: Path, kind: str) -> ReadError:
    return ReadError(f"{path} adalah {kind}, bukan berkas data; pilih berkas yang "
                     "tersimpan di disk")


def check_input_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> int:
    """The size of the file at ``path``, refusing — without opening it (opening a FIFO waits
    for a writer) — what is not a regular file (a folder, a FIFO, a device such as /dev/zero,
    a socket, a symlink loop), a missing or empty file, and one above ``max_bytes``."""
    try:
        return _check_stat(path, os.stat(path), max_bytes)
    except OSError as exc:
        raise _os_error(path, exc) from exc
    except ValueError as exc:  # a NUL character in the name
        raise ReadError(f"Nama berkas tidak sah: {path!r}") from exc


@contextmanager
def open_input(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Iterator[BinaryIO]:
    """The file opened for reading, after ``check_input_file``. It is opened without waiting
    (O_NONBLOCK: a FIFO put in its place since the check does not block) and checked again
    on the open handle, so what is read is the regular file that was checked. A read that
    fails inside the ``with`` becomes a ``ReadError``."""
    check_input_file(path, max_bytes)
    try:
        fd = files.open_regular(path)
    except files.NotRegularFile as exc:
        raise _not_data(path, exc.kind) from exc
    except OSError as exc:
        raise _os_error(path, exc) from exc
    try:
        _check_stat(path, os.fstat(fd), max_bytes)
        f = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with f:
        try:
            yield f
        except OSError as exc:  # a disk error, a network share gone
            raise _os_error(path, exc) from exc


def read_input(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` (a file that grows while it is
    read is cut at the bound and refused)."""
    with open_input(path, max_bytes) as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(f"Berkas {path.name} terlalu besar; paling besar {_megabytes(max_bytes)}")
    return data


def file_sha256(path: Path) -> str:
    with open_input(path) as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def read_csv(path: str | Path, data: bytes | None = None) -> tuple[Table, list[str]]:
    """Read a CSV file (or its ``data`` already read). Returns the table and warnings."""
    p = Path(path)
    if data is None:
        data = read_input(p)
    if b"\x00" in data[:4096]:
        raise ReadError(f"Berkas {p.name} bukan berkas teks CSV")
    text, warning = _decode(data)
    warnings = [warning] if warning else []
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise ReadError(f"Berkas {p.name} bukan CSV yang valid: {exc}") from exc
    # drop leading blank lines
    while records and not any(c.strip() for c in records[0]):
        records.pop(0)
    if not records:
        raise ReadError(f"Berkas {p.name} tidak berisi baris judul kolom")
    headers = [h.strip() for h in records[0]]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise ReadError(f"Berkas {p.name} memiliki {len(headers)} kolom; paling banyak {MAX_COLUMNS}")
    rows = []
    for n, rec in enumerate(records[1:], start=2):
        if any(c.strip() for c in rec):
            rows.append((n, rec))
    return Table(None, headers, rows), warnings
