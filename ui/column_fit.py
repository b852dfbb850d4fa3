"""Table columns sized to what they hold, on any screen: each column as wide as its header
and its first rows need, a long text capped and elided (…) on one line, a column empty in
those rows kept narrow, and the room left given back up to what each wants. A header or
cell whose text does not fit shows its full text as the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QToolTip

SAMPLE_ROWS = 50  # rows measured (a lazy register loads one block for them)
CAP = 280  # widest a column starts, in pixels, before the room left is shared out
HEADER_CAP = 100  # a header longer than this and its content starts elided
EMPTY = 72  # a column empty in the measured rows (its header elided, full in the tooltip)
CELL_PAD, HEADER_PAD = 14, 24  # margins (and a header's sort mark)
STRETCH_FLOOR = 140  # the stretched column gives up room, down to this, so that all fits


def _text(model, row: int, col: int) -> str:
    value = model.data(model.index(row, col), Qt.DisplayRole)
    return "" if value is None else str(value)


def _header(model, col: int) -> str:
    value = model.headerData(col, Qt.Horizontal, Qt.DisplayRole)
    return "" if value is None else str(value)


def widths(view, room: int, stretch: int | None = None) -> dict[int, int]:
    """The width of each visible column of ``view`` for ``room`` pixels; what is left once
    every column has its full width goes to column ``stretch`` (None: stays empty)."""
    model = view.model()
    header = view.horizontalHeader()
    cells, heads = view.fontMetrics(), header_metrics(header)
    rows = min(model.rowCount(), SAMPLE_ROWS)
    start, full, filled = {}, {}, {}
    for col in range(model.columnCount()):
        if view.isColumnHidden(col):
            continue
        head = heads.horizontalAdvance(_header(model, col)) + HEADER_PAD
        content = max((cells.horizontalAdvance(t) for t in
                       (_text(model, r, col) for r in range(rows)) if t), default=0)
        filled[col] = content > 0
        content += CELL_PAD if content else 0
        full[col] = max(head, content)
        start[col] = (min(max(content, min(head, HEADER_CAP)), CAP) if filled[col]
                      else min(head, EMPTY))
    left = room - sum(start.values())
    # the room left: first to the columns with content, then to the empty ones' headers
    for wanted in ([c for c in start if filled[c]], [c for c in start if not filled[c]]):
        while left > 0:
            short = [c for c in wanted if start[c] < full[c]]
            if not short:
                break
            share = max(left // len(short), 1)
            for c in short:
                more = min(share, full[c] - start[c], left)
                start[c] += more
                left -= more
    if stretch in start:  # it takes what is left, or gives up room when all then fits
        floor = min(start[stretch], STRETCH_FLOOR)
        if left > 0 or start[stretch] + left >= floor:
            start[stretch] += left
    return start


def header_metrics(header) -> QFontMetrics:
    """The header's font as measured: bold, as Qt draws a section whose column holds the
    selection."""
    font = header.font()
    font.setBold(True)
    return QFontMetrics(font)


def elided(text: str, metrics, width: int) -> bool:
    return bool(text) and metrics.horizontalAdvance(text) > width


class _Fitter(QObject):
    def __init__(self, view: QAbstractItemView, stretch: int | None) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        self._model = None
        self._room = -1
        view.viewport().installEventFilter(self)
        view.horizontalHeader().viewport().installEventFilter(self)

    def watch(self) -> None:
        """Refit whenever the view's model resets, its first rows come or its headers
        change (not when a listed register's rows change in place: a new order or filter
        keeps the widths the user sees, and 200.000 rows are not measured again)."""
        model = self.view.model()
        if model is None or model is self._model:
            return
        self._model = model
        for signal in (model.modelReset, model.layoutChanged, model.headerDataChanged):
            signal.connect(self._timer.start)
        model.rowsInserted.connect(self._rows_inserted)
        self._timer.start()

    def _rows_inserted(self, _parent, first: int, _last: int) -> None:
        if first == 0:  # the first rows: the columns have had nothing to fit to
            self._timer.start()

    def fit(self) -> None:
        view = self.view
        if view.model() is None:
            return
        self._room = view.viewport().width()
        header = view.horizontalHeader()
        for col, width in widths(view, self._room, self.stretch).items():
            header.resizeSection(col, width)

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == QEvent.Resize and obj is self.view.viewport():
            if event.size().width() != self._room:
                self._timer.start()
        elif kind == QEvent.ToolTip:
            tip = self.tip_at(obj, event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, obj)
                return True
        return False

    def tip_at(self, viewport, pos) -> str | None:
        """The full text under ``pos`` when it is elided there and the model gives no
        tooltip of its own (None: Qt's own handling)."""
        view, model = self.view, self.view.model()
        if model is None:
            return None
        header = view.horizontalHeader()
        if viewport is header.viewport():
            col = header.logicalIndexAt(pos)
            if col < 0 or model.headerData(col, Qt.Horizontal, Qt.ToolTipRole):
                return None
            text = _header(model, col)
            return text if elided(text, header_metrics(header),
                                  header.sectionSize(col) - HEADER_PAD + 8) else None
        index = view.indexAt(pos)
        if not index.isValid() or model.data(index, Qt.ToolTipRole):
            return None
        text = _text(model, index.row(), index.column())
        return text if elided(text, view.fontMetrics(),
                              view.visualRect(index).width() - CELL_PAD + 4) else None


def fit(view: QAbstractItemView, stretch: int | None = None) -> QAbstractItemView:
    """Size ``view``'s columns to their content (again after each reset and resize): one
    line per row, long text elided with its full text in the tooltip, headers too; the
    width left over goes to column ``stretch``. Call after ``setModel``; returns ``view``."""
    view.setWordWrap(False)
    view.setTextElideMode(Qt.ElideRight)
    header = view.horizontalHeader()
    header.setTextElideMode(Qt.ElideRight)
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(36)
    header.setSectionResizeMode(QHeaderView.Interactive)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    fitter = getattr(view, "_column_fitter", None)
    if fitter is None:
        fitter = view._column_fitter = _Fitter(view, stretch)
    fitter.watch()
    return view
