"""A register's ids loaded off the GUI thread (search, filter, sort, year): the query runs in
a worker (``tasks.run``, its own database connection) while the previous rows stay shown
with a busy mark — the count line says "memuat…", the rows are grayed and the pointer is
busy. A newer request supersedes an older one: each request has a generation, and a late
result of an older one is dropped. The ids are then set keeping the current row (by its
id) where it is still listed; identical ids leave the view untouched."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QPalette

from . import tasks
from .lazy_model import BLOCK

BUSY = "memuat…"
GRAY = QColor("#9a9a9a")


class BackgroundLoad(QObject):
    def __init__(self, view, count=None, message=None, parent=None) -> None:
        """``view``: the register's table view (grayed while loading), or None; ``count``:
        the label that gets the busy mark; ``message``: where a failed load's error is
        shown."""
        super().__init__(parent if parent is not None else view)
        self.view, self.count, self.message = view, count, message
        self.generation = 0
        self.busy = False
        self._palette: QPalette | None = None

    def load(self, query: Callable[[], Any], show: Callable[[Any], None]) -> None:
        """Run ``query()`` in a worker; ``show(result)`` on the GUI thread when it is still
        the newest request."""
        self.generation += 1
        generation = self.generation
        self._mark(True)

        def done(result) -> None:
            if generation != self.generation:
                return  # superseded by a newer request: dropped
            self._mark(False)
            show(result)

        def failed(exc: Exception) -> None:
            if generation != self.generation:
                return
            self._mark(False)
            if self.message is not None:
                self.message.setText(f"Gagal memuat register: {exc}")

        tasks.run(query, done, failed)

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
    current = view.currentIndex()
    current_id = model.id_at(current.row()) if current.isValid() else None
    model.set_ids(ids, rows)
    if put_current(view, model, current_id, current.column()) < 0 and current.isValid() \
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
