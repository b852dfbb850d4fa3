"""The figures the window shows: the reports of the year shown (``compute_year``, a locked
year's frozen figures) and the trends over the period.

- Another year (the year box): computed off the GUI thread; meanwhile the year before stays
  on screen under a busy mark beside the year box ("Menghitung 2023…").
- A newer request supersedes an older one (``latest``: a result of a superseded request
  is dropped when it arrives); a superseded request stops
  computing at the next indikator (key repeat on the year box: only the first and the last
  year are computed in full) and skips the trends (``SUPERSEDED``).
- An edit made while a computation runs starts it again from the data as written (the
  running one read the data before the edit: its result is dropped).
- The window opening, another database or office, a reshaped document (``refresh``): the
  year's reports at once (≈ 15 ms at ten times Jambi's size: the first paint shows them),
  the trends after, in the background — when the window opens, once it has been painted
  (a worker started before would share the interpreter with the first paint).
"""

from __future__ import annotations

from iku_desktop.services import frozen_year, indicators

from . import summary_wiring, tasks, window_tabs
from .latest import SUPERSEDED, Latest, Ticket


def reports_of(doc, year: int, superseded=lambda: False):
    """The year's reports as the window shows them (a locked year's as locked), in
    document order (as ``compute_year``); ``SUPERSEDED`` as soon as ``superseded()`` says
    so between two indikator (a newer request came: the rest is not computed)."""
    reports = []
    for s in doc.sasaran:
        for i in s.indikator:
            if superseded():
                return SUPERSEDED
            reports.append(indicators.compute_indikator(i, year, s.nomor))
    return frozen_year.as_shown(reports, year)


class YearFigures:
    def __init__(self, window) -> None:
        self.window = window
        self.years = Latest()  # the requests of the year's reports
        self.trends = Latest()  # of the trends
        self.computing: int | None = None  # the year whose reports are being computed
        self.trend_stale = True  # the trends are being computed (again)
        self.shown_year: int | None = None  # the year of ``window.reports``
        self.painted = False  # the trends wait for the window's first paint

    def refresh(self) -> None:
        """Everything again: the year's reports now, the trends in the background."""
        w = self.window
        self._show(self.years.new(), None, w.year, reports_of(w.doc, w.year), None)
        self.trend_stale = True
        if self.painted:  # else once the window has been painted (``first_paint``)
            self.compute_trends()

    def first_paint(self) -> None:
        """The window has been painted for the first time: the trends it waited for."""
        if not self.painted:
            self.painted = True
            if self.trend_stale and self.computing is None and self.window.db is not None:
                self.compute_trends()

    def compute(self) -> None:
        """The year shown in the year box, in the background (with the trends when they
        are stale); the figures shown stay until then, under the busy mark."""
        w = self.window
        ticket, doc, year = self.years.new(), w.doc, w.year
        trend_ticket = self._new_trend_ticket() if self.trend_stale else None
        self.computing = year
        w.year_switch.show_busy(year)

        def work():
            reports = reports_of(doc, year, ticket.superseded)
            if ticket.dropped(reports):
                return SUPERSEDED
            trend = summary_wiring.trends(doc) if trend_ticket is not None else None
            return reports, trend

        def done(result) -> None:
            if result is not SUPERSEDED:
                self._show(ticket, trend_ticket, year, *result)

        tasks.run(work, done, self._failed(ticket, year))

    def compute_trends(self) -> None:
        """The trends over the period, in the background; a trends computation still
        running is superseded (it may have read the data before an edit). Without a
        document in force there are none."""
        ticket, doc = self._new_trend_ticket(), self.window.doc
        if doc is None:
            self.window.trend, self.trend_stale = {}, False
            return
        tasks.run(lambda: summary_wiring.trends(doc),
                  lambda trend: self._show_trend(ticket, trend), self._failed(None))

    def data_changed(self, recompute_affected) -> None:
        """After a write: while the year's reports are being computed (from the data
        before it) they are computed again; otherwise ``recompute_affected()`` updates
        what the write touched now, and trends still being computed are computed again."""
        if self.computing is not None:
            self.compute()
            return
        recompute_affected()
        if self.trend_stale:
            self.compute_trends()

    # ------------------------------------------------------------------ results
    def _new_trend_ticket(self) -> Ticket:
        self.trend_stale = True
        return self.trends.new()

    def _show(self, ticket: Ticket, trend_ticket: Ticket | None, year: int, reports: list,
              trend: dict | None) -> None:
        if ticket.superseded() or self.window.db is None:
            return  # superseded: a newer year, an edit, another database
        w = self.window
        w.reports, self.shown_year, self.computing = reports, year, None
        if trend is not None and not trend_ticket.superseded():
            w.trend, self.trend_stale = trend, False
        w.year_switch.show_busy(None)
        window_tabs.show_reports(w)

    def _show_trend(self, ticket: Ticket, trend: dict) -> None:
        if ticket.superseded() or self.window.db is None:
            return
        w = self.window
        w.trend, self.trend_stale = trend, False
        w.summary.show_reports(self.shown_year, w.reports, w.trend)

    def _failed(self, ticket: Ticket | None, year: int | None = None):
        """A failed computation said in the status bar (the figures shown stay). A year's
        failed: the year box goes back to the year shown (a later edit then recomputes
        that year's figures, not the failed year's), the message stays until another."""
        def failed(exc: Exception) -> None:
            w = self.window
            if w.db is None or (ticket is not None and ticket.superseded()):
                return
            if ticket is None:
                w.statusBar().showMessage(f"Angka gagal dihitung: {exc}", 10000)
                return
            self.computing = None
            w.year_switch.show_busy(None)
            if self.shown_year is not None and self.shown_year != w.year:
                w.year_back(self.shown_year)
            w.statusBar().showMessage(f"Angka tahun {year} gagal dihitung: {exc}")
        return failed
