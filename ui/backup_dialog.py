"""Cadangan: the backups of the open database — make one now, or restore one (the state it
replaces is backed up first)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton,
    QVBoxLayout,
)

from iku_desktop.domain.formatting import format_time
from iku_desktop.services import backups


NOT_COPIED = "Cadangan dibuat, tidak disalin"


def not_copied(parent, made: backups.Backup) -> QMessageBox:
    """Say (a warning box, not waited on) that the backup ``made`` was not copied to the
    second backup folder, naming the folder and why (``Backup.second_problem``): the
    manual backup and the daily one say it alike."""
    box = QMessageBox(QMessageBox.Warning, NOT_COPIED, made.second_problem, parent=parent)
    box.setObjectName("cadangan_tidak_disalin")
    box.addButton("Tutup", QMessageBox.AcceptRole)
    box.open()
    return box


class BackupDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle("Cadangan basis data")
        self.resize(640, 380)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"Cadangan disimpan di {backups.folder_for(window.db_path)}"))
        self.second = QLabel()
        self.second.setWordWrap(True)
        lay.addWidget(self.second)
        self.list = QListWidget()
        lay.addWidget(self.list)
        row = QHBoxLayout()
        make = QPushButton("&Buat cadangan sekarang")
        make.clicked.connect(self.make)
        self.restore_button = QPushButton("&Pulihkan yang dipilih…")
        # (not ``connect(self.restore)``: ``clicked`` would pass False as ``confirm``)
        self.restore_button.clicked.connect(lambda: self.restore())
        close = QPushButton("&Tutup")
        close.clicked.connect(self.reject)
        for b in (make, self.restore_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        lay.addLayout(row)
        self.reload()

    def reload(self) -> None:
        folder, problem = backups.second_folder()
        self.second.setText(
            "Folder cadangan kedua belum diatur (Kantor › Pengaturan kantor…)" if not folder
            else f"Salinan juga disimpan di folder cadangan kedua {folder}" if problem is None
            else f"Folder cadangan kedua tidak dapat dipakai sekarang: {problem}")
        self.list.clear()
        for b in backups.list_backups(self.window.db_path):
            when = format_time(b.taken_at.astimezone(), seconds=True)
            item = QListWidgetItem(f"{when} — {b.label}")
            item.setData(Qt.UserRole, str(b.path))
            self.list.addItem(item)
        self.restore_button.setEnabled(self.list.count() > 0)

    def make(self) -> None:
        try:
            made = backups.create_backup(self.window.db_path, self.window.db)
        except backups.BackupError as exc:
            QMessageBox.warning(self, "Cadangan gagal", str(exc))
        else:
            if made.second_problem:
                not_copied(self, made)
        self.reload()

    def restore(self, confirm: bool = True) -> bool:
        item = self.list.currentItem() or self.list.item(0)
        if item is None:
            return False
        if confirm and QMessageBox.question(
                self, "Pulihkan cadangan", f"Ganti isi basis data dengan cadangan "
                f"{item.text()}? Keadaan sekarang disimpan dahulu sebagai cadangan.") \
                != QMessageBox.Yes:
            return False
        ok = self.window.restore_backup(Path(item.data(Qt.UserRole)))
        self.reload()
        return ok
