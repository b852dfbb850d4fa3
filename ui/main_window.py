"""The main window: the year switch, Ringkasan, Target, a tab per sasaran strategis, Dokumen IKU.

A thin composition: the menus (``window_menus``), the database and Excel actions
(``database_actions``, ``excel_actions``), the tabs (``window_tabs``), the year's
figures (``year_figures``, ``summary_wiring``) and what a write changed (``recompute``)
live in their own modules; the window holds the open database and the year's reports,
and is the door every edit goes through (``push_change``). What the first paint does not
need (dialogs, editors, the import and Excel code, the tabs not shown) loads when first
used."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QTabWidget

from iku_desktop.services import office, ownership, session
from iku_desktop.services.changes import OpChanges
from iku_desktop.services.database import interactive_writes
from iku_desktop.services.editing_errors import EditError

from . import (database_actions, opening, qt_indonesian, recompute, screen_fit, tasks,
               window_menus, window_tabs)
from .year_figures import YearFigures
from .year_switch import YearSwitch


class MainWindow(QMainWindow):
    # the window shows its database's figures (after its first paint and the open): once
    started = Signal()

    def __init__(self, db_path: Path, year: int | None = None,
                 open_after_paint: bool = False) -> None:
        """The window on the database at ``db_path``, showing ``year``. ``open_after_paint``
        (the program's start): the window is painted first — its menus, the year bar and
        "Membuka …" — and the database opened right after, so the window is on screen at
        once, whatever the file's size or the disk's speed."""
        super().__init__()
        qt_indonesian.install()  # Qt's own buttons and menus in Indonesian
        self.settings = QSettings()
        self.session = None  # the open database (services.session)
        self.db = None
        self.db_path = db_path
        self.read_only: str | None = None  # why, when the database is open read-only
        self.office = None
        self.doc = None
        self._pages = {}  # the tabs built when first shown (``window_tabs.page``)
        self._painted = False
        self._started = False  # the work after the first figures done (``started``)
        self.reports = []
        self.trend: dict[int, dict] = {}  # per indikator number: realisasi per year
        self.undo_stack = QUndoStack(self)
        interactive_writes()  # an edit waits briefly for another writer, then says so
        screen_fit.open_at_screen(self)
        window_menus.build(self)
        self.figures = YearFigures(self)
        self.year_switch = YearSwitch(self.year_changed)
        self.year_box = self.year_switch.box
        self.addToolBar(self.year_switch)
        self.tabs = QTabWidget()
        self.setCentralWidget(self.tabs)
        self._open_after_paint = None
        if open_after_paint:
            self._open_after_paint = (db_path, year)
            opening.show_opening(self, db_path)
            window_menus.enable_for_database(self)  # none open yet: disabled
            # a window started minimized is not painted: opened all the same, a moment later
            QTimer.singleShot(500, self, self._open_unpainted)
        else:
            self.open_database(db_path, year)

    # ------------------------------------------------------------------ the database
    def open_database(self, path: Path, year: int | None = None) -> None:
        path = Path(path)
        was_open = self.session is not None
        if was_open:
            opening.stop_daily_check(self)  # whatever asked for the switch (demo, a test)
            tasks.wait()
            self.session.close(keep_lock=path.resolve() == self.db_path.resolve())
            self.session = self.db = None
        opened = opening.open_for_window(self, path)
        if opened is None:
            if was_open and self.db_path != path:
                self.open_database(self.db_path, year)  # back to the one that was open
                return
            # none open (not the start file the window never opened either): said; the
            # edits of a database closed are not undone on it
            self.doc = None
            self.undo_stack.clear()
            opening.show_not_opened(self, path)
            window_menus.enable_for_database(self)
            return
        self.session = opened
        self.db, self.db_path, self.read_only = opened.db, path, opened.read_only
        self.office = office.load()
        self.undo_stack.clear()
        database_actions.remember(self, self.db_path)
        window_menus.enable_for_database(self)
        self.doc = session.active_document()
        self._set_title()
        window_tabs.build(self)
        remembered = self.settings.value("year", type=int)
        self.year_switch.fill(self.years(),
                              year or remembered or (self.doc.tahun_akhir if self.doc else None))
        self.refresh()

    def close_session(self) -> None:
        """Close the open database (background work finished first)."""
        opening.stop_daily_check(self)  # stopped, not waited for (``ui.daily_check``)
        tasks.wait()
        if self.session is not None:
            self.session.close()
        self.session = self.db = None

    def new_database(self, path: Path) -> None:
        database_actions.new_database(self, path)

    def save_copy(self, path: Path) -> bool:
        return database_actions.save_copy(self, path)

    def restore_backup(self, source: Path) -> bool:
        return database_actions.restore_backup(self, source)

    def _set_title(self) -> None:
        mark = " — hanya-baca" if self.read_only else ""
        self.setWindowTitle(f"IKU Desktop — {self.office.nama} — {self.db_path.name}{mark}")

    def office_changed(self) -> None:
        self.office = office.load()
        self._set_title()
        self.refresh()

    # ------------------------------------------------------------------ the year shown
    @property
    def year(self) -> int:
        return self.year_switch.year

    def years(self) -> tuple[int, ...]:
        return () if self.doc is None else tuple(self.doc.tahun)

    @property
    def document(self):
        """Dokumen IKU's tab: its editor (built when first shown or asked for) or, without
        a document in force, what to do instead."""
        return window_tabs.page(self, "document")

    @property
    def target_tab(self):
        """The Target tab (built when first shown or asked for); None without a document."""
        return window_tabs.page(self, "target")

    @property
    def shown_year(self) -> int | None:
        """The year of the figures on screen (the year box's once they are computed)."""
        return self.figures.shown_year

    def refresh(self) -> None:
        """Compute and show the whole year again (another database, office, document): its
        reports at once, the trends in the background (``year_figures``)."""
        if self.db is None or self.year is None:
            return
        self.settings.setValue("year", self.year)
        self.figures.refresh()
        self._panels_to_year()
        state = f" — HANYA-BACA: {self.read_only}" if self.read_only else ""
        self.statusBar().showMessage(f"{self.office.describe()} — {self.db_path}{state}")

    def year_changed(self) -> None:
        """Another year in the year box: its figures computed in the background (the year
        before shown meanwhile, under a busy mark); the registers go to the year."""
        if self.db is None or self.year is None:
            return
        self.settings.setValue("year", self.year)
        self.figures.compute()
        self._panels_to_year()

    def year_back(self, year: int) -> None:
        """The year box back to ``year`` (the figures shown) after another year's figures
        failed: quietly (nothing computed again); the registers go back with it."""
        self.year_switch.show_year(year)
        self.settings.setValue("year", year)
        self._panels_to_year()

    def _panels_to_year(self) -> None:
        for panel in window_tabs.built_record_panels(self):
            panel.set_year(self.year)

    def record_panels(self):
        return window_tabs.record_panels(self)

    # ------------------------------------------------------------------ edits
    def push_change(self, change) -> bool:
        """An edit from any panel: onto the undo stack (which writes it) — unless this office
        may not make it (read-only database, a row of another office, a tetapkan document,
        a locked year)."""
        # loaded with the first edit, not with the window
        from iku_desktop.services import document_edit, editing

        from .undo import EditCommand, written

        try:
            if isinstance(change, editing.Change):
                ownership.check_change(change.table, change.row_id, change.insert_values,
                                       change.after)
            elif isinstance(change, document_edit.DocumentChange):
                ownership.check_document()
            else:  # an office setting: this office's own
                ownership.check_writable()
        except EditError as exc:
            QMessageBox.warning(self, "Tidak dapat diubah", str(exc))
            return False
        result, error = written(change.write)
        if error is not None:
            self.write_failed(error)
            return False
        change, changes = result
        self.undo_stack.push(EditCommand(change, self.data_changed, changes, self.write_failed))
        return True

    def write_failed(self, error: Exception) -> None:
        QMessageBox.warning(self, "Tidak tersimpan", str(error))

    def data_changed(self, changes: OpChanges) -> None:
        """Recompute only the indikator whose method reads what ``changes`` names; reload
        the panels that show it (``recompute``)."""
        recompute.data_changed(self, changes)

    def data_changed_after_import(self, changes: OpChanges) -> None:
        self.undo_stack.clear()  # an import is not undone with Ctrl+Z (it may be large)
        self.data_changed(changes)

    # ------------------------------------------------------------------ dialogs
    def show_print_dialog(self):
        from .print_dialog import PrintDialog  # its module loads when first asked for

        if self.doc is None:
            QMessageBox.information(self, "Cetak", window_tabs.NO_DOCUMENT)
            return None
        dialog = PrintDialog(self.year, list(self.doc.tahun), self)
        dialog.show()
        return dialog

    def show_import(self, path: Path):
        from . import excel_actions

        return excel_actions.show_import(self, path)

    # ------------------------------------------------------------------ Qt events
    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:  # the work that waited for the first paint, after it
            self._painted = True
            tasks.soon(self._after_first_paint)

    def _after_first_paint(self) -> None:
        if self._open_now():
            tasks.soon(self._after_first_paint)  # the trends: once the figures are painted
            return
        if self._started:
            return
        self._started = True
        self.figures.first_paint()  # the trends
        window_tabs.preload()  # the modules of the tabs not shown yet
        self.started.emit()

    def _open_unpainted(self) -> None:
        """Not painted yet (started minimized): the open it waits for, and what follows the
        figures (the trends, ``started``), all the same."""
        if self._open_now():
            tasks.soon(self._after_first_paint)

    def _open_now(self) -> bool:
        """Open the database the window started on, when it waited for the first paint;
        whether it did."""
        if self._open_after_paint is None:
            return False
        path, year = self._open_after_paint
        self._open_after_paint = None
        try:
            self.open_database(path, year)  # not opened (the user's choice, or refused): said
        except BaseException:
            if self.session is None:  # a failure no message explains (a bug): shown as
                opening.show_not_opened(self, path)  # any other, not "Membuka …" for ever
            raise
        return True

    def closeEvent(self, event) -> None:
        # closed before the open it waited for (closing waits for the event loop's queued
        # work, the open among it): never opened, not even while closing
        self._open_after_paint = None
        focused = QApplication.focusWidget()
        if focused is not None:  # an editor that stores its text on leaving does so now,
            focused.clearFocus()  # while the database is still open
        self.close_session()  # background work finishes before its database is closed
        opening.close_for_window(self.db_path)  # also when nothing was opened
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:
        # Ctrl+PageUp/PageDown move between tabs as in most desktop programs
        if event.modifiers() & Qt.ControlModifier and event.key() in (Qt.Key_PageDown,
                                                                      Qt.Key_PageUp):
            step = 1 if event.key() == Qt.Key_PageDown else -1
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
            return
        super().keyPressEvent(event)
