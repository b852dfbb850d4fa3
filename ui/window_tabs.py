"""The window's tabs: Ringkasan, Target, a tab per sasaran strategis, Dokumen IKU (or,
without a document in force, what to do instead); the year's reports shown on them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from .document_editor import DocumentEditor
from .sasaran_tab import SasaranTab
from .summary_tab import SummaryTab
from .target_tab import TargetTab

NO_DOCUMENT = ("Belum ada Dokumen IKU yang berlaku di basis data ini; terima paket dari kantor "
               "provinsi (Kantor › Terima paket).")


def build(window) -> None:
    """(Re)build the tabs of ``window.doc`` into ``window.tabs``; sets ``window.summary``,
    ``window.sasaran_tabs`` and ``window.document``."""
    tabs = window.tabs
    # an edit in a tab may rebuild the tabs from inside that tab's own slot: retire the
    # old widgets with deleteLater (kept referenced until then), never delete them now
    window._retired = [tabs.widget(i) for i in range(tabs.count())]
    for w in window._retired:
        w.deleteLater()
    tabs.clear()
    window.summary = SummaryTab()
    tabs.addTab(window.summary, "Ringkasan")
    window.sasaran_tabs, window.target_tab = [], None
    if window.doc is None:  # no document in force: say so where its tabs would be
        window.document = QLabel(NO_DOCUMENT)
        window.document.setAlignment(Qt.AlignCenter)
        window.document.setWordWrap(True)
        tabs.addTab(window.document, "Dokumen IKU")
        tabs.setCurrentWidget(window.document)
        return
    window.target_tab = TargetTab(window.push_change)
    tabs.addTab(window.target_tab, "Target")
    for s in window.doc.sasaran:
        tab = SasaranTab(s, window.push_change)
        window.sasaran_tabs.append(tab)
        tabs.addTab(tab, f"Sasaran {s.nomor}")
        tabs.setTabToolTip(tabs.count() - 1, s.teks)
    window.document = DocumentEditor(window.push_change)
    window.document.load(window.doc)
    tabs.addTab(window.document, "Dokumen IKU")


def rebuild_keeping_place(window) -> None:
    """Rebuild after the document's shape changed, staying on the same tab and year."""
    tabs = window.tabs
    index = tabs.currentIndex()
    on_document = tabs.currentWidget() is window.document
    year = window.year
    build(window)
    window.year_switch.fill(window.years(), year)
    tabs.setCurrentIndex(tabs.indexOf(window.document) if on_document
                         else min(index, tabs.count() - 1))
    window.refresh()


def show_reports(window) -> None:
    """The year's reports on Ringkasan (with the trends) and on each sasaran's tab."""
    window.summary.show_reports(window.shown_year, window.reports, window.trend)
    for tab in window.sasaran_tabs:
        tab.show_reports([r for r in window.reports if r.sasaran_nomor == tab.sasaran.nomor])


def record_panels(window) -> list:
    return [p for tab in window.sasaran_tabs for p in tab.record_panels()] + \
        ([window.target_tab] if window.target_tab else [])
