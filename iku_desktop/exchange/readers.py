"""File readers: turn a file into tables of raw cells. Format-neutral from here on: the
importer sees ``Table`` objects whatever the file was (CSV now; Excel readers add to it)."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 200


class ReadError(Exception):
    """A file that cannot be read; ``str()`` is the user's message."""


@dataclass(frozen=True)
class Table:
    """Attributes:
    name: sheet name for workbooks, None for CSV.
    headers: header cells as written.
    rows: (row number as the user sees it, cells) — blank rows are left out.
    """

    name: str | None
    headers: list[str]
    rows: list[tuple[int, list]]


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


def check_file(path: Path) -> int:
    """The file's size, refusing what cannot be an import (missing, empty, too large)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"Berkas tidak dapat dibuka: {path} ({exc.strerror})") from exc
    if size == 0:
        raise ReadError(f"Berkas {path.name} kosong")
    if size > MAX_FILE_BYTES:
        raise ReadError(f"Berkas {path.name} terlalu besar ({size // (1024 * 1024)} MB)")
    return size


def read_bytes(path: Path) -> bytes:
    """The file's bytes (after ``check_file``)."""
    check_file(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"Berkas tidak dapat dibuka: {path} ({exc.strerror})") from exc


def file_sha256(path: Path) -> str:
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError as exc:
        raise ReadError(f"Berkas tidak dapat dibuka: {path} ({exc.strerror})") from exc


def read_csv(path: str | Path, data: bytes | None = None) -> tuple[Table, list[str]]:
    """Read a CSV file (or its ``data`` already read). Returns the table and warnings."""
    p = Path(path)
    if data is None:
        data = read_bytes(p)
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
