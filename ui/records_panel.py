"""What every records panel shares: the year, the way edits go to the undo stack, and the
line where a refused value's Indonesian message is shown."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QLabel, QWidget

from iku_desktop.services.changes import OpChanges
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
        self.stale = True  # loads when first shown

    def set_year(self, year: int) -> None:
        """Another year: a shown register loads it now (in the background where it is
        large); a hidden one only when it is first shown."""
        self.year = year
        self.reload_when_shown()

    def reload_when_shown(self) -> None:
        if self.isVisible():
            self.stale = False
            self.reload()
        else:
            self.stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self.reload()

    def reload(self) -> None:  # pragma: no cover — each panel overrides
        raise NotImplementedError

    def validate_as_typed(self, view, prepare) -> None:
        """Give ``view`` an editor that checks each keystroke: ``prepare(index, text)``
        prepares (never writes) the edit the cell would make (see validating_delegate)."""
        from .validating_delegate import ValidatingDelegate, change_validator

        view.setItemDelegate(ValidatingDelegate(change_validator(prepare),
                                                self.message.setText, view))

    def validate_register(self, view, model, table: str) -> None:
        """Validation as typed for a register whose columns name their fields."""
        from iku_desktop.services import editing

        def prepare(index, text):
            field = model.columns[index.column()].field
            if field:
                return editing.prepare_edit(table, model.id_at(index.row()), field, text)
            return None

        self.validate_as_typed(view, prepare)

    def search_bar(self, placeholder: str):
        """The search field (queried 250 ms after typing stops) and the kabupaten/kota
        filter that every register has; returns the row to add more to."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit

        from iku_desktop.services import registers

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setToolTip(placeholder)  # the placeholder is elided on a narrow screen
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(self._debounce.start)
        bar.addWidget(self.search, 2)
        self.kabupaten = QComboBox()
        self.kabupaten.addItem("Semua kabupaten/kota", None)
        for kabupaten_id, nama in registers.kabupaten():
            self.kabupaten.addItem(nama, kabupaten_id)
        self.kabupaten.currentIndexChanged.connect(self.reload)
        bar.addWidget(self.kabupaten, 1)
        return bar

    def ask_form(self, title: str, fields, prepare) -> None:
        """A form for a new record; it stays open with the message until accepted."""
        from .form_dialog import FormDialog

        dialog = FormDialog(title, fields, self)
        while dialog.exec():
            values = dialog.values()
            if self.try_edit(lambda: prepare(values)) is None:
                return
            dialog.error.setText(self.message.text())

    @staticmethod
    def kabupaten_choices() -> list[tuple[str, str]]:
        from iku_desktop.services import registers

        return [(nama, nama) for _, nama in registers.kabupaten()]

    def refresh(self, changes: OpChanges) -> None:
        """After a write that changed what this panel shows: by default, load again (a
        hidden panel when it is next shown)."""
        self.reload_when_shown()

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
