"""The window's tabs: Ringkasan, Target, a tab per sasaran strategis, Dokumen IKU (or,
without a document in force, what to do instead); the year's reports shown on them.

Only what the first paint shows is built with the window: a sasaran tab builds its body
when first shown (``SasaranTab``); the Target tab and the Dokumen IKU editor are built —
and their modules imported — when their tab is first shown or they are first asked for
(``page``)."""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from . import tasks
from .sasaran_tab import SasaranTab
from .summary_tab import SummaryTab

NO_DOCUMENT = ("Belum ada Dokumen IKU yang berlaku di basis data ini; terima paket dari kantor "
               "provinsi (Kantor › Terima paket).")


def build(window) -> None:
    """(Re)build the tabs of ``window.doc`` into ``window.tabs``; sets ``window.summary``
    and ``window.sasaran_tabs``; the Target tab and the document editor are built when
    first shown or asked for (``window.target_tab``, ``window.document``: ``page``)."""
    tabs = window.tabs
    retire(window)
    if not getattr(window, "_pages_watched", False):
        tabs.currentChanged.connect(lambda index: _shown(window, index))
        window._pages_watched = True
    window.summary = SummaryTab()
    tabs.addTab(window.summary, "Ringkasan")
    window.sasaran_tabs = []
    if window.doc is None:  # no document in force: say so where its tabs would be
        label = centered_note(NO_DOCUMENT)
        window._pages = {"target": None, "document": label}
        tabs.addTab(label, "Dokumen IKU")
        tabs.setCurrentWidget(label)
        return
    _later(window, "target", "Target", lambda: _target_tab(window))
    for s in window.doc.sasaran:
        tab = SasaranTab(s, window.push_change, on_built=lambda t: tab_built(window, t))
        window.sasaran_tabs.append(tab)
        tabs.addTab(tab, f"Sasaran {s.nomor}")
        tabs.setTabToolTip(tabs.count() - 1, s.teks)
    _later(window, "document", "Dokumen IKU", lambda: _document_editor(window))


def retire(window) -> None:
    """Remove every tab of ``window`` (those of a database closed, "Membuka …")."""
    tabs = window.tabs
    # an edit in a tab may rebuild the tabs from inside that tab's own slot: retire the
    # old widgets with deleteLater (kept referenced until then), never delete them now
    window._retired = [tabs.widget(i) for i in range(tabs.count())]
    for w in window._retired:
        w.deleteLater()
    window._pages = {}  # name → the built page, or (placeholder, how to build it)
    window.sasaran_tabs = []
    tabs.clear()


def centered_note(text: str) -> QLabel:
    """A note in the middle of a tab, where its content would be (wrapped)."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignCenter)
    label.setWordWrap(True)
    return label


def _later(window, name: str, label: str, make) -> None:
    """A tab whose page ``make()`` builds when it is first shown or asked for."""
    placeholder = QWidget()
    window._pages[name] = (placeholder, make)
    window.tabs.addTab(placeholder, label)


def page(window, name: str):
    """The page ``name`` ("target", "document"), built now if it is not yet; None: no such
    page (no document in force has no Target tab)."""
    entry = window._pages.get(name)
    if not isinstance(entry, tuple):
        return entry
    placeholder, make = entry
    tabs = window.tabs
    index = tabs.indexOf(placeholder)
    shown = tabs.currentIndex() == index
    built = window._pages[name] = make()
    label, tip = tabs.tabText(index), tabs.tabToolTip(index)
    tabs.insertTab(index, built, label)  # the tab shown stays shown: a neighbour of the
    tabs.setTabToolTip(index, tip)  # placeholder is never shown (nor built) on the way
    if shown:
        tabs.setCurrentIndex(index)
    tabs.removeTab(index + 1)
    placeholder.deleteLater()
    return built


def built_page(window, name: str):
    """The page ``name`` if it is built (None if not, or if there is none)."""
    entry = getattr(window, "_pages", {}).get(name)
    return None if isinstance(entry, tuple) else entry


def _shown(window, index: int) -> None:
    widget = window.tabs.widget(index)
    for name, entry in list(getattr(window, "_pages", {}).items()):
        if isinstance(entry, tuple) and entry[0] is widget:
            page(window, name)


# the modules of the tabs not shown yet, imported in the background once the window has
# been painted (``preload``): a tab's first show then only builds it
LATER_MODULES = ("ui.target_tab", "ui.year_values_panel", "ui.koperasi_panel",
                 "ui.usaha_panel", "ui.sakip_panel", "ui.ikm_panel", "ui.document_editor")


def preload() -> None:
    """Import ``LATER_MODULES`` off the GUI thread. A failure is not reported here: the
    same import runs again when its tab is first shown, and fails there, visibly."""
    def imports() -> None:
        for module in LATER_MODULES:
            importlib.import_module(module)

    tasks.run(imports, lambda _: None, lambda _: None)


def _target_tab(window):
    from .target_tab import TargetTab

    tab = TargetTab(window.push_change)
    if window.year is not None:
        tab.set_year(window.year)
    return tab


def _document_editor(window):
    from .document_editor import DocumentEditor

    editor = DocumentEditor(window.push_change)
    editor.load(window.doc)
    return editor


def document_changed(window) -> None:
    """The document or the office's settings changed: the editor, if built, shows them
    (built later, it loads them then)."""
    editor = built_page(window, "document")
    if editor is not None and window.doc is not None:
        editor.load(window.doc)


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
    """Every register panel of the window (the tabs not shown yet built)."""
    target = page(window, "target")
    return [p for tab in window.sasaran_tabs for p in tab.record_panels()] + \
        ([target] if target else [])


def built_record_panels(window) -> list:
    """The register panels built so far: a tab not yet shown has none (its panels take
    the year and the data as they are when it is built)."""
    target = built_page(window, "target")
    return [p for tab in window.sasaran_tabs for p in tab.built_record_panels()] + \
        ([target] if target else [])


def tab_built(window, tab) -> None:
    """A sasaran tab's body was built: its panels show the year shown."""
    if window.year is not None:
        for panel in tab.built_record_panels():
            panel.set_year(window.year)
