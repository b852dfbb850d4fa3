"""The main window: year selector, Ringkasan, a tab per sasaran strategis, Dokumen IKU."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication, QComboBox, QFileDialog, QInputDialog, QLabel, QMainWindow, QMessageBox, QTabWidget,
    QToolBar,
)

from iku_desktop import __version__, version
from iku_desktop.domain.formatting import DASH, format_number
from iku_desktop.services import (backups, document_edit, editing, office, ownership, session,
                                  transfer)
from iku_desktop.services import frozen_year
from iku_desktop.services.changes import OpChanges
from iku_desktop.services.database import interactive_writes
from iku_desktop.services.editing_errors import EditError
from iku_desktop.services.indicators import affected_methods, compute_indikator, compute_year

from . import office_menus, opening
from .backup_dialog import BackupDialog
from .document_editor import DocumentEditor
from .import_dialog import ImportDialog
from .print_dialog import PrintDialog
from .sasaran_tab import SasaranTab
from .summary_tab import SummaryTab
from .target_tab import TargetTab
from . import tasks
from .undo import EditCommand, written
from .verify_dialog import VerifyDialog


NO_DOCUMENT = ("Belum ada Dokumen IKU yang berlaku di basis data ini; terima paket dari kantor "
               "provinsi (Kantor › Terima paket).")


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path, year: int | None = None) -> None:
        super().__init__()
        self.settings = QSettings()
        self.session = None  # the open database (services.session)
        self.db = None
        self.db_path = db_path
        self.read_only: str | None = None  # why, when the database is open read-only
        self.office = None
        self.reports = []
        self.undo_stack = QUndoStack(self)
        interactive_writes()  # an edit waits briefly for another writer, then says so
        self.resize(1200, 820)
        self._build_menu()
        self.year_box = QComboBox()
        self.year_box.setToolTip("Tahun yang ditampilkan")
        self.year_box.currentIndexChanged.connect(self.refresh)
        bar = QToolBar("Tahun")
        bar.setMovable(False)
        bar.addWidget(QLabel(" Tahun: "))
        bar.addWidget(self.year_box)
        self.addToolBar(bar)
        self.tabs = QTabWidget()
        self.setCentralWidget(self.tabs)
        self.open_database(db_path, year)

    # ------------------------------------------------------------------ setup
    def _build_menu(self) -> None:
        berkas = self.menuBar().addMenu("&Berkas")
        add = self._add_action
        # Ctrl+N adds a respondent in the IKM grid, Ctrl+I is italic in the formulasi editor:
        # the window's own keys must differ, or Qt calls both ambiguous and does neither
        add(berkas, "Basis data &baru…", self._new_database, QKeySequence("Ctrl+Shift+N"))
        add(berkas, "&Buka basis data…", self._choose_database, QKeySequence.Open)
        self.recent_menu = berkas.addMenu("Berkas &terakhir")
        add(berkas, "&Simpan salinan…", self._save_copy)
        add(berkas, "&Cadangan…", lambda: BackupDialog(self).exec())
        berkas.addSeparator()
        add(berkas, "&Impor data…", self._choose_import, QKeySequence("Ctrl+Shift+I"))
        add(berkas, "&Ekspor ke Excel…", self._export, QKeySequence("Ctrl+E"))
        add(berkas, "&Templat Excel…", self._template)
        berkas.addSeparator()
        add(berkas, "&Cetak…", self.show_print_dialog, QKeySequence.Print)
        add(berkas, "&Verifikasi kode cetakan…", lambda: VerifyDialog(self).exec())
        berkas.addSeparator()
        add(berkas, "&Keluar", self.close, QKeySequence.Quit)
        sunting = self.menuBar().addMenu("&Sunting")
        undo = self.undo_stack.createUndoAction(self, "&Urungkan")
        undo.setShortcuts([QKeySequence.Undo])
        redo = self.undo_stack.createRedoAction(self, "U&langi")
        ctrl_y = QKeySequence("Ctrl+Y")
        redo.setShortcuts([ctrl_y] + [k for k in QKeySequence.keyBindings(QKeySequence.Redo)
                                      if k != ctrl_y])
        sunting.addAction(undo)
        sunting.addAction(redo)
        office_menus.build(self)
        bantuan = self.menuBar().addMenu("Ban&tuan")
        add(bantuan, "&Tentang IKU Desktop", self._about)

    def _add_action(self, menu, text: str, slot, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    def open_database(self, path: Path, year: int | None = None) -> None:
        path = Path(path)
        if self.session is not None:
            tasks.wait()
            self.session.close(keep_lock=path.resolve() == self.db_path.resolve())
            self.session = self.db = None
        opened = opening.open_for_window(self, path)
        if opened is None:
            if self.db_path is not None and self.db_path != path:
                self.open_database(self.db_path, year)  # back to the one that was open
            return
        self.session = opened
        self.db, self.db_path, self.read_only = opened.db, path, opened.read_only
        self.office = office.load()
        self.undo_stack.clear()
        self._remember(self.db_path)
        self.doc = session.active_document()
        self._set_title()
        self._build_tabs()
        remembered = self.settings.value("year", type=int)
        wanted = year or remembered or (self.doc.tahun_akhir if self.doc else None)
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in self._years():
            self.year_box.addItem(str(y), y)
        idx = self.year_box.findData(wanted)
        self.year_box.setCurrentIndex(idx if idx >= 0 else self.year_box.count() - 1)
        self.year_box.blockSignals(False)
        self.refresh()

    def _set_title(self) -> None:
        mark = " — hanya-baca" if self.read_only else ""
        self.setWindowTitle(f"IKU Desktop — {self.office.nama} — {self.db_path.name}{mark}")

    def office_changed(self) -> None:
        self.office = office.load()
        self._set_title()
        self.refresh()

    def _build_tabs(self) -> None:
        # an edit in a tab may rebuild the tabs from inside that tab's own slot: retire the
        # old widgets with deleteLater (kept referenced until then), never delete them now
        self._retired = [self.tabs.widget(i) for i in range(self.tabs.count())]
        for w in self._retired:
            w.deleteLater()
        self.tabs.clear()
        self.summary = SummaryTab()
        self.tabs.addTab(self.summary, "Ringkasan")
        self.sasaran_tabs, self.target_tab = [], None
        if self.doc is None:  # no document in force: say so where its tabs would be
            self.document = QLabel(NO_DOCUMENT)
            self.document.setAlignment(Qt.AlignCenter)
            self.document.setWordWrap(True)
            self.tabs.addTab(self.document, "Dokumen IKU")
            self.tabs.setCurrentWidget(self.document)
            return
        self.target_tab = TargetTab(self.push_change)
        self.tabs.addTab(self.target_tab, "Target")
        for s in self.doc.sasaran:
            tab = SasaranTab(s, self.push_change)
            self.sasaran_tabs.append(tab)
            self.tabs.addTab(tab, f"Sasaran {s.nomor}")
            self.tabs.setTabToolTip(self.tabs.count() - 1, s.teks)
        self.document = DocumentEditor(self.push_change)
        self.document.load(self.doc)
        self.tabs.addTab(self.document, "Dokumen IKU")

    # ------------------------------------------------------------------ data
    @property
    def year(self) -> int:
        return self.year_box.currentData()

    def _years(self) -> tuple[int, ...]:
        return () if self.doc is None else tuple(self.doc.tahun)

    def refresh(self) -> None:
        if self.db is None or self.year is None:
            return
        self.settings.setValue("year", self.year)
        # a locked year shows the figures of its locked Laporan Capaian
        self.reports = frozen_year.as_shown(compute_year(self.doc, self.year), self.year)
        self.trend = self._trend()
        self._show_reports()
        for panel in self.record_panels():
            panel.set_year(self.year)
        state = f" — HANYA-BACA: {self.read_only}" if self.read_only else ""
        self.statusBar().showMessage(f"{self.office.describe()} — {self.db_path}{state}")

    def _show_reports(self) -> None:
        self.summary.show_reports(self.year, self.reports, self.trend)
        for tab in self.sasaran_tabs:
            tab.show_reports([r for r in self.reports if r.sasaran_nomor == tab.sasaran.nomor])

    def _shape(self):
        """What the tabs are built from: sasaran, their indikator and methods, the period."""
        if self.doc is None:
            return None
        return (tuple(self.doc.tahun), tuple(
            (s.id, s.nomor, s.teks, tuple((i.id, i.metode, i.judul) for i in s.indikator))
            for s in self.doc.sasaran))

    def _rebuild_keeping_place(self) -> None:
        index = self.tabs.currentIndex()
        on_document = self.tabs.currentWidget() is self.document
        year = self.year
        self._build_tabs()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in self._years():
            self.year_box.addItem(str(y), y)
        found = self.year_box.findData(year)
        self.year_box.setCurrentIndex(found if found >= 0 else self.year_box.count() - 1)
        self.year_box.blockSignals(False)
        self.tabs.setCurrentIndex(self.tabs.indexOf(self.document) if on_document
                                  else min(index, self.tabs.count() - 1))
        self.refresh()

    def record_panels(self):
        return [p for tab in self.sasaran_tabs for p in tab.record_panels()] + \
            ([self.target_tab] if self.target_tab else [])

    # ------------------------------------------------------------------ edits
    def push_change(self, change) -> bool:
        """An edit from any panel: onto the undo stack (which writes it) — unless this office
        may not make it (read-only database, a row of another office, a tetapkan document,
        a locked year)."""
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
        the panels that show it."""
        tables = changes.tables
        if changes.database:
            self.refresh()
            return
        if changes.document or changes.touches({"target", "realisasi_manual"}):
            old_shape = self._shape()
            self.doc = session.active_document()  # targets live in the document
            if self._shape() != old_shape:
                self._rebuild_keeping_place()
                return
            if self.doc is not None and changes.document:
                self.document.load(self.doc)
                self.setWindowTitle(f"IKU Desktop — {self.doc.unit_organisasi} — "
                                    f"{self.db_path.name}")
        if self.doc is None:  # nothing is shown that the change could touch
            return
        if changes.settings:
            self.document.load(self.doc)
        methods = affected_methods(tables) if changes.touches_year(self.year) else set()
        by_number = {i.nomor: i for i in self.doc.semua_indikator}
        self.reports = [
            compute_indikator(by_number[r.indikator.nomor], self.year, r.sasaran_nomor)
            if r.indikator.metode in methods else r
            for r in self.reports
        ]
        self.reports = frozen_year.as_shown(self.reports, self.year)
        for rep in self.reports:
            if rep.indikator.metode in affected_methods(tables):
                self._update_trend(rep.indikator)
        self._show_reports()
        for panel in self.record_panels():
            if changes.touches(panel.TABLES):
                panel.refresh(changes)

    def _trend(self) -> dict[int, dict]:
        """Realisasi of every year of the period (None: not computable), per indikator
        number."""
        return {i.nomor: self._trend_of(i) for i in self.doc.semua_indikator}

    def _trend_of(self, indikator) -> dict:
        return frozen_year.trend(indikator, self.doc.tahun)  # a locked year: as locked

    def _update_trend(self, indikator) -> None:
        """The trend spans every year of the period: computed off the GUI thread, shown
        when ready (the card of the year is already up to date)."""
        def shown(values: dict) -> None:
            if self.db is None:  # the window closed meanwhile
                return
            self.trend[indikator.nomor] = values
            self.summary.show_reports(self.year, self.reports, self.trend)

        tasks.run(lambda: self._trend_of(indikator), shown,
                  lambda exc: self.statusBar().showMessage(f"Tren gagal dihitung: {exc}", 5000))

    # ------------------------------------------------------------------ actions
    def _choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Buka basis data IKU", str(self.db_path.parent),
                                              "Basis data IKU (*.sqlite *.db);;Semua berkas (*)")
        if path:
            self.open_database(Path(path))

    def show_print_dialog(self) -> "PrintDialog":
        if self.doc is None:
            QMessageBox.information(self, "Cetak", NO_DOCUMENT)
            return None
        dialog = PrintDialog(self.year, list(self.doc.tahun), self)
        dialog.show()
        return dialog

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Impor data", str(self.db_path.parent),
            transfer.IMPORT_FILTER)
        if path:
            self.show_import(Path(path))

    def show_import(self, path: Path):
        dialog = ImportDialog(path, self.data_changed_after_import, self)
        dialog.show()
        return dialog

    def data_changed_after_import(self, changes: OpChanges) -> None:
        self.undo_stack.clear()  # an import is not undone with Ctrl+Z (it may be large)
        self.data_changed(changes)

    def _export(self) -> None:
        labels = {**transfer.EXPORT_LABELS,
                  "capaian": f"{transfer.EXPORT_LABELS['capaian']} {self.year}"}
        label, ok = QInputDialog.getItem(self, "Ekspor ke Excel", "Data:", list(labels.values()),
                                         0, False)
        if not ok:
            return
        kind = next(k for k, v in labels.items() if v == label)
        path, _ = QFileDialog.getSaveFileName(self, "Ekspor ke Excel",
                                              str(self.db_path.with_name(f"{kind}.xlsx")),
                                              "Excel (*.xlsx)")
        if not path:
            return
        year = self.year
        self.statusBar().showMessage("Mengekspor…")
        tasks.run(lambda: transfer.export(kind, path, year=year),
                  lambda n: self.statusBar().showMessage(
                      f"{format_number(n, 0)} baris diekspor ke {path}", 8000),
                  lambda exc: QMessageBox.warning(self, "Ekspor gagal", str(exc)))

    def _template(self) -> None:
        kind, ok = QInputDialog.getItem(self, "Templat Excel", "Jenis data:",
                                        list(transfer.TEMPLATE_KINDS), 0, False)
        if not ok:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Simpan templat", str(self.db_path.with_name(f"templat-{kind}.xlsx")),
            "Excel (*.xlsx)")
        if path:
            try:
                transfer.write_template(kind, path)
            except transfer.Refused as exc:
                QMessageBox.warning(self, "Templat tidak tersimpan", str(exc))
                return
            self.statusBar().showMessage(f"Templat disimpan: {path}", 8000)

    RECENT = 8

    def _remember(self, path: Path) -> None:
        recent = [p for p in (self.settings.value("recent", [], type=list) or [])
                  if p != str(path)]
        recent = [str(path)] + recent[: self.RECENT - 1]
        self.settings.setValue("recent", recent)
        self.recent_menu.clear()
        for p in recent:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _=False, p=p: self.open_database(Path(p)))

    def _new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Basis data baru", str(self.db_path.parent),
                                              "Basis data IKU (*.sqlite)")
        if path:
            self.new_database(Path(path))

    def new_database(self, path: Path) -> None:
        """Create a database holding the official document and open it."""
        if path.suffix == "":
            path = path.with_suffix(".sqlite")
        if path.exists():
            QMessageBox.warning(self, "Berkas sudah ada",
                                f"{path} sudah ada; pilih nama lain atau buka berkas itu.")
            return
        try:
            session.create_database(path).close()
        except session.DatabaseError as exc:
            QMessageBox.critical(self, "Basis data tidak dapat dibuat", str(exc))
            return
        self.open_database(path)

    def _save_copy(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Simpan salinan basis data",
                                              str(self.db_path.with_name(
                                                  self.db_path.stem + "-salinan.sqlite")),
                                              "Basis data IKU (*.sqlite)")
        if path:
            self.save_copy(Path(path))

    def save_copy(self, path: Path) -> bool:
        """A consistent copy of the open database (SQLite's online backup)."""
        if path.resolve() == self.db_path.resolve():
            QMessageBox.warning(self, "Tidak dapat menyimpan", "Pilih berkas lain.")
            return False
        try:
            backups.save_copy(self.db, path)
        except backups.BackupError as exc:
            QMessageBox.critical(self, "Salinan gagal", str(exc))
            return False
        self.statusBar().showMessage(f"Salinan disimpan: {path}", 5000)
        return True

    def restore_backup(self, source: Path) -> bool:
        """Close the database, restore ``source`` over it (``backups.restore_backup``: the
        guards, the state it replaces backed up first, the audit record), and open it
        again."""
        tasks.wait()
        path = self.db_path
        if self.session is not None:
            self.session.close()
        self.session = self.db = None
        try:
            backups.restore_backup(path, source)
        except (backups.BackupError, session.DatabaseError) as exc:
            QMessageBox.critical(self, "Pemulihan gagal", str(exc))
            self.open_database(path)
            return False
        self.open_database(path)
        self.statusBar().showMessage(f"Dipulihkan dari {source.name}", 8000)
        return True

    def _about(self) -> None:
        QMessageBox.about(
            self, "Tentang IKU Desktop",
            f"<b>IKU Desktop</b> versi {__version__}<br>Build: {version.build()}<br>"
            f"Indikator Kinerja Utama {self.doc.unit_organisasi if self.doc else DASH}<br><br>"
            f"Basis data: {self.db_path}<br>Versi skema: {session.schema_version(self.db)}")

    def closeEvent(self, event) -> None:
        focused = QApplication.focusWidget()
        if focused is not None:  # an editor that stores its text on leaving does so now,
            focused.clearFocus()  # while the database is still open
        tasks.wait()  # background work finishes before its database is closed
        if self.session is not None:
            self.session.close()
            self.session = self.db = None
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
