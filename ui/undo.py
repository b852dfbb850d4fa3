"""Undo/redo of edits: a QUndoCommand per change (``editing.Change`` for records,
``document_edit.DocumentChange`` for the document). A change is written before its command
is pushed (``MainWindow.push_change``), so only what was stored goes onto the stack; the
first ``redo`` (at the push) only tells the window. ``undo`` reverts, a later ``redo``
writes again; one that fails (another writer past the wait, a full disk, the file gone) is
said in a message and its command leaves the stack. After each, the window is told which
what changed (``OpChanges``), to recompute only the indikator that depend on it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

from iku_desktop.services import editing
from iku_desktop.services.changes import OpChanges
from iku_desktop.services.database import write_failure
from iku_desktop.services.editing_errors import EditError


def written(write) -> tuple[object, Exception | None]:
    """``write()``'s result, or the error a user is told of: a refusal (``EditError``), or
    what a failed write on the file means (another writer past the wait, a full disk, the
    file gone). Any other error is a bug and is raised."""
    try:
        return write(), None
    except EditError as exc:
        return None, exc
    except Exception as exc:  # noqa: BLE001 - sorted below
        known = write_failure(exc)
        if known is None:
            raise
        return None, known


class EditCommand(QUndoCommand):
    def __init__(self, change: editing.Change, changed: Callable[[OpChanges], None],
                 written: OpChanges, failed: Callable[[Exception], None]) -> None:
        """``change`` has been written already, changing ``written``."""
        super().__init__(change.label)
        self.change = change
        self.changed = changed
        self.failed = failed
        self.pending = written  # what the write made before the push changed

    def redo(self) -> None:
        if self.pending is not None:
            changes, self.pending = self.pending, None
            self.changed(changes)
            return
        result, error = written(self.change.write)
        if error is not None:
            return self._fail(error)
        self.change, changes = result
        self.changed(changes)

    def undo(self) -> None:
        changes, error = written(self.change.undo)
        if error is not None:
            return self._fail(error)
        self.changed(changes)

    def _fail(self, exc: Exception) -> None:
        self.setObsolete(True)  # not done: the stack drops the command
        self.failed(exc)
