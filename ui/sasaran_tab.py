"""A tab per sasaran strategis: a card per indikator with its breakdowns and the registers
it is computed from. The tab's body is built when the tab is first shown or asked for
(``panels``), not with the window: its register panels, their modules included, load then."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QScrollArea, QSplitter, QTableView, QTabWidget,
    QVBoxLayout, QWidget,
)

from iku_desktop.domain.dokumen import Sasaran
from iku_desktop.services.indicators import IndikatorReport, registry

from . import column_fit
from .breakdown_model import BreakdownModel
from .indicator_card import IndicatorCard
from .wrapped_label import WrappedLabel

if TYPE_CHECKING:  # the register panels load with the first tab that shows them
    from .records_panel import RecordsPanel


# the register panel of a method (its ``panel`` key): tab label, module and class of its
# panel (imported when a tab showing it is built); a method without one (None) shows only
# its year values
REGISTER_PANELS: dict[str, tuple[str, str, str]] = {
    "koperasi": ("Register koperasi", "koperasi_panel", "KoperasiPanel"),
    "usaha_kecil": ("Register usaha kecil", "usaha_panel", "UsahaPanel"),
    "sakip": ("Evaluasi SAKIP", "sakip_panel", "SakipPanel"),
    "ikm": ("Survei dan responden", "ikm_panel", "IkmPanel"),
}


def records_for(ind, push) -> list[tuple[str, RecordsPanel]]:
    """The records an indikator is computed from: the register its method names, then its
    targets (with the realisasi, for a method whose realisasi is typed in)."""
    from .year_values_panel import YearValuesPanel

    panels: list[tuple[str, RecordsPanel]] = []
    method = registry.get(ind.metode)
    if method is not None and method.panel in REGISTER_PANELS:
        label, module, name = REGISTER_PANELS[method.panel]
        panel_class = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        panels.append((label, panel_class(push)))
    typed_in = method is not None and method.typed_in
    panels.append(("Realisasi dan target" if typed_in else "Target",
                   YearValuesPanel(push, ind.id, typed_in)))
    return panels

BREAKDOWN_LABELS = {"kabupaten": "Per kabupaten/kota", "jenis": "Per jenis koperasi",
                    "sektor": "Per sektor", "survei": "Per survei", "layanan": "Per jenis layanan",
                    "unsur": "NRR per unsur", "komponen": "Per komponen"}


class IndikatorPanel(QWidget):
    """One indikator: its card beside a breakdown table with a chooser, and below a
    splitter the records it is computed from."""

    def __init__(self, indikator=None, push=None, parent=None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter)
        top = QSplitter(Qt.Horizontal)
        top.setChildrenCollapsible(False)
        self.card = IndicatorCard()
        top.addWidget(self.card)
        breakdown = QWidget()
        lay = QVBoxLayout(breakdown)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("Rincian:"))
        self.chooser = QComboBox()
        self.chooser.currentIndexChanged.connect(self._show_breakdown)
        row.addWidget(self.chooser)
        row.addStretch(1)
        lay.addLayout(row)
        self.model = BreakdownModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        column_fit.fit(self.table, stretch=0)
        self.table.setMinimumHeight(4 * self.table.verticalHeader().defaultSectionSize())
        lay.addWidget(self.table, 1)
        top.addWidget(breakdown)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 1)
        self.splitter.addWidget(top)
        self._report: IndikatorReport | None = None
        self.records: list[RecordsPanel] = []
        if indikator is not None and push is not None:
            tabs = QTabWidget()
            for label, panel in records_for(indikator, push):
                tabs.addTab(panel, label)
                self.records.append(panel)
            bottom = QWidget()
            data = QVBoxLayout(bottom)
            data.setContentsMargins(0, 4, 0, 0)
            data.addWidget(QLabel("<b>Data yang menjadi dasar perhitungan</b>"))
            data.addWidget(tabs, 1)
            self.splitter.addWidget(bottom)
            self.splitter.setStretchFactor(0, 1)
            self.splitter.setStretchFactor(1, 3)
        self._user_sized = False
        self.splitter.splitterMoved.connect(self._moved)
        self._sizing = QTimer(self, singleShot=True, interval=0)
        self._sizing.timeout.connect(self._give_records_the_room)
        for watched in (self, self.card, breakdown):
            watched.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.LayoutRequest, QEvent.Resize) and not self._user_sized:
            self._sizing.start()
        return False

    def _give_records_the_room(self) -> None:
        """Until the user moves the splitter, the card and breakdown take only what they
        need (their wrapped labels' preferred sizes would take more), the records the
        rest."""
        if self.splitter.count() < 2 or self._user_sized:
            return
        top = self.splitter.widget(0).minimumSizeHint().height()
        self.splitter.setSizes([top, max(self.splitter.height() - top, 1)])

    page_height = 0  # the visible height of the sasaran's page (SasaranTab sets it)

    def minimumSizeHint(self) -> QSize:
        """A page of the visible height, or what its content needs when that is more (the
        page then scrolls rather than squeezing the card over its chart)."""
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.page_height))

    def _moved(self, *_) -> None:
        self._user_sized = True

    def show_report(self, rep: IndikatorReport) -> None:
        self._report = rep
        self.card.show_report(rep)
        current = self.chooser.currentData()
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for name in rep.result.breakdowns:
            self.chooser.addItem(BREAKDOWN_LABELS.get(name, name), name)
        idx = self.chooser.findData(current)
        self.chooser.setCurrentIndex(max(idx, 0))
        self.chooser.blockSignals(False)
        has = bool(rep.result.breakdowns)
        self.chooser.setEnabled(has)
        self.table.setVisible(has)
        self._show_breakdown()

    def _show_breakdown(self) -> None:
        if self._report is None:
            return
        name = self.chooser.currentData()
        rows = self._report.result.breakdowns.get(name, ())
        self.model.set_rows(rows, self._report.indikator.satuan)


class SasaranTab(QWidget):
    """``on_built(tab)`` is called once the body is built (the window gives its panels the
    year shown)."""

    def __init__(self, sasaran: Sasaran, push=None, parent=None, on_built=None) -> None:
        super().__init__(parent)
        self.sasaran = sasaran
        self._push, self._on_built = push, on_built
        self._reports: list[IndikatorReport] | None = None
        self._panels: dict[int, IndikatorPanel] | None = None
        outer = QVBoxLayout(self)
        title = WrappedLabel(f"Sasaran Strategis {sasaran.nomor}: {sasaran.teks}")
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #1f3b57;")
        outer.addWidget(title)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.viewport().installEventFilter(self)
        outer.addWidget(scroll)

    @property
    def built(self) -> bool:
        return self._panels is not None

    @property
    def panels(self) -> dict[int, IndikatorPanel]:
        """The indikator's panels by number (the body built when first asked for)."""
        if self._panels is None:
            self._build()
        return self._panels

    def _build(self) -> None:
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._panels = {}
        for ind in self.sasaran.indikator:
            panel = IndikatorPanel(ind, self._push)
            self._panels[ind.nomor] = panel
            self._layout.addWidget(panel)
        self.scroll.setWidget(body)
        self._size_pages(self.scroll.viewport().height())
        if self._reports is not None:
            self.show_reports(self._reports)
        if self._on_built is not None:
            self._on_built(self)

    def showEvent(self, event) -> None:
        if self._panels is None:
            self._build()
        super().showEvent(event)

    def eventFilter(self, obj, event) -> bool:
        # each indikator a page of the visible height: its splitter shares that height,
        # and a second indikator is a scroll away
        if event.type() == QEvent.Resize and obj is self.scroll.viewport():
            self._size_pages(event.size().height())
        return False

    def _size_pages(self, height: int) -> None:
        if not self._panels:
            return
        spacing = self._layout.spacing() if len(self._panels) > 1 else 0
        for panel in self._panels.values():
            panel.page_height = max(height - spacing, 0)
            panel.updateGeometry()

    def show_reports(self, reports: list[IndikatorReport]) -> None:
        self._reports = reports  # shown when the body is built, if it is not yet
        for rep in reports:
            panel = (self._panels or {}).get(rep.indikator.nomor)
            if panel is not None:
                panel.show_report(rep)

    def record_panels(self) -> list[RecordsPanel]:
        """The register panels of its indikator (the body built when first asked for)."""
        return [r for p in self.panels.values() for r in p.records]

    def built_record_panels(self) -> list[RecordsPanel]:
        """The register panels built so far (none before the body is built)."""
        return self.record_panels() if self.built else []
