"""What the window shows after a write: from the ``OpChanges`` it returned, recompute only
the indikator whose method reads what changed and reload only the panels that show it."""

from __future__ import annotations

from iku_desktop.services import frozen_year, session
from iku_desktop.services.changes import OpChanges
from iku_desktop.services.indicators import affected_methods, compute_indikator

from . import summary_wiring, window_tabs


def shape(doc):
    """What the tabs are built from: sasaran, their indikator and methods, the period."""
    if doc is None:
        return None
    return (tuple(doc.tahun), tuple(
        (s.id, s.nomor, s.teks, tuple((i.id, i.metode, i.judul) for i in s.indikator))
        for s in doc.sasaran))


def data_changed(window, changes: OpChanges) -> None:
    tables = changes.tables
    if changes.database:
        window.refresh()
        return
    if changes.document or changes.touches({"target", "realisasi_manual"}):
        old_shape = shape(window.doc)
        window.doc = session.active_document()  # targets live in the document
        if shape(window.doc) != old_shape:
            window_tabs.rebuild_keeping_place(window)
            return
        if window.doc is not None and changes.document:
            window_tabs.document_changed(window)
            window.setWindowTitle(f"IKU Desktop — {window.doc.unit_organisasi} — "
                                  f"{window.db_path.name}")
    if window.doc is None:  # nothing is shown that the change could touch
        return
    if changes.settings:
        window_tabs.document_changed(window)
    # figures being computed from the data before this write are computed again
    window.figures.data_changed(lambda: _recompute_affected(window, changes))
    for panel in window_tabs.built_record_panels(window):
        if changes.touches(panel.TABLES):
            panel.refresh(changes)


def _recompute_affected(window, changes: OpChanges) -> None:
    """The reports shown, of the year shown (``figures.shown_year``: the year box's but
    while another year's figures are computed or after they failed)."""
    tables = changes.tables
    year = window.figures.shown_year
    if year is None:
        year = window.year
    methods = affected_methods(tables) if changes.touches_year(year) else set()
    by_number = {i.nomor: i for i in window.doc.semua_indikator}
    window.reports = [
        compute_indikator(by_number[r.indikator.nomor], year, r.sasaran_nomor)
        if r.indikator.metode in methods else r
        for r in window.reports
    ]
    window.reports = frozen_year.as_shown(window.reports, year)
    for rep in window.reports:
        if rep.indikator.metode in affected_methods(tables):
            summary_wiring.update_trend(window, rep.indikator)
    window_tabs.show_reports(window)
