"""What every records panel shares: the year, the way edits go to the undo stack, and the
line where a refused value's Indonesian message is shown."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QLabel, QWidget

from iku_desktop.services import editing

Push = Callable[[editing.Change], None]


class RecordsPanel(QWidget):
    #: tables whose change makes this panel reload
    TABLES: frozenset[str] = frozenset()

    def __init__(self, push: Push, parent=None) -> None:
        super().__init__(parent)
        self.push = push
        self.year = 0
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")

    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def reload(self) -> None:  # pragma: no cover — each panel overrides
        raise NotImplementedError

    def validate_as_typed(self, view, table_of) -> None:
        """Give ``view`` an editor that checks each keystroke (see validating_delegate)."""
        from .validating_delegate import ValidatingDelegate, field_validator

        view.setItemDelegate(ValidatingDelegate(field_validator(table_of),
                                                self.message.setText, view))

    def refresh(self, tables: set[str]) -> None:
        """After an edit to ``tables``: by default, load again."""
        self.reload()

    def try_edit(self, prepare: Callable[[], editing.Change | None]) -> str | None:
        """Prepare an edit and push it; returns the error message, or None when accepted."""
        try:
            change = prepare()
        except editing.EditError as exc:
            self.message.setText(str(exc))
            return str(exc)
        self.message.clear()
        if change is not None:
            self.push(change)
        return None
