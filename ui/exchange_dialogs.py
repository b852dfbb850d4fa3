"""Data packages in the window: send (export), receive (import with a preview of what will
change), and the conflicts found, side by side, to keep ours or take theirs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QMessageBox, QProgressBar, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout,
)

from iku_desktop.domain.formatting import format_number
from iku_desktop.exchange.package import SUFFIX, PackageError
from iku_desktop.services import packages
from iku_desktop.services.editing_errors import EditError

from . import tasks

TABLE_LABEL = {
    "dokumen": "Dokumen IKU", "fungsi": "Fungsi", "sasaran": "Sasaran strategis",
    "indikator": "Indikator", "target": "Target", "realisasi_manual": "Realisasi",
    "koperasi": "Koperasi", "koperasi_tahun_buku": "Tahun buku koperasi",
    "usaha_kecil": "Usaha kecil", "sakip": "SAKIP", "ikm_survei": "Survei IKM",
    "ikm_respon": "Responden IKM",
}
CHANGED = QBrush(QColor("#fff3cd"))


def export_package(window) -> Path | None:
    last = packages.last_export()
    default = window.db_path.with_name(f"paket-{window.office.code}.ikupkg")
    path, _ = QFileDialog.getSaveFileName(window, "Kirim paket data", str(default),
                                          f"Paket data IKU (*{SUFFIX})")
    if not path:
        return None
    path = Path(path) if path.endswith(SUFFIX) else Path(path + SUFFIX)
    try:
        r = packages.export_package(path)
    except PackageError as exc:
        QMessageBox.critical(window, "Paket tidak dapat dibuat", str(exc))
        return None
    rows = sum(r.counts.values())
    QMessageBox.information(
        window, "Paket data dibuat",
        f"{path}\n\n{format_number(rows, 0)} baris" + (f" yang berubah sejak {last[:16].replace('T', ' ')} UTC"
                                     if last else " (semua data)") + ".\n"
        + "\n".join(f"{TABLE_LABEL.get(t, t)}: {format_number(n, 0)}"
                    for t, n in r.counts.items()))
    return path


class PackageImportDialog(QDialog):
    """What a package will change (a dry run), then the merge."""

    def __init__(self, path: Path, window) -> None:
        super().__init__(window)
        self.window, self.path, self.result = window, path, None
        self.setWindowTitle(f"Terima paket data — {path.name}")
        self.resize(760, 460)
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(["Data", "Tambah", "Ubah", "Sama",
                                              "Di sini lebih baru", "Konflik"])
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeToContents)
        head.setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        lay.addWidget(self.table)
        self.refused = QListWidget()
        lay.addWidget(self.refused)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy: a merge reports no steps
        self.busy.hide()
        lay.addWidget(self.busy)
        row = QHBoxLayout()
        self.go = QPushButton("&Gabungkan ke basis data ini")
        self.go.clicked.connect(self.merge)
        close = QPushButton("&Tutup")
        close.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(self.go)
        row.addWidget(close)
        lay.addLayout(row)
        self.preview = None
        try:
            self.preview = packages.import_package(path, dry_run=True)
        except (PackageError, EditError) as exc:
            self.heading.setText(f"<b>Paket ditolak.</b> {exc}")
            self.go.setEnabled(False)
            return
        self._show(self.preview)

    def _show(self, r: packages.MergeResult) -> None:
        who = r.office_name or r.office
        if r.already:
            self.heading.setText(f"Paket dari {who} ini sudah pernah diterima; tidak ada yang "
                                 "akan berubah.")
            self.go.setEnabled(False)
        elif r.dry_run:
            self.heading.setText(f"Paket dari <b>{who}</b>. Periksa yang akan berubah, lalu "
                                 "gabungkan. Basis data dicadangkan lebih dahulu.")
        else:
            self.heading.setText(f"Paket dari <b>{who}</b> sudah digabungkan."
                                 + (f" {format_number(len(r.conflicts), 0)} konflik menunggu "
                                    "keputusan."
                                    if r.conflicts else ""))
        self.table.setRowCount(0)
        for t, c in r.counts.items():
            i = self.table.rowCount()
            self.table.insertRow(i)
            for col, v in enumerate([TABLE_LABEL.get(t, t), c.added, c.updated, c.unchanged,
                                     c.kept, c.conflicts]):
                item = QTableWidgetItem(v if isinstance(v, str) else format_number(v, 0))
                if col:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(i, col, item)
        self.refused.clear()
        for x in r.refused:
            self.refused.addItem(f"Ditolak — {TABLE_LABEL.get(x.table, x.table)} {x.uuid[:12]}: "
                                 f"{x.reason}")
        self.refused.setVisible(bool(r.refused))

    def merge(self) -> None:
        """Merge in the background (a large package takes seconds), the window waiting."""
        self.go.setEnabled(False)
        self.busy.show()
        self.heading.setText("Menggabungkan paket… (basis data dicadangkan lebih dahulu)")
        tasks.run(lambda: packages.import_package(self.path), self._merged, self._failed)

    def _merged(self, result: packages.MergeResult) -> None:
        self.busy.hide()
        self.result = result
        self._show(result)
        self.window.data_changed_after_import(result.tables() | {"dokumen"})
        if result.conflicts:
            ConflictDialog(self.window).exec()

    def _failed(self, exc: Exception) -> None:
        self.busy.hide()
        self._show(self.preview)
        self.go.setEnabled(True)
        QMessageBox.critical(self, "Paket tidak dapat digabungkan", str(exc))


def import_package(window) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "Terima paket data", str(window.db_path.parent),
                                          f"Paket data IKU (*{SUFFIX})")
    if path:
        PackageImportDialog(Path(path), window).exec()


class ConflictDialog(QDialog):
    """Rows changed here and at the other office: both versions side by side."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle("Konflik data antarkantor")
        self.resize(860, 480)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.list = QListWidget()
        self.list.setMaximumWidth(300)
        self.list.currentItemChanged.connect(self._select)
        top.addWidget(self.list)
        self.fields = QTableWidget(0, 3)
        self.fields.setHorizontalHeaderLabels(["Kolom", "Di sini (kita)", "Kiriman (mereka)"])
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.fields.verticalHeader().hide()
        self.fields.setWordWrap(True)
        self.fields.setEditTriggers(QTableWidget.NoEditTriggers)
        top.addWidget(self.fields, 1)
        lay.addLayout(top)
        row = QHBoxLayout()
        self.show_all = QCheckBox("Tampilkan juga yang sudah diselesaikan")
        self.show_all.toggled.connect(self.reload)
        self.reveal = QCheckBox("Tampilkan &NIK")
        self.reveal.setToolTip("NIK pemilik adalah data pribadi (UU 27/2022): disamarkan "
                               "kecuali ditampilkan")
        self.reveal.toggled.connect(lambda: self._select(self.list.currentItem()))
        self.ours = QPushButton("Pertahankan data &di sini")
        self.ours.clicked.connect(lambda: self.resolve("kita"))
        self.theirs = QPushButton("Ambil data &kiriman")
        self.theirs.clicked.connect(lambda: self.resolve("mereka"))
        close = QPushButton("&Tutup")
        close.clicked.connect(self.accept)
        row.addWidget(self.show_all)
        row.addWidget(self.reveal)
        row.addStretch(1)
        for b in (self.ours, self.theirs, close):
            row.addWidget(b)
        lay.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for c in packages.conflicts(include_resolved=self.show_all.isChecked()):
            state = f" — {'kita' if c.keputusan == 'kita' else 'mereka'}" if c.resolved else ""
            item = QListWidgetItem(f"#{c.id} {TABLE_LABEL.get(c.tabel, c.tabel)} "
                                   f"(dari {c.kantor}){state}")
            item.setData(Qt.UserRole, c)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.fields.setRowCount(0)
        self._buttons()

    def _buttons(self) -> None:
        item = self.list.currentItem()
        open_ = item is not None and not item.data(Qt.UserRole).resolved
        self.ours.setEnabled(open_)
        self.theirs.setEnabled(open_)

    def _select(self, item, _previous=None) -> None:
        self.fields.setRowCount(0)
        if item is None:
            return
        c = item.data(Qt.UserRole)
        for f, ours, theirs in c.shown_fields(self.reveal.isChecked()):
            i = self.fields.rowCount()
            self.fields.insertRow(i)
            for col, v in enumerate([f, "–" if ours is None else str(ours),
                                     "–" if theirs is None else str(theirs)]):
                cell = QTableWidgetItem(v)
                cell.setBackground(CHANGED)
                self.fields.setItem(i, col, cell)
        self._buttons()

    def resolve(self, keputusan: str) -> bool:
        item = self.list.currentItem()
        if item is None:
            return False
        try:
            tables = packages.resolve(item.data(Qt.UserRole).id, keputusan)
        except (packages.ConflictError, EditError) as exc:
            QMessageBox.warning(self, "Konflik", str(exc))
            return False
        self.window.data_changed_after_import(tables)
        self.reload()
        return True
