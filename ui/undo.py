"""Undo/redo of edits: a QUndoCommand per change (``editing.Change`` for records,
``document_edit.DocumentChange`` for the document). The first ``redo`` (when the
command is pushed) writes the change; ``undo`` reverts it. After each, the window is told
which tables changed, to recompute only the indikator that depend on them."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

from iku_desktop.services import editing


class EditCommand(QUndoCommand):
    def __init__(self, change: editing.Change, changed: Callable[[set[str]], None]) -> None:
        super().__init__(change.label)
        self.change = change
        self.changed = changed

    def redo(self) -> None:
        self.change, tables = self.change.write()
        self.changed(tables)

    def undo(self) -> None:
        self.changed(self.change.undo())
