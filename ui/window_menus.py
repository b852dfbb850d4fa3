"""The window's menu bar: Berkas (databases, Excel, printing), Sunting (undo, redo), the
Kantor and Dokumen menus (``office_menus``) and Bantuan. The actions are built without
their dialogs: a dialog's module (and the import, Excel or PDF code it uses) is imported
when its action is first triggered (``later``), not with the window."""

from __future__ import annotations

import importlib

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from iku_desktop import __version__
from iku_desktop.domain.formatting import DASH
from iku_desktop.services import session

from . import database_actions, help_menu, office_menus


def later(module: str, name: str):
    """``ui.<module>.<name>``, imported when first called."""
    def call(*args):
        return getattr(importlib.import_module(f"{__package__}.{module}"), name)(*args)
    return call


def add_action(window, menu, text: str, slot, shortcut=None, needs_db: bool = True) -> QAction:
    """An action of ``window`` in ``menu`` calling ``slot``; ``needs_db``: enabled only
    while a database is open (``enable_for_database``)."""
    act = QAction(text, window)
    if shortcut is not None:
        act.setShortcut(shortcut)
    act.triggered.connect(slot)
    menu.addAction(act)
    if needs_db:
        window.db_actions.append(act)
    return act


def enable_for_database(window) -> None:
    """The actions that work on the open database: enabled while one is open (not while
    the window waits for its first paint to open it, nor when none was opened)."""
    for act in window.db_actions:
        act.setEnabled(window.db is not None)


def build(window) -> None:
    """Every menu of ``window``; its Berkas terakhir submenu is ``window.recent_menu``."""
    window.db_actions = []
    berkas = window.menuBar().addMenu("&Berkas")

    def add(menu, text, slot, shortcut=None, needs_db=True):
        return add_action(window, menu, text, slot, shortcut, needs_db)

    # Ctrl+N adds a respondent in the IKM grid, Ctrl+I is italic in the formulasi editor:
    # the window's own keys must differ, or Qt calls both ambiguous and does neither
    add(berkas, "Basis data &baru…", lambda: database_actions.ask_new_database(window),
        QKeySequence("Ctrl+Shift+N"), needs_db=False)
    add(berkas, "&Buka basis data…", lambda: database_actions.choose_database(window),
        QKeySequence.Open, needs_db=False)
    window.recent_menu = berkas.addMenu("Berkas &terakhir")
    add(berkas, "&Simpan salinan…", lambda: database_actions.ask_save_copy(window))
    add(berkas, "&Cadangan…", lambda: later("backup_dialog", "BackupDialog")(window).exec())
    add(berkas, "&Periksa basis data", lambda: later("check_database", "check")(window))
    berkas.addSeparator()
    add(berkas, "&Impor data…", lambda: later("excel_actions", "choose_import")(window),
        QKeySequence("Ctrl+Shift+I"))
    add(berkas, "&Ekspor ke Excel…", lambda: later("excel_actions", "export")(window),
        QKeySequence("Ctrl+E"))
    add(berkas, "&Templat Excel…", lambda: later("excel_actions", "template")(window))
    berkas.addSeparator()
    add(berkas, "&Cetak…", window.show_print_dialog, QKeySequence.Print)
    add(berkas, "&Verifikasi kode cetakan…",
        lambda: later("verify_dialog", "VerifyDialog")(window).exec())
    berkas.addSeparator()
    add(berkas, "&Keluar", window.close, QKeySequence.Quit, needs_db=False)
    sunting = window.menuBar().addMenu("&Sunting")
    undo = window.undo_stack.createUndoAction(window, "&Urungkan")
    undo.setShortcuts([QKeySequence.Undo])
    redo = window.undo_stack.createRedoAction(window, "U&langi")
    ctrl_y = QKeySequence("Ctrl+Y")
    redo.setShortcuts([ctrl_y] + [k for k in QKeySequence.keyBindings(QKeySequence.Redo)
                                  if k != ctrl_y])
    sunting.addAction(undo)
    sunting.addAction(redo)
    office_menus.build(window)
    bantuan = window.menuBar().addMenu("Ban&tuan")
    help_menu.build(window, bantuan)
    add(bantuan, "&Tentang IKU Desktop", lambda: about(window), needs_db=False)


def about(window) -> None:
    from iku_desktop import version  # (subprocess, for the build) when first asked for

    QMessageBox.about(
        window, "Tentang IKU Desktop",
        f"<b>IKU Desktop</b> versi {__version__}<br>Build: {version.build()}<br>"
        f"Indikator Kinerja Utama {window.doc.unit_organisasi if window.doc else DASH}<br><br>"
        f"Basis data: {window.db_path}<br>Versi skema: "
        f"{session.schema_version(window.db) if window.db is not None else DASH}")
