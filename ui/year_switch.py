"""The toolbar's year switch: the years of the document's period, the one shown, and beside
it the busy mark while another year's figures are being computed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolBar, QWidget


class YearSwitch(QToolBar):
    """``on_change()`` is called when the user picks another year (not when filled)."""

    def __init__(self, on_change, parent=None) -> None:
        super().__init__("Tahun", parent)
        self.setMovable(False)
        self.box = QComboBox()
        self.box.setToolTip("Tahun yang ditampilkan")
        self.box.currentIndexChanged.connect(lambda _: on_change())
        self.busy = QLabel()
        self.busy.setObjectName("year_busy")
        self.busy.setStyleSheet("color: #8a5300; padding-left: 8px;")
        self.busy.hide()
        # in one widget: the toolbar shows and hides its own items, not what they hold
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (QLabel(" Tahun: "), self.box, self.busy):
            lay.addWidget(w)
        self.addWidget(row)

    @property
    def year(self) -> int | None:
        return self.box.currentData()

    def show_busy(self, year: int | None) -> None:
        """"Menghitung 2023…" beside the box while ``year``'s figures are computed; None:
        no mark."""
        self.busy.setText("" if year is None else f"Menghitung {year}…")
        self.busy.setVisible(year is not None)

    def show_year(self, year: int) -> None:
        """Show ``year`` in the box quietly (no ``on_change``)."""
        found = self.box.findData(year)
        if found >= 0:
            self.box.blockSignals(True)
            try:
                self.box.setCurrentIndex(found)
            finally:
                self.box.blockSignals(False)

    def fill(self, years, wanted: int | None) -> None:
        """Offer ``years`` and show ``wanted`` (the last year when it is not among them),
        quietly: the caller refreshes."""
        self.box.blockSignals(True)
        try:
            self.box.clear()
            for y in years:
                self.box.addItem(str(y), y)
            found = self.box.findData(wanted)
            self.box.setCurrentIndex(found if found >= 0 else self.box.count() - 1)
        finally:
            self.box.blockSignals(False)
