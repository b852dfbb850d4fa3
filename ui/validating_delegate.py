"""Validation as typed: the cell editor checks the text on every keystroke with the core's
editing rules and shows the Indonesian message on the field (red border, tooltip, and the panel's
message line). The model refuses an invalid value on commit, so nothing invalid is stored."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QToolTip

Validate = Callable[[object, str], "str | None"]  # (index, text) → message or None


RELEASED = "iku_editor_released"  # the editor's property once its view let go of it


class ValidatingDelegate(QStyledItemDelegate):
    """The cell editor of every editable grid.

    A stored edit reloads the grid (the service's rows: a model reset) while the view is
    still committing the editor: the reset lets go of the editor (``destroyEditor``), but
    ``QAbstractItemView::commitData`` installs the delegate's event filter on it again when
    the commit returns, so the editor's focus-out as it is deleted would commit it a second
    time ("commitData called with an editor that does not belong to this view"). An editor
    let go of is no longer filtered (``eventFilter``): the value was stored by the first
    commit."""

    def __init__(self, validate: Validate, show: Callable[[str], None], parent=None) -> None:
        super().__init__(parent)
        self.validate = validate
        self.show = show

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.textEdited.connect(lambda text: self._check(editor, index, text))
        return editor

    def destroyEditor(self, editor, index) -> None:
        editor.setProperty(RELEASED, True)
        super().destroyEditor(editor, index)

    def eventFilter(self, watched, event) -> bool:
        if watched.property(RELEASED):
            return False  # (its view let go of it: nothing to commit or close)
        return super().eventFilter(watched, event)

    def _check(self, editor: QLineEdit, index, text: str) -> None:
        message = self.validate(index, text)
        if message:
            editor.setStyleSheet("border: 2px solid #c0392b;")
            editor.setToolTip(message)
            QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), message, editor)
        else:
            editor.setStyleSheet("")
            editor.setToolTip("")
            QToolTip.hideText()
        self.show(message or "")


def change_validator(prepare: Callable[[object, str], object]) -> Validate:
    """A validator that prepares the edit the cell would make — the same parsing and the
    same rules across fields (a component above its maximum, Tanggal Bubar without status
    Dibubarkan…) — without writing anything. ``prepare(index, text)`` returns None for a
    cell that is not editable."""
    from iku_desktop.services import editing

    def validate(index, text: str) -> str | None:
        try:
            prepare(index, text)
        except editing.EditError as exc:
            return str(exc)
        return None

    return validate
