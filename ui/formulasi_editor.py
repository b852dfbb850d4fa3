"""A small rich-text editor for Formulasi Data: bold, italic, underline, bullet and numbered
lists. It stores the sanitised subset (domain.richtext) when it loses focus."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextListFormat
from PySide6.QtWidgets import QHBoxLayout, QTextEdit, QToolButton, QVBoxLayout, QWidget


class _Edit(QTextEdit):
    left = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class FormulasiEditor(QWidget):
    committed = Signal(str)  # the editor's HTML, to be sanitised by the core

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.edit = _Edit()
        self.edit.setAcceptRichText(True)
        self.edit.left.connect(self._commit)
        for text, tip, keys, slot in (
                ("B", "Tebal", "Ctrl+B", self._bold), ("I", "Miring", "Ctrl+I", self._italic),
                ("U", "Garis bawah", "Ctrl+U", self._underline),
                ("• Daftar", "Daftar berbutir", None, lambda: self._list(QTextListFormat.ListDisc)),
                ("1. Daftar", "Daftar bernomor", None,
                 lambda: self._list(QTextListFormat.ListDecimal))):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip + (f" ({keys})" if keys else ""))
            if keys:  # only while the focus is in this editor (Ctrl+I is not Impor here)
                key = QShortcut(QKeySequence(keys), self)
                key.setContext(Qt.WidgetWithChildrenShortcut)
                key.activated.connect(slot)
            b.clicked.connect(slot)
            bar.addWidget(b)
        bar.addStretch(1)
        lay.addLayout(bar)
        lay.addWidget(self.edit)
        self._loaded = ""

    def set_html(self, html: str) -> None:
        self.edit.blockSignals(True)
        self.edit.setHtml(html)
        self.edit.blockSignals(False)
        self._loaded = self.edit.toHtml()

    def _commit(self) -> None:
        html = self.edit.toHtml()
        if html != self._loaded:
            self._loaded = html
            self.committed.emit(html)

    def _bold(self) -> None:
        bold = self.edit.fontWeight() <= QFont.Normal
        self.edit.setFontWeight(QFont.Bold if bold else QFont.Normal)

    def _italic(self) -> None:
        self.edit.setFontItalic(not self.edit.fontItalic())

    def _underline(self) -> None:
        self.edit.setFontUnderline(not self.edit.fontUnderline())

    def _list(self, style) -> None:
        self.edit.textCursor().createList(style)
