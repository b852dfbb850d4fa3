"""The window's tabs: Ringkasan, Target, a tab per sasaran strategis, Dokumen IKU (or,
without a document in force, what to do instead); the year's reports shown on them.

Only what the first paint shows is built with the window: a sasaran tab builds its body
when first shown (``SasaranTab``), the Dokumen IKU editor is built — and its module
imported — when its tab is first shown or the editor is first asked for (``document``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

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
    window._document_placeholder = None
    tabs.clear()
    window.summary = SummaryTab()
    tabs.addTab(window.summary, "Ringkasan")
    window.sasaran_tabs, window.target_tab = [], None
    if not getattr(window, "_document_watch", False):
        tabs.currentChanged.connect(lambda index: _shown(window, index))
        window._document_watch = True
    if window.doc is None:  # no document in force: say so where its tabs would be
        window._document = QLabel(NO_DOCUMENT)
        window._document.setAlignment(Qt.AlignCenter)
        window._document.setWordWrap(True)
        tabs.addTab(window._document, "Dokumen IKU")
        tabs.setCurrentWidget(window._document)
        return
    window.target_tab = TargetTab(window.push_change)
    tabs.addTab(window.target_tab, "Target")
    for s in window.doc.sasaran:
        tab = SasaranTab(s, window.push_change, on_built=lambda t: tab_built(window, t))
        window.sasaran_tabs.append(tab)
        tabs.addTab(tab, f"Sasaran {s.nomor}")
        tabs.setTabToolTip(tabs.count() - 1, s.teks)
    window._document = None  # the editor, once built
    window._document_placeholder = QWidget()  # in its place until then
    tabs.addTab(window._document_placeholder, "Dokumen IKU")


def document(window):
    """Dokumen IKU's tab: the editor (built now if it is not yet) or, without a document
    in force, what to do instead."""
    if window._document is None:
        from .document_editor import DocumentEditor

        tabs, placeholder = window.tabs, window._document_placeholder
        index, current = tabs.indexOf(placeholder), tabs.currentIndex()
        editor = DocumentEditor(window.push_change)
        editor.load(window.doc)
        window._document, window._document_placeholder = editor, None
        tabs.insertTab(index, editor, "Dokumen IKU")
        tabs.removeTab(index + 1)
        placeholder.deleteLater()
        tabs.setCurrentIndex(current)
    return window._document


def _shown(window, index: int) -> None:
    placeholder = getattr(window, "_document_placeholder", None)
    if placeholder is not None and window.tabs.widget(index) is placeholder:
        document(window)


def document_changed(window) -> None:
    """The document or the office's settings changed: the editor, if built, shows them
    (built later, it loads them then)."""
    if window._document is not None and window.doc is not None:
        window._document.load(window.doc)


def rebuild_keeping_place(window) -> None:
    """Rebuild after the document's shape changed, staying on the same tab and year."""
    tabs = window.tabs
    index = tabs.currentIndex()
    on_document = index == tabs.count() - 1
    year = window.year
    build(window)
    window.year_switch.fill(window.years(), year)
    tabs.setCurrentIndex(tabs.count() - 1 if on_document else min(index, tabs.count() - 1))
    window.refresh()


def show_reports(window) -> None:
    """The year's reports on Ringkasan (with the trends) and on each sasaran's tab."""
    window.summary.show_reports(window.shown_year, window.reports, window.trend)
    for tab in window.sasaran_tabs:
        tab.show_reports([r for r in window.reports if r.sasaran_nomor == tab.sasaran.nomor])


def record_panels(window) -> list:
    """Every register panel of the window (the sasaran tabs' bodies built)."""
    return [p for tab in window.sasaran_tabs for p in tab.record_panels()] + \
        ([window.target_tab] if window.target_tab else [])


def built_record_panels(window) -> list:
    """The register panels built so far: a sasaran tab not yet shown has none (its panels
    take the year and the data as they are when it is built)."""
    return [p for tab in window.sasaran_tabs for p in tab.built_record_panels()] + \
        ([window.target_tab] if window.target_tab else [])


def tab_built(window, tab) -> None:
    """A sasaran tab's body was built: its panels show the year shown."""
    if window.year is not None:
        for panel in tab.built_record_panels():
            panel.set_year(window.year)
