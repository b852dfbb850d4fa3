"""Ringkasan's trend charts: the realisasi of every year of the period per indikator, and
its update off the GUI thread after an edit."""

from __future__ import annotations

from iku_desktop.services import frozen_year

from . import tasks


def trend_of(doc, indikator) -> dict:
    """Realisasi of each year of the period (None: not computable); a locked year's as
    locked."""
    return frozen_year.trend(indikator, doc.tahun)


def trends(doc) -> dict[int, dict]:
    """Realisasi of every year of the period, per indikator number."""
    return {i.nomor: trend_of(doc, i) for i in doc.semua_indikator}


def update_trend(window, indikator) -> None:
    """The trend spans every year of the period: computed off the GUI thread, shown when
    ready (the card of the year is already up to date)."""
    doc = window.doc

    def shown(values: dict) -> None:
        if window.db is None:  # the window closed meanwhile
            return
        window.trend[indikator.nomor] = values
        window.summary.show_reports(window.shown_year, window.reports, window.trend)

    tasks.run(lambda: trend_of(doc, indikator), shown,
              lambda exc: window.statusBar().showMessage(f"Tren gagal dihitung: {exc}", 5000))
