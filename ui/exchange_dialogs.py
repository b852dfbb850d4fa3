"""Data packages in the window: send (export: signed, and sealed to the receivers, or sent
unsealed when the user so chooses), receive (import with a preview naming sender, receivers
and key fingerprints and what will change; a new key of a known office accepted with a
button; the backup before the merge that missed the second backup folder said as the daily
one says it), and the conflicts found, side by side, to keep ours or take theirs."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QMessageBox, QProgressBar, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout,
)

from iku_desktop.domain.formatting import format_number, format_time
from iku_desktop.domain.synced_tables import label
from iku_desktop.services import office_keys, ownership, packages
from iku_desktop.services.editing_errors import EditError
from iku_desktop.services.packages import SUFFIX, PackageError

from . import daily_check, keys_dialog, tasks

CHANGED = QBrush(QColor("#fff3cd"))


def ask_without_receiver_key(window, exc: office_keys.ReceiverKeyUnknown) -> str | None:
    """The receiver's key is not known: import its key file ("key"), send unsealed
    ("unsealed") or cancel (None)."""
    box = QMessageBox(QMessageBox.Warning, "Kunci kantor penerima belum dikenal", str(exc),
                      parent=window)
    key = box.addButton("&Impor berkas kunci…", QMessageBox.AcceptRole)
    unsealed = box.addButton("Kirim &tanpa segel", QMessageBox.DestructiveRole)
    box.addButton("&Batal", QMessageBox.RejectRole)
    box.exec()
    return {key: "key", unsealed: "unsealed"}.get(box.clickedButton())


def export_package(window, path: Path | None = None) -> Path | None:
    if path is None:
        default = window.db_path.with_name(f"paket-{window.office.code}.ikupkg")
        name, _ = QFileDialog.getSaveFileName(window, "Kirim paket data", str(default),
                                              f"Paket data IKU (*{SUFFIX})")
        if not name:
            return None
        path = Path(name) if name.endswith(SUFFIX) else Path(name + SUFFIX)
    unsealed = False
    while True:
        try:
            r = packages.export_package(path, unsealed=unsealed)
            break
        except office_keys.ReceiverKeyUnknown as exc:
            choice = ask_without_receiver_key(window, exc)
            if choice == "unsealed":
                unsealed = True
            elif choice != "key" or not keys_dialog.import_key_file(window):
                return None
        except (PackageError, EditError) as exc:
            QMessageBox.critical(window, "Paket tidak dapat dibuat", str(exc))
            return None
    rows = sum(r.counts.values())
    sealed = ("\n".join(f"Disegel untuk {ownership.describe(p.office)} (sidik {p.fingerprint})"
                        for p in r.receivers) if r.receivers else
              f"PERINGATAN: {packages.UNSEALED_WARNING}.")
    if r.without_key:
        sealed += ("\nTidak dapat dibuka oleh (kuncinya belum dikenal): "
                   + ", ".join(ownership.describe(c) for c in r.without_key))
    since = r.since  # per receiver: since the last package it acknowledged
    QMessageBox.information(
        window, "Paket data dibuat",
        f"Paket ke-{format_number(r.nomor, 0)}: {path}\n\n{format_number(rows, 0)} baris"
        + (f" yang berubah sejak {format_time(since)}" if since
           else " (semua data)") + ".\n"
        + "\n".join(f"{label(t)}: {format_number(n, 0)}"
                    for t, n in r.counts.items())
        + f"\n\nDitandatangani dengan kunci kantor ini (sidik {r.fingerprint}).\n{sealed}")
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
        self.parties = QLabel()  # sender, receivers, fingerprints: read before anything else
        self.parties.setWordWrap(True)
        self.parties.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.parties)
        self.order = QLabel()  # what the package's number says: a gap, a late or replayed one
        self.order.setWordWrap(True)
        lay.addWidget(self.order)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(["Data", "Tambah", "Ubah", "Sama",
                                              "Di sini lebih baru", "Konflik", "Tertahan"])
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
        self.new_key = QPushButton("Terima kunci &baru…")
        self.new_key.setToolTip("Kantor pengirim memakai kunci lain (komputer dipasang ulang?): "
                                "bandingkan sidiknya lewat telepon sebelum menerimanya")
        self.new_key.clicked.connect(lambda: self.accept_new_key())
        self.go = QPushButton("&Gabungkan ke basis data ini")
        self.go.clicked.connect(self.merge)
        close = QPushButton("&Tutup")
        close.clicked.connect(self.reject)
        row.addWidget(self.new_key)
        row.addStretch(1)
        row.addWidget(self.go)
        row.addWidget(close)
        lay.addLayout(row)
        self.preview, self.mismatch = None, None
        self.load()

    def load(self) -> None:
        """The preview (a dry run); a refusal is shown instead, with the button to accept a
        new key when that is why."""
        self.preview, self.mismatch = None, None
        self.new_key.hide()
        self.parties.clear()
        try:
            self.preview = packages.import_package(self.path, dry_run=True)
        except (PackageError, EditError) as exc:
            self.heading.setText(f"<b>Paket ditolak.</b> {escape(str(exc))}")
            self.go.setEnabled(False)
            self.order.hide()
            self.table.setRowCount(0)
            self.refused.hide()
            if isinstance(exc, office_keys.KeyMismatch):
                self.mismatch = exc
                self.new_key.show()
            return
        self.go.setEnabled(True)
        self._show(self.preview)

    def accept_new_key(self, confirm: bool = True) -> bool:
        exc = self.mismatch
        if exc is None or not keys_dialog.accept_key(self, exc.office, exc.new, exc.public,
                                                     old=exc.pinned, confirm=confirm):
            return False
        self.load()
        return True

    def _show_parties(self, r: packages.MergeResult) -> None:
        state = ("<b style='color:#9a3412'>kunci baru, belum pernah diterima di sini: "
                 "bandingkan sidiknya lewat telepon</b>" if r.new_key and r.dry_run else
                 "kunci baru, kini dicatat" if r.new_key else "kunci yang sudah dipercaya")
        lines = [(f"Pengirim: <b>{escape(r.office_name or r.office)}</b> ({r.office}), sidik "
                  f"<b>{r.fingerprint}</b> — {state}")]
        lines += [(f"Penerima: {escape(ownership.describe(p.office))} ({p.office}), sidik "
                   f"{p.fingerprint} "
                   "— isi disegel") for p in r.receivers]
        if not r.receivers:
            lines.append(f"<b style='color:#b91c1c'>{escape(packages.UNSEALED_WARNING)}</b>")
        # the sender's audit log does not extend the history witnessed here (package_witness)
        lines += [f"<b style='color:#b91c1c'>{escape(w)}</b>" for w in r.audit_chain]
        self.parties.setText("<br>".join(lines))

    @staticmethod
    def _held_text(r: packages.MergeResult) -> str:
        """The rows held back (waiting for their parent) and those released now."""
        out = ""
        if r.released:
            out += (f" {format_number(r.released, 0)} baris yang tertahan dari paket "
                    "sebelumnya " + ("akan digabungkan." if r.dry_run else "kini digabungkan."))
        if r.still_held:
            out += (f" <b>{format_number(r.still_held, 0)} baris tertahan</b> menunggu data "
                    "induknya (mis. koperasinya belum diterima); digabungkan otomatis saat "
                    "data itu tiba.")
        return out

    @staticmethod
    def _not_copied_text(r: packages.MergeResult) -> str:
        """The backup taken before the merge that did not reach the second backup folder,
        as the status bar says it (``daily_check.not_copied_text``)."""
        if not r.second_problem:
            return ""
        return (f"<br><b style='{daily_check.WARNING_STYLE}'>"
                f"{escape(daily_check.not_copied_text(r.backup))}</b>")

    def _show(self, r: packages.MergeResult) -> None:
        who = r.office_name or r.office
        number = f" ke-{format_number(r.nomor, 0)}" if r.nomor else ""
        self._show_parties(r)
        if r.already:
            self.heading.setText(f"Paket dari {who} ini sudah pernah diterima; tidak ada yang "
                                 "akan berubah.")
            self.go.setEnabled(False)
        elif r.dry_run:
            self.heading.setText(f"Paket{number} dari <b>{who}</b>. Periksa yang akan berubah, "
                                 "lalu gabungkan. Basis data dicadangkan lebih dahulu."
                                 + self._held_text(r))
        else:
            self.heading.setText(f"Paket{number} dari <b>{who}</b> sudah digabungkan."
                                 + (f" {format_number(len(r.conflicts), 0)} konflik menunggu "
                                    "keputusan."
                                    if r.conflicts else "") + self._held_text(r)
                                 + self._not_copied_text(r))
        self.order.setText("<br>".join(f"<b style='color:#9a3412'>{escape(n)}</b>"
                                       for n in r.order_notes))
        self.order.setVisible(bool(r.order_notes))
        self.table.setRowCount(0)
        for t, c in r.counts.items():
            i = self.table.rowCount()
            self.table.insertRow(i)
            for col, v in enumerate([label(t), c.added, c.updated, c.unchanged,
                                     c.kept, c.conflicts, c.held]):
                item = QTableWidgetItem(v if isinstance(v, str) else format_number(v, 0))
                if col:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(i, col, item)
        self.refused.clear()
        for x in r.refused:
            self.refused.addItem(f"Ditolak — {label(x.table)}: {x.name or x.uuid}: {x.reason}")
        for x in r.held:
            self.refused.addItem(f"Tertahan — {label(x.table)}: {x.name or x.uuid}: {x.reason}")
        self.refused.setVisible(bool(r.refused or r.held))

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
        if result.second_problem:  # the backup before the merge: not on the stick
            daily_check.not_copied(self.window, result.backup, self)
        self.window.data_changed_after_import(result.changes)
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
            item = QListWidgetItem(f"#{c.id} {label(c.tabel)}: {c.nama} "
                                   f"(dari {c.kantor}, {format_time(c.ditemukan_at)}){state}")
            item.setToolTip(item.text())
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
            changes = packages.resolve(item.data(Qt.UserRole).id, keputusan)
        except (packages.ConflictError, EditError) as exc:
            QMessageBox.warning(self, "Konflik", str(exc))
            return False
        self.window.data_changed_after_import(changes)
        self.reload()
        return True
