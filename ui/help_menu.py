"""The Bantuan menu's guides: Panduan (F1) and Mulai (the first-run steps)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def build(window, bantuan) -> None:
    """Add Panduan (F1) and Mulai to the ``bantuan`` menu of ``window``."""
    for text, slot, key in (("&Panduan", lambda: show_help(window), QKeySequence("F1")),
                            ("&Mulai…", lambda: show_mulai(window), None)):
        act = QAction(text, window)
        if key is not None:
            act.setShortcut(key)
        act.triggered.connect(slot)
        bantuan.addAction(act)
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
