"""The Bantuan menu's guides: Panduan (F1) and Mulai (the first-run steps)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def build(window, bantuan) -> None:
    """Add Panduan (F1) and Mulai to the ``bantuan`` menu of ``window``."""
    from .window_menus import add_action

    add_action(window, bantuan, "&Panduan", lambda: show_help(window), QKeySequence("F1"),
               needs_db=False)
    # Mulai's steps work on the open database
    add_action(window, bantuan, "&Mulai…", lambda: show_mulai(window))
    bantuan.addSeparator()


def show_help(window):
    from .help_dialog import HelpDialog  # loaded when first asked for

    dialog = getattr(window, "_help_dialog", None)
    if dialog is None:
        dialog = window._help_dialog = HelpDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def show_mulai(window):
    from .first_run import MulaiDialog

    dialog = MulaiDialog(window)
    dialog.show()
    return dialog
