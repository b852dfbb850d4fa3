"""A word-wrapped label that keeps the height of its wrapped text. Qt's layouts ask a
wrapped label for one line's height when room is short, so on a small screen its other
lines were cut; this one asks for the height its text needs at its present width
(measured here: QLabel's own measure drifts once a style sheet has polished it)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import Qt as GuiQt, QTextDocument
from PySide6.QtWidgets import QLabel

# what changes the height of the same text at the same width
RESHAPING = (QEvent.FontChange, QEvent.StyleChange, QEvent.Polish, QEvent.Show)


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def needed_height(self, width: int) -> int:
        """The height of the text wrapped at ``width`` pixels (0 without text)."""
        text = self.text()
        if not text:
            return 0
        margins = self.contentsMargins()
        inner = max(width - margins.left() - margins.right() - 2 * self.margin(), 1)
        if GuiQt.mightBeRichText(text) and self.textFormat() != Qt.PlainText:
            doc = QTextDocument()
            doc.setDefaultFont(self.font())
            doc.setDocumentMargin(0)
            doc.setHtml(text)
            doc.setTextWidth(inner)
            height = int(doc.size().height() + 0.999)
        else:
            height = self.fontMetrics().boundingRect(
                QRect(0, 0, inner, 1 << 20), int(Qt.TextWordWrap), text).height()
        return height + margins.top() + margins.bottom() + 2 * self.margin()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._keep_height()

    def event(self, event) -> bool:
        handled = super().event(event)
        if event.type() in RESHAPING:
            self._keep_height()
        return handled

    def setText(self, text: str) -> None:
        super().setText(text)
        self._keep_height()

    def _keep_height(self) -> None:
        need = self.needed_height(self.width())
        if need != self.minimumHeight():
            self.setMinimumHeight(need)
