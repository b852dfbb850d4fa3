"""Files in and out of the open database, the one door the window and the command line use:
import a file (checked whole, then written in one transaction; with a ``Progress`` the
caller sees the stages and may cancel), write a refused file's rows back with their errors,
export a register or the Laporan Capaian to Excel, write a template. Data packages between
offices are ``packages``; this module names their file suffixes too, for the file dialogs.

An import that writes names what it changed (``Imported.changes``: the tables it wrote,
any year), so screens refresh from it instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import Refused  # noqa: F401  (front ends catch it once)
from ..exchange import importer
from ..exchange.importer import Progress  # noqa: F401  (progress and cancel for import_file)
from ..exchange.kinds import KINDS
from ..exchange.package import SUFFIX, PackageError  # noqa: F401  (for the front ends)
from ..exchange.output import OutputError  # noqa: F401  (a file not written: Refused)
from .changes import OpChanges
from .office_keys import KEY_SUFFIX  # noqa: F401  (an office key file's suffix)

IMPORT_KINDS = tuple(KINDS)
# TEMPLATE_KINDS, EXPORT_KINDS and PREFILLED_TEMPLATES (the templates filled from the open
# database: the target grid of the document in force): read from the Excel writers, which
# load openpyxl, when first asked (``__getattr__``): the window starts without them
# what a user picks when exporting (the capaian report: of the year shown)
EXPORT_LABELS = {"koperasi": "Register koperasi", "koperasi-tahunan": "Tahun buku koperasi",
                 "usaha-kecil": "Register usaha kecil", "ikm": "Responden SKM",
                 "sakip": "Evaluasi SAKIP", "target": "Target IKU", "capaian": "Laporan Capaian"}
IMPORT_FILTER = "Data (*.xlsx *.xls *.ods *.csv);;Semua berkas (*)"


class TransferError(Refused, ValueError):
    """A transfer the program will not do: an unknown kind, a report that cannot be made
    (no document in force); ``str()`` is the user's message."""


def __getattr__(name: str):
    if name == "TEMPLATE_KINDS":
        from ..exchange import templates

        return templates.TEMPLATE_KINDS
    if name == "EXPORT_KINDS":
        from ..exchange import export as excel_export

        return excel_export.EXPORT_KINDS
    if name == "PREFILLED_TEMPLATES":
        from ..exchange import export as excel_export

        return excel_export.PREFILLED
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Imported(importer.ImportResult):
    """An import's result (``exchange.importer.ImportResult``: kinds, report, counts, …)
    with what it changed. Attributes: changes: the tables written (none in a dry run, a
    refused or a cancelled import), any year."""

    changes: OpChanges = OpChanges()


def import_file(path: str | Path, kind: str | None = None, dry_run: bool = False,
                origin: str | None = None, progress: Progress | None = None) -> Imported:
    """Import ``path`` into the open database as the office ``origin`` (default: this
    database's office); ``kind``: of every table (default: recognised from the headers).
    Any error: nothing is written."""
    from .indicators import registry

    result = importer.import_file(path, kind=kind, dry_run=dry_run, origin=origin,
                                  progress=progress, check_target=registry.check_target)
    written = {t for t, c in result.counts.items() if c.added or c.updated}
    return Imported(**vars(result), changes=OpChanges.of(written))


def write_errors(result: importer.ImportResult, path: str | Path) -> int:
    """The rows of a refused import written to ``path`` with a "Kesalahan" column, for the
    office to correct (``exchange.errors_out``); returns the number of rows written."""
    from ..exchange import errors_out

    return errors_out.write_errors(result.tables, result.report, path)


def export(kind: str, path: str | Path, year: int | None = None,
           progress: Callable[[int], None] | None = None) -> int:
    """Write the export of ``kind`` (a register, or ``capaian``: the Laporan Capaian of
    ``year``) to ``path``, whole or not at all; returns the number of data rows."""
    from ..exchange import export as excel_export

    if kind not in excel_export.EXPORT_KINDS:
        raise TransferError(f"Jenis ekspor '{kind}' tidak dikenal; pilihan: "
                            + ", ".join(excel_export.EXPORT_KINDS))
    try:
        return excel_export.export(kind, path, year=year, progress=progress)
    except Refused:
        raise
    except ValueError as exc:  # the report cannot be made (no document in force, …)
        raise TransferError(str(exc)) from exc


def write_template(kind: str, path: str | Path) -> Path:
    """Write the Excel template of ``kind`` (``all``: every kind) to ``path``."""
    from ..exchange import templates

    if kind not in templates.TEMPLATE_KINDS:
        raise TransferError(f"Jenis templat '{kind}' tidak dikenal; pilihan: "
                            + ", ".join(templates.TEMPLATE_KINDS))
    return templates.write_template(kind, path)
