"""A register's ids loaded off the GUI thread (search, filter, sort, year): the query runs in
a worker (``tasks.run``, its own database connection) while the previous rows stay shown
with a busy mark — the count line says "memuat…", the rows are grayed and the pointer is
busy. A newer request supersedes an older one (``latest``: a late result of an older one is
dropped). One query of a register runs at a time: a request made
while one runs waits, and a newer request replaces the waiting one, so that of quick
clicks only the running query and the last one are made (a superseded query never starts;
a worker that finds its request superseded returns at once). A failed load says so in the
register's message line, in Indonesian, until a later load succeeds. The ids are then set
keeping the current row (by its id) where it is still listed; identical ids leave the view
untouched."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QPalette

from iku_desktop.errors import Refused

from . import tasks
from .latest import SUPERSEDED, Latest, Ticket
from .lazy_model import BLOCK

BUSY = "memuat…"
GRAY = QColor("#9a9a9a")


def failure_text(exc: Exception) -> str:
    """The message of a failed load, in Indonesian (the database's own words in brackets)."""
    if isinstance(exc, Refused):
        return f"Gagal memuat register: {exc}"
    raw = str(exc)
    if "locked" in raw or "busy" in raw:
        return ("Gagal memuat register: basis data sedang dipakai program lain; "
                "coba lagi sebentar lagi.")
    return f"Gagal memuat register (galat basis data: {raw})."


class BackgroundLoad(QObject):
    def __init__(self, view, count=None, message=None, parent=None) -> None:
        """``view``: the register's table view (grayed while loading), or None; ``count``:
        the label that gets the busy mark; ``message``: where a failed load's error is
        shown."""
        super().__init__(parent if parent is not None else view)
        self.view, self.count, self.message = view, count, message
        self.requests = Latest()
        self.busy = False
        self._palette: QPalette | None = None
        self._running = False  # a query is out in a worker
        self._waiting: tuple | None = None  # the newest request made while one runs
        self._failure: str | None = None  # the failure message this loader showed

    def load(self, query: Callable[[], Any], show: Callable[[Any], None]) -> None:
        """Run ``query()`` in a worker; ``show(result)`` on the GUI thread when it is still
        the newest request. While a query runs, the request waits (replacing an older
        waiting one) and starts when the running one ends."""
        ticket = self.requests.new()
        self._mark(True)
        if self._running:
            self._waiting = (ticket, query, show)
        else:
            self._start(ticket, query, show)

    def supersede(self) -> None:
        """Drop the pending request (its late result is not shown) and the busy mark."""
        self.requests.supersede()
        self._waiting = None
        self._mark(False)

    def _start(self, ticket: Ticket, query, show) -> None:
        self._running = True

        def work():
            if ticket.superseded():
                return SUPERSEDED  # superseded before the worker got to it
            return query()

        def finished() -> None:
            self._running = False
            waiting, self._waiting = self._waiting, None
            if waiting is not None:
                self._start(*waiting)

        def done(result) -> None:
            finished()
            if ticket.dropped(result):
                return  # superseded by a newer request: dropped
            self._mark(False)
            self._clear_failure()
            show(result)

        def failed(exc: Exception) -> None:
            finished()
            if ticket.superseded():
                return
            self._mark(False)
            if self.message is not None:
                self._failure = failure_text(exc)
                self.message.setText(self._failure)

        tasks.run(work, done, failed)

    def _clear_failure(self) -> None:
        """A successful load takes away the failure message it showed (not another one)."""
        if self._failure is not None and self.message is not None \
                and self.message.text() == self._failure:
            self.message.clear()
        self._failure = None

    def _mark(self, busy: bool) -> None:
        if busy == self.busy:
            return
        self.busy = busy
        if self.view is not None:
            self._gray(busy)
        if self.count is not None:
            text = self.count.text()
            if busy:
                self.count.setText(f"{text} — {BUSY}" if text else BUSY.capitalize())
            else:
                for suffix in (f" — {BUSY}", BUSY.capitalize()):
                    if text.endswith(suffix):
                        self.count.setText(text[:-len(suffix)])
                        break

    def _gray(self, busy: bool) -> None:
        viewport = self.view.viewport()
        if busy:
            self._palette = QPalette(self.view.palette())
            gray = QPalette(self._palette)
            gray.setColor(QPalette.Text, GRAY)
            self.view.setPalette(gray)
            viewport.setCursor(Qt.BusyCursor)
        else:
            if self._palette is not None:
                self.view.setPalette(self._palette)
            viewport.unsetCursor()


def current_id(view, model) -> int | None:
    current = view.currentIndex()
    return model.id_at(current.row()) if current.isValid() else None


def with_rows(query_ids: Callable[[], list[int]], load_rows, keep: int | None):
    """A query for the worker: the ids, and the display rows of the blocks shown first (the
    top, the block where row ``keep`` lands), so that the GUI thread paints without
    querying."""
    def run():
        ids = query_ids()
        starts = {0}
        if keep is not None:
            try:
                starts.add(ids.index(keep) // BLOCK * BLOCK)
            except ValueError:
                pass
        rows = {}
        for start in starts:
            if start < len(ids):
                rows.update(load_rows(ids[start:start + BLOCK]))
        return ids, rows
    return run


def set_ids_keeping_current(view, model, ids: list[int], rows=None) -> bool:
    """Give ``model`` the new ``ids`` (with ``rows`` already loaded), the current row kept
    on its id where it is still listed (the column too), else at its place; returns False
    when the ids are the same (then only the rows are refreshed)."""
    if ids == model.ids():
        model.refresh_rows(rows)
        return False
    current, kept = view.currentIndex(), current_id(view, model)
    model.set_ids(ids, rows)
    if put_current(view, model, kept, current.column()) < 0 and current.isValid() \
            and ids:  # its row is gone (deleted): the cursor stays where it was
        view.setCurrentIndex(model.index(min(current.row(), len(ids) - 1), current.column()))
    return True


def put_current(view, model, row_id: int | None, column: int = 0) -> int:
    """The current (and selected) row back on ``row_id`` where it is listed; none when it
    is not. Returns its row, -1 when none."""
    row = model.row_of(row_id) if row_id is not None else -1
    selection = view.selectionModel()
    if row >= 0:
        index = model.index(row, max(column, 0))
        if view.currentIndex() != index:
            view.setCurrentIndex(index)
        if view.selectionBehavior() == view.SelectionBehavior.SelectRows:
            view.selectRow(row)
    elif view.currentIndex().isValid():
        selection.clear()  # current and selection: the row is no longer listed
    return row
