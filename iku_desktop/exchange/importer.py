"""The format-neutral importer: reader → column mapping → row validation → upsert → report.

Every row of every table is validated before anything is written. Any error: nothing is
written. A valid file is written in one transaction. Readers for other formats (Excel)
only add a way to produce ``Table`` objects.
"""

from __future__ import annotations

import gc
import sqlite3
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from peewee import IntegrityError, OperationalError

from ..store import models as m
from ..store import audit, backup, summaries
from ..store.database import DISK_FULL, is_disk_full
from ..validation import ValidationReport
from . import owned, readers, workbook
from .kinds import KINDS
from .kinds.base import Counts, ImportContext
from .schema import detect_kind, map_columns, parse_rows

# tables of several kinds in one file are applied in this order (koperasi before their
# tahun buku rows)
ORDER = ("koperasi", "koperasi-tahunan", "usaha-kecil", "sakip", "ikm")


def _order(kind: str) -> int:
    """Referenced kinds first; a register declared by its spec alone after them."""
    return ORDER.index(kind) if kind in ORDER else len(ORDER)
# above this many rows the summary triggers are set aside and the summaries rebuilt once
BULK_ROWS = 5000


class Cancelled(Exception):
    """The user cancelled the import; nothing was written."""


class Progress:
    """Reports how far an import is and lets the user cancel it: ``report(stage, done,
    total)`` is called now and then; ``cancelled()`` is asked at the same moments."""

    def __init__(self, report=None, cancelled=None) -> None:
        self._report = report or (lambda stage, done, total: None)
        self._cancelled = cancelled or (lambda: False)

    def step(self, stage: str, done: int = 0, total: int = 0) -> None:
        self._report(stage, done, total)
        if self._cancelled():
            raise Cancelled()


@dataclass
class ImportResult:
    """Attributes:
    file: the file imported.
    kinds: the kind of each table, in file order.
    report: every error and warning.
    counts: table → added/updated/unchanged (empty when nothing was written).
    dry_run: validated only.
    written: whether the database was changed.
    backup: the backup taken before writing (None: none taken); ``second_problem``: why
        it was not copied to the second backup folder ("" copied, or none set).
    """

    file: str
    kinds: list[str] = field(default_factory=list)
    tables: list = field(default_factory=list, repr=False)
    report: ValidationReport = field(default_factory=ValidationReport)
    counts: dict[str, Counts] = field(default_factory=dict)
    dry_run: bool = False
    written: bool = False
    cancelled: bool = False
    backup: backup.Backup | None = None

    @property
    def second_problem(self) -> str:
        return self.backup.second_problem if self.backup is not None else ""

    def as_dict(self) -> dict:
        return {
            "file": self.file, "kinds": self.kinds, "ok": self.report.ok,
            "dry_run": self.dry_run, "written": self.written,
            "counts": {t: c.as_dict() for t, c in self.counts.items()},
            "errors": [i.as_dict() for i in self.report.errors],
            "warnings": [i.as_dict() for i in self.report.warnings],
            "second_folder_problem": self.second_problem,
        }


@contextmanager
def gc_paused():
    """Python's cycle collector set aside while an import runs: a 200.000-row sheet holds
    millions of cells, and each full collection walks all of them (2 s of a 12 s import)
    although the import makes no reference cycles worth collecting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_tables(path: Path, report: ValidationReport) -> list[readers.Table]:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ""):
        table, warnings = readers.read_csv(path)
        for w in warnings:
            report.warning("encoding", w)
        return [table]
    if suffix in workbook.SUFFIXES:
        # a workbook is read from the file, not from a copy of its bytes (memory)
        tables, warnings = workbook.read_workbook(path)
        for w in warnings:
            report.warning("hidden_sheet", w)
        return tables
    raise readers.ReadError(
        f"Format berkas '{suffix}' tidak dikenal; gunakan .xlsx, .xls, .ods atau .csv")


def import_file(path: str | Path, kind: str | None = None, dry_run: bool = False,
                origin: str | None = None, progress: Progress | None = None,
                check_target=None) -> ImportResult:
    """Import a file as the office ``origin`` (default: this database's office); with
    ``progress`` the caller sees the stages and may cancel (a cancelled import writes
    nothing). ``check_target``: ``kinds.base.ImportContext.check_target``."""
    result = ImportResult(str(path), dry_run=dry_run)
    origin = origin or m.current_office()
    try:
        with gc_paused():
            return _import(Path(path), kind, dry_run, origin, progress or Progress(), result,
                           check_target)
    except Cancelled:
        result.cancelled, result.written, result.counts = True, False, {}
        result.report.warning("cancelled", "Impor dibatalkan; tidak ada data yang disimpan")
        return result


def _import(p: Path, kind, dry_run, origin, progress: Progress,
            result: ImportResult, check_target=None) -> ImportResult:
    report = result.report
    progress.step("Membaca berkas")
    try:
        readers.check_input_file(p)
        sha = readers.file_sha256(p)
        tables = read_tables(p, report)
        result.tables = tables
    except readers.ReadError as exc:
        report.error("unreadable", str(exc))
        return result

    specs = [mod.SPEC for mod in KINDS.values()]
    planned = []
    for table in tables:
        if kind is not None:
            if kind not in KINDS:
                report.error("unknown_kind", f"Jenis data '{kind}' tidak dikenal; pilihan: "
                             + ", ".join(KINDS))
                return result
            spec = KINDS[kind].SPEC
        else:
            spec = detect_kind(table, specs)
            if spec is None:
                report.error("unknown_kind",
                             "Jenis data tidak dapat dikenali dari judul kolom; gunakan --kind "
                             "(" + ", ".join(KINDS) + ")", sheet=table.name)
                continue
        result.kinds.append(spec.name)
        planned.append((spec, table))

    ctx_base = dict(origin=origin, file_name=p.name, sha256=sha, check_target=check_target)
    pending: dict[str, set] = {}
    checked = []
    for spec, table in sorted(planned, key=lambda st: _order(st[0].name)):
        ctx = ImportContext(report, sheet=table.name, pending=pending, **ctx_base)
        mapping = map_columns(spec, table, report)
        if not report.ok and any(i.code == "missing_column" for i in report.errors):
            continue
        progress.step(f"Memeriksa {table.name or p.name}", 0, len(table.rows))
        rows = parse_rows(spec, table, mapping, report, progress)
        if not rows:
            report.warning(*owned.empty_sheet_notice(spec, origin), sheet=table.name)
        owned.check(spec, rows, ctx, origin)
        checked.append((spec, ctx, KINDS[spec.name].check(rows, ctx)))

    if not report.ok or dry_run:
        return result
    for table in tables:
        table.rows.clear()  # validated: the raw cells are not needed any more (memory)
    counts: dict[str, Counts] = {}
    if any(rows for _, _, rows in checked):
        progress.step("Membuat cadangan")
        try:
            result.backup = backup.create(backup.current_path(), "sebelum-impor",
                                          conn=m.database.connection())
        except backup.BackupError as exc:
            report.error("backup", f"{exc}. Impor dibatalkan; tidak ada yang disimpan")
            return result
    many = sum(len(rows) for _, _, rows in checked) > BULK_ROWS
    try:
        source = f"Impor {p.name} (SHA-256 {sha[:16]})"
        with audit.recording(m.database, source), (
                summaries.bulk_load(m.database.connection()) if many else nullcontext()):
            for spec, ctx, rows in checked:
                progress.step(f"Menyimpan {spec.label.lower()}", 0, len(rows))
                for table_name, c in KINDS[spec.name].apply(rows, ctx).items():
                    total = counts.setdefault(table_name, Counts())
                    total.added += c.added
                    total.updated += c.updated
                    total.unchanged += c.unchanged
            progress.step("Menyelesaikan")  # the last moment to cancel: rolls back
    except IntegrityError as exc:
        # the checks above should make this unreachable; if not, nothing was written
        report.error("constraint", f"Data ditolak oleh basis data, tidak ada yang disimpan: {exc}")
        return result
    except (OperationalError, sqlite3.OperationalError) as exc:
        if not is_disk_full(exc):
            raise
        report.error("disk_full", DISK_FULL)
        return result
    result.counts = counts
    result.written = any(c.added or c.updated for c in result.counts.values())
    return result
