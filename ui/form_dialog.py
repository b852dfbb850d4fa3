"""A small form dialog: text fields and choices, with a line for the refusal message (the
dialog stays open until the values are accepted)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
)


class FormDialog(QDialog):
    def __init__(self, title: str, fields: list[tuple[str, str, list | None]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.widgets = {}
        for key, label, choices in fields:
            if choices is None:
                w = QLineEdit()
            else:
                w = QComboBox()
                for text, data in choices:
                    w.addItem(text, data)
            form.addRow(label, w)
            self.widgets[key] = w
        lay.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Simpan")
        buttons.button(QDialogButtonBox.Cancel).setText("Batal")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {k: (w.text() if isinstance(w, QLineEdit) else w.currentData())
                for k, w in self.widgets.items()}
