"""Qt's own words in Indonesian: the standard dialog buttons (Ya / Tidak / Batal / OK …),
the text fields' context menus and Qt's own file dialog.

PySide6 ships no Indonesian translation of Qt (``PySide6/Qt/translations`` has no
``qtbase_id.qm``), so the program carries its own, as a ``QTranslator`` that answers the few
Qt contexts a user of this program meets. One translator, installed once on the
application, covers every ``QMessageBox.question``/``warning``, ``QInputDialog`` and
``QDialogButtonBox`` without changing a call site. Native file dialogs (Windows) already
speak the system's language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

_EDITING = {"&Undo": "&Urungkan", "&Redo": "&Ulangi", "Cu&t": "Po&tong", "&Copy": "&Salin",
            "&Paste": "&Tempel", "Delete": "Hapus", "Select All": "Pilih semua",
            "Copy &Link Location": "Salin &alamat tautan"}

WORDS: dict[str, dict[str, str]] = {
    # the standard buttons of QMessageBox, QDialogButtonBox and QInputDialog
    "QPlatformTheme": {
        "OK": "OK", "Save": "Simpan", "Save All": "Simpan semua", "Open": "Buka",
        "&Yes": "&Ya", "Yes to &All": "Ya untuk &semua", "&No": "&Tidak",
        "N&o to All": "T&idak untuk semua", "Abort": "Hentikan", "Retry": "Coba lagi",
        "Ignore": "Abaikan", "Close": "Tutup", "Cancel": "Batal", "Discard": "Buang",
        "Help": "Bantuan", "Apply": "Terapkan", "Reset": "Atur ulang",
        "Restore Defaults": "Kembalikan bawaan",
    },
    # the same buttons under a GNOME/KDE platform theme (Linux)
    "QGnomeTheme": {"&OK": "&OK", "&Save": "&Simpan", "&Cancel": "&Batal", "&Close": "&Tutup",
                    "Close without Saving": "Tutup tanpa menyimpan"},
    "QMessageBox": {"Show Details...": "Tampilkan rincian…", "Hide Details...":
                    "Sembunyikan rincian…", "OK": "OK", "About Qt": "Tentang Qt"},
    "QInputDialog": {"Enter a value:": "Masukkan nilai:"},
    "QLineEdit": _EDITING,
    "QWidgetTextControl": _EDITING,
    "QAbstractSpinBox": {"&Step up": "&Naik", "Step &down": "&Turun",
                         "&Select All": "&Pilih semua"},
    "QFileDialog": {
        "&Look in:": "&Cari di:", "File &name:": "&Nama berkas:",
        "Files of &type:": "&Jenis berkas:", "&Open": "&Buka", "&Save": "&Simpan",
        "Open": "Buka", "Save As": "Simpan sebagai", "&Delete": "&Hapus",
        "&Rename": "&Ganti nama", "&New Folder": "Folder &baru", "New Folder": "Folder baru",
        "Create New Folder": "Buat folder baru", "Create a New Folder": "Buat folder baru",
        "All Files (*)": "Semua berkas (*)", "Back": "Kembali", "Forward": "Maju",
        "Go back": "Kembali", "Go forward": "Maju", "Parent Directory": "Folder induk",
        "Go to the parent directory": "Ke folder induk", "List View": "Tampilan daftar",
        "Detail View": "Tampilan rinci", "Change to list view mode": "Tampilan daftar",
        "Change to detail view mode": "Tampilan rinci", "Show &hidden files":
        "Tampilkan berkas &tersembunyi", "Sidebar": "Panel samping", "Files": "Berkas",
        "List of places and bookmarks": "Daftar tempat dan penanda", "Directory:": "Folder:",
        "Directories": "Folder", "Find Directory": "Cari folder", "&Choose": "&Pilih",
        "Are you sure you want to delete '%1'?": "Yakin menghapus '%1'?",
        "%1 already exists.\nDo you want to replace it?":
            "%1 sudah ada.\nGanti berkas itu?",
        "%1\nFile not found.\nPlease verify the correct file name was given.":
            "%1\nBerkas tidak ditemukan.\nPeriksa nama berkasnya.",
    },
    "QFileSystemModel": {"Name": "Nama", "Size": "Ukuran", "Type": "Jenis",
                         "Date Modified": "Diubah", "Computer": "Komputer"},
    "QAbstractFileIconProvider": {"Drive": "Drive", "Folder": "Folder", "File": "Berkas"},
}


class IndonesianQt(QTranslator):
    """Answers Qt's own strings from ``WORDS``; anything else is left to Qt (English)."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002
        return WORDS.get(context, {}).get(source_text)

    def isEmpty(self) -> bool:  # noqa: N802 — Qt's name
        return False


_installed: IndonesianQt | None = None


def install() -> None:
    """Install the translator on the running application (once; later calls do nothing).
    Kept referenced here: Qt does not own a translator and Python would collect it."""
    global _installed
    app = QCoreApplication.instance()
    if app is None or (_installed is not None and _installed.parent() is app):
        return
    _installed = IndonesianQt(app)
    app.installTranslator(_installed)
