"""A word-wrapped label that keeps the height of its wrapped text. Qt's layouts ask a
wrapped label for one line's height when room is short, so on a small screen its other
lines were cut; this one asks for the height its text needs at its present width."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._keep_height()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._keep_height()

    def _keep_height(self) -> None:
        need = self.heightForWidth(self.width()) if self.text() else 0
        if need >= 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)
