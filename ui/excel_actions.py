"""Berkas actions on Excel files: import (the checking dialog), export, templates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from iku_desktop.domain.formatting import format_number
from iku_desktop.services import transfer

from . import tasks
from .import_dialog import ImportDialog


def choose_import(window) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "Impor data", str(window.db_path.parent),
                                          transfer.IMPORT_FILTER)
    if path:
        show_import(window, Path(path))


def show_import(window, path: Path) -> ImportDialog:
    """The import dialog for ``path``: it checks the file, then imports on request."""
    dialog = ImportDialog(path, window.data_changed_after_import, window)
    dialog.show()
    return dialog


def export(window) -> None:
    labels = {**transfer.EXPORT_LABELS,
              "capaian": f"{transfer.EXPORT_LABELS['capaian']} {window.year}"}
    label, ok = QInputDialog.getItem(window, "Ekspor ke Excel", "Data:", list(labels.values()),
                                     0, False)
    if not ok:
        return
    kind = next(k for k, v in labels.items() if v == label)
    path, _ = QFileDialog.getSaveFileName(window, "Ekspor ke Excel",
                                          str(window.db_path.with_name(f"{kind}.xlsx")),
                                          "Excel (*.xlsx)")
    if not path:
        return
    year = window.year
    status = window.statusBar()
    status.showMessage("Mengekspor…")
    tasks.run(lambda: transfer.export(kind, path, year=year),
              lambda n: status.showMessage(f"{format_number(n, 0)} baris diekspor ke {path}",
                                           8000),
              lambda exc: QMessageBox.warning(window, "Ekspor gagal", str(exc)))


def template(window) -> None:
    kind, ok = QInputDialog.getItem(window, "Templat Excel", "Jenis data:",
                                    list(transfer.TEMPLATE_KINDS), 0, False)
    if not ok:
        return
    path, _ = QFileDialog.getSaveFileName(
        window, "Simpan templat", str(window.db_path.with_name(f"templat-{kind}.xlsx")),
        "Excel (*.xlsx)")
    if path:
        try:
            transfer.write_template(kind, path)
        except transfer.Refused as exc:
            QMessageBox.warning(window, "Templat tidak tersimpan", str(exc))
            return
        window.statusBar().showMessage(f"Templat disimpan: {path}", 8000)
