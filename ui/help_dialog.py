"""Bantuan › Panduan (F1): the offline guide in Indonesian (``resources/panduan``, shipped
inside the package) in a text browser; links to other pages of the guide follow inside it,
links to the web open in the system's browser."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from iku_desktop import resources

PAGE = "panduan.html"


class HelpDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Panduan IKU Desktop")
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        folder = resources.path("panduan")
        self.browser.setSearchPaths([str(folder)])
        self.browser.setSource(QUrl.fromLocalFile(str(folder / PAGE)))
        lay.addWidget(self.browser)
        box = QDialogButtonBox()
        box.addButton("Tutup", QDialogButtonBox.RejectRole)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.resize(920, 680)

    def headings(self) -> list[str]:
        """The guide's section headings, in order (what a reader scans for)."""
        doc = self.browser.document()
        out, block = [], doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() in (1, 2):
                out.append(block.text())
            block = block.next()
        return out
