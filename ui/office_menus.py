"""The Kantor menu (the office's identity and settings, data packages, conflicts, office
keys, audit log) and the Dokumen menu (tetapkan, new revision, lock a year's realisasi)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from iku_desktop.domain.wilayah import KABUPATEN_KOTA
from iku_desktop.services import locking, office
from iku_desktop.services.editing_errors import EditError


PROVINSI_LABEL = "Kantor provinsi (Dinas Koperasi dan UKM Provinsi Jambi)"


def build(window) -> None:
    from .window_menus import add_action, later  # the dialogs load when first asked for

    def add(menu, text, slot):
        return add_action(window, menu, text, slot)

    kantor = window.menuBar().addMenu("&Kantor")
    add(kantor, "&Identitas kantor…", lambda: choose_office(window))
    add(kantor, "&Pengaturan kantor…", lambda: office_settings(window))
    kantor.addSeparator()
    add(kantor, "&Kirim paket data…",
        lambda: later("exchange_dialogs", "export_package")(window))
    add(kantor, "&Terima paket data…",
        lambda: later("exchange_dialogs", "import_package")(window))
    add(kantor, "&Konflik data…",
        lambda: later("exchange_dialogs", "ConflictDialog")(window).exec())
    add(kantor, "K&unci kantor…", lambda: later("keys_dialog", "KeysDialog")(window).exec())
    kantor.addSeparator()
    add(kantor, "&Log audit…", lambda: later("audit_dialog", "AuditDialog")(window).exec())
    dokumen = window.menuBar().addMenu("&Dokumen")
    add(dokumen, "&Tetapkan dokumen IKU…", lambda: tetapkan(window))
    add(dokumen, "&Revisi baru…", lambda: new_revision(window))
    dokumen.addSeparator()
    add(dokumen, "&Kunci realisasi tahun ini…", lambda: lock_year(window))


def office_settings(window) -> None:
    """Kantor › Pengaturan kantor (its module, with the PDF renderer of its preview, is
    loaded when first asked for)."""
    from .settings_dialog import SettingsDialog

    SettingsDialog(window).exec()


def choose_office(window, choice: str | None = None) -> bool:
    """Set the office (asks which, unless ``choice`` — a label — is given)."""
    labels = [PROVINSI_LABEL] + [f"{k.nama} ({k.bps})" for k in KABUPATEN_KOTA]
    current = window.office
    at = 0 if current.is_provinsi else next(
        (i for i, k in enumerate(KABUPATEN_KOTA, start=1) if k.bps == current.code), 0)
    if choice is None:
        choice, ok = QInputDialog.getItem(
            window, "Identitas kantor",
            f"Basis data ini milik: {current.describe()}\n\nGanti menjadi:", labels, at, False)
        if not ok:
            return False
    kab = None if choice == PROVINSI_LABEL else choice.rsplit("(", 1)[1].rstrip(")")
    try:
        office.set_office(kab)
    except office.OfficeError as exc:
        QMessageBox.warning(window, "Kantor tidak dapat diganti", str(exc))
        return False
    window.office_changed()
    return True


def _act(window, title: str, question: str, action, message, confirm: bool) -> bool:
    """Ask (when ``confirm``), do ``action`` (a locking act), refresh from what it changed
    and say ``message(result)`` in the status bar."""
    if confirm and QMessageBox.question(window, title, question) != QMessageBox.Yes:
        return False
    try:
        done = action()
    except EditError as exc:
        QMessageBox.warning(window, title, str(exc))
        return False
    window.data_changed_after_import(done.changes)
    window.statusBar().showMessage(message(done), 8000)
    return True


def tetapkan(window, confirm: bool = True) -> bool:
    return _act(window, "Tetapkan dokumen IKU",
                "Tetapkan dokumen IKU yang berlaku (setelah ditandatangani)? Sesudahnya "
                "dokumen hanya dapat dibaca; perubahan memerlukan revisi baru.",
                locking.tetapkan, lambda done: f"Dokumen IKU revisi {done.revisi} ditetapkan",
                confirm)


def new_revision(window, confirm: bool = True) -> bool:
    return _act(window, "Revisi baru",
                "Buat revisi baru dari dokumen IKU yang sudah ditetapkan? Revisi lama disimpan "
                "apa adanya.",
                locking.new_revision, lambda done: f"Revisi {done.revisi} dibuat; dapat diubah",
                confirm)


def lock_year(window, confirm: bool = True) -> bool:
    year = window.year
    return _act(window, f"Kunci realisasi {year}",
                f"Kunci realisasi tahun {year} (setelah dilaporkan)? Laporan Capaian {year} "
                "dibekukan seperti sekarang, target dan realisasinya tidak dapat diubah lagi.",
                lambda: locking.lock_year(year),
                lambda done: f"Realisasi {year} dikunci (kode {done.kode})", confirm)
