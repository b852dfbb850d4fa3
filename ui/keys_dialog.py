"""Office keys in the window (Kantor › Kunci kantor): this office's fingerprint, the other
offices' keys trusted here, and the acts on them: export this office's key file, import
another office's (its fingerprint shown to compare by phone before it is recorded), accept
a new key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QMessageBox,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from iku_desktop.domain.formatting import format_time
from iku_desktop.services import office_keys, ownership
from iku_desktop.services.office_keys import KEY_SUFFIX
from iku_desktop.services.editing_errors import EditError

CARA = {"paket": "paket pertamanya", "berkas": "berkas kunci", "operator": "diterima petugas"}
COMPARE = ("Bandingkan sidik ini lewat telepon dengan petugas kantor itu (Kantor › Kunci "
           "kantor di sana, atau iku office keys): keempat kelompok harus sama persis.")


def _when(at: str | None) -> str:
    return format_time(at)


def import_key_file(parent, path: Path | None = None, confirm: bool = True) -> bool:
    """Read another office's key file, show its fingerprint, and record it when the user
    agrees."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(parent, "Impor kunci kantor lain", "",
                                              f"Berkas kunci IKU (*{KEY_SUFFIX})")
        if not name:
            return False
        path = Path(name)
    try:
        key = office_keys.read_key_file(path)
        who = ownership.describe(key.office)
        if confirm and QMessageBox.question(
                parent, "Impor kunci kantor lain",
                f"Berkas ini berisi kunci {who}.\n\nSidik: {key.fingerprint}\n\n{COMPARE}\n\n"
                "Catat kunci ini sebagai kunci kantor itu?") != QMessageBox.Yes:
            return False
        _, changed = office_keys.import_key_file(path)
    except (office_keys.OfficeKeyError, EditError) as exc:
        QMessageBox.warning(parent, "Kunci tidak dapat diimpor", str(exc))
        return False
    QMessageBox.information(parent, "Kunci kantor lain",
                            f"Kunci {who} " + ("dicatat" if changed else "sudah dicatat")
                            + f": sidik {key.fingerprint}.")
    return True


def accept_key(parent, office: str, fingerprint: str, public: bytes | None = None,
               old: str | None = None, confirm: bool = True) -> bool:
    """An operator accepts a new key for ``office`` (after comparing it by phone)."""
    who = ownership.describe(office)
    if confirm and QMessageBox.question(
            parent, "Terima kunci baru",
            f"{who}\n\nKunci lama: {old or '–'}\nKunci baru: {fingerprint}\n\n{COMPARE}\n\n"
            "Terima kunci baru ini? Paket yang ditandatangani dengan kunci lama akan "
            "ditolak.") != QMessageBox.Yes:
        return False
    try:
        office_keys.accept(office, fingerprint, public)
    except (office_keys.OfficeKeyError, EditError) as exc:
        QMessageBox.warning(parent, "Kunci tidak dapat diterima", str(exc))
        return False
    return True


class KeysDialog(QDialog):
    """This office's key and the keys of the other offices."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle("Kunci kantor")
        self.resize(820, 360)
        lay = QVBoxLayout(self)
        self.own = QLabel()
        self.own.setWordWrap(True)
        lay.addWidget(self.own)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Kantor", "Sidik kunci", "Pertama dicatat",
                                              "Paket terakhir", "Asal"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        lay.addWidget(self.table)
        row = QHBoxLayout()
        for text, act in (("&Ekspor kunci kantor ini…", self.export),
                          ("&Impor kunci kantor lain…", lambda: import_key_file(self)
                           and self.reload()),
                          ("Terima kunci &baru…", self.accept_new)):
            button = QPushButton(text)
            button.clicked.connect(act)
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton("&Tutup")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
        self.reload()

    def reload(self) -> None:
        try:
            mine = office_keys.own_fingerprint()
        except EditError:  # read-only, and no key made yet
            mine = None
        self.own.setText(f"Kunci <b>{ownership.describe(ownership.office_code())}</b> "
                         f"(basis data ini): sidik <b>{mine or '– (belum dibuat)'}</b>. "
                         "Kunci rahasianya tidak pernah keluar dari basis data ini.")
        pinned = office_keys.pinned_keys()
        self.table.setRowCount(len(pinned))
        for i, k in enumerate(pinned):
            sidik = k.sidik + (" (menunggu paket/berkas)" if k.menunggu else "")
            for col, text in enumerate([f"{k.nama} ({k.kantor})", sidik, _when(k.dicatat_at),
                                        _when(k.terakhir_at), CARA.get(k.cara, k.cara)]):
                self.table.setItem(i, col, QTableWidgetItem(text))

    def export(self, path: Path | None = None) -> Path | None:
        if path is None:
            default = self.window.db_path.with_name(
                f"kunci-{ownership.office_code()}{KEY_SUFFIX}")
            name, _ = QFileDialog.getSaveFileName(self, "Ekspor kunci kantor ini", str(default),
                                                  f"Berkas kunci IKU (*{KEY_SUFFIX})")
            if not name:
                return None
            path = Path(name)
        try:
            key = office_keys.export_key_file(path)
        except (office_keys.OfficeKeyError, EditError) as exc:
            QMessageBox.warning(self, "Kunci tidak dapat diekspor", str(exc))
            return None
        QMessageBox.information(self, "Kunci kantor ini",
                                f"{path}\n\nSidik: {key.fingerprint}\n\nKirim berkas ini ke "
                                "kantor lain dan bacakan sidiknya lewat telepon.")
        self.reload()
        return path

    def accept_new(self) -> bool:
        office, ok = QInputDialog.getText(self, "Terima kunci baru",
                                          "Kantor (provinsi, atau kode/nama kabupaten/kota):")
        if not ok or not office.strip():
            return False
        fingerprint, ok = QInputDialog.getText(self, "Terima kunci baru",
                                               "Sidik kunci baru (mis. 3F9A-0C12-B7E4-5D60):")
        if not ok:
            return False
        try:
            code = office_keys.office_code_of(office)
        except office_keys.OfficeKeyError as exc:
            QMessageBox.warning(self, "Kunci tidak dapat diterima", str(exc))
            return False
        old = next((k.sidik for k in office_keys.pinned_keys() if k.kantor == code), None)
        done = accept_key(self, code, fingerprint, old=old)
        self.reload()
        return done
