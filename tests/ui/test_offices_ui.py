"""The window and other offices: read-only second opener, damaged file restore, data
packages with preview and conflicts, the audit log, the office, tetapkan and locks."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from iku_desktop.services import editing, office_keys, packages
from iku_desktop.store import backup, lockfile
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database
from tests.services.test_packages import new_office
from ui import exchange_dialogs, office_menus, opening, tasks
from ui.audit_dialog import AuditDialog
from ui.keys_dialog import KeysDialog
from ui.main_window import MainWindow
from tests.ui.showing import show_register


@pytest.fixture
def warnings(monkeypatch):
    seen = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name,
                            lambda *a, _n=name, **k: seen.append((_n, a[2] if len(a) > 2 else "")))
    return seen


def usaha_change():
    return editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021")


def test_a_database_held_elsewhere_opens_read_only(qtbot, db_path, monkeypatch, warnings):
    lockfile.lock_path(db_path).write_text(json.dumps(
        {"user": "budi", "host": "PC-SEKRETARIAT", "pid": 1, "since": "2026-11-26T08:00:00"}))
    asked = []
    monkeypatch.setattr(opening, "_ask_held", lambda parent, held: asked.append(held) or "read")
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    assert asked[0].user == "budi"
    assert "hanya-baca" in w.windowTitle() and "budi" in w.read_only
    assert "HANYA-BACA" in w.statusBar().currentMessage()
    assert not w.push_change(usaha_change())
    assert "hanya-baca" in warnings[-1][1]
    assert m.UsahaKecil.select().count() == 0
    w.close()
    assert lockfile.holder(db_path).user == "budi"  # a read-only window leaves their lock


def test_the_holder_may_be_taken_over(qtbot, db_path, monkeypatch):
    lockfile.lock_path(db_path).write_text(json.dumps(
        {"user": "budi", "host": "PC-LAMA", "pid": 1, "since": "2026-11-26T08:00:00"}))
    monkeypatch.setattr(opening, "_ask_held", lambda parent, held: "take")
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    assert w.read_only is None and lockfile.holder(db_path).is_this_process
    assert w.push_change(usaha_change())
    w.close()
    assert lockfile.holder(db_path) is None


def test_a_damaged_file_offers_the_latest_backup(qtbot, db_path, monkeypatch):
    db = open_database(db_path)
    usaha_change().write()
    backup.create(db_path, "manual", conn=db.connection())
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    db_path.write_bytes(b"bukan basis data" * 1000)
    offered = []
    monkeypatch.setattr(opening, "_offer_restore",
                        lambda parent, exc, latest: offered.append(str(exc)) or True)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    assert "bukan basis data IKU Desktop" in offered[0]
    assert m.UsahaKecil.get().nama_usaha == "Kopi"
    assert any(b.reason == "rusak" for b in backup.list_backups(db_path))


def district_package(tmp_path):
    """A province and a district that know each other's keys; the district's package."""
    new_office(tmp_path, "provinsi")
    db = open_database(new_office(tmp_path, "muaro", "1505"))
    usaha_change().write()
    packages.export_package(tmp_path / "muaro.ikupkg")
    db.close()
    return tmp_path / "muaro.ikupkg"


def test_receiving_a_package_previews_then_merges(qtbot, tmp_path, warnings, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    pkg = district_package(tmp_path)
    prov = tmp_path / "provinsi.sqlite"
    theirs, ours = fingerprint(tmp_path / "muaro.sqlite"), fingerprint(prov)
    w = MainWindow(prov)
    qtbot.addWidget(w)
    dialog = exchange_dialogs.PackageImportDialog(pkg, w)
    qtbot.addWidget(dialog)
    assert "Kabupaten Muaro Jambi" in dialog.heading.text()
    # sender and receiver with their fingerprints, read before the body is opened
    parties = dialog.parties.text()
    assert f"sidik <b>{theirs}</b> — kunci yang sudah dipercaya" in parties
    assert f"Penerima: kantor provinsi (provinsi), sidik {ours}" in parties
    row = [dialog.table.item(0, c).text() for c in range(6)]
    assert row == ["Usaha kecil", "1", "0", "0", "0", "0"]
    assert m.UsahaKecil.select().count() == 0  # only a preview so far
    dialog.merge()
    assert m.UsahaKecil.get().nama_usaha == "Kopi"
    assert "sudah digabungkan" in dialog.heading.text()
    again = exchange_dialogs.PackageImportDialog(pkg, w)
    qtbot.addWidget(again)
    assert "sudah pernah diterima" in again.heading.text() and not again.go.isEnabled()


def fingerprint(path) -> str:
    db = open_database(path)
    try:
        return office_keys.own_fingerprint()
    finally:
        db.close()


def test_a_new_key_is_refused_and_accepted_with_the_button(qtbot, tmp_path, monkeypatch):
    district_package(tmp_path)
    again = new_office(tmp_path, "muaro-baru", "1505", introduce=False)
    db = open_database(again)
    office_keys.import_key_file(tmp_path / "kunci" / "provinsi.ikukey")
    usaha_change().write()
    packages.export_package(tmp_path / "baru.ikupkg")
    db.close()
    old, new = fingerprint(tmp_path / "muaro.sqlite"), fingerprint(again)
    ours = fingerprint(tmp_path / "provinsi.sqlite")
    w = MainWindow(tmp_path / "provinsi.sqlite")
    qtbot.addWidget(w)
    dialog = exchange_dialogs.PackageImportDialog(tmp_path / "baru.ikupkg", w)
    qtbot.addWidget(dialog)
    assert "Paket ditolak" in dialog.heading.text() and not dialog.go.isEnabled()
    assert old in dialog.heading.text() and new in dialog.heading.text()
    assert not dialog.new_key.isHidden()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    dialog.new_key.click()
    assert old in asked[0] and new in asked[0]
    assert dialog.go.isEnabled() and dialog.new_key.isHidden()
    assert f"sidik <b>{new}</b>" in dialog.parties.text()
    keys = KeysDialog(w)
    qtbot.addWidget(keys)
    assert ours in keys.own.text()
    texts = [keys.table.item(r, 1).text() for r in range(keys.table.rowCount())]
    assert new in texts and old not in texts


def test_sending_without_the_receivers_key_offers_key_file_or_unsealed(qtbot, tmp_path,
                                                                       monkeypatch, warnings):
    prov = new_office(tmp_path, "provinsi", introduce=False)
    db = open_database(prov)
    ours = office_keys.export_key_file(tmp_path / "provinsi.ikukey").fingerprint
    db.close()
    w = MainWindow(new_office(tmp_path, "muaro", "1505", introduce=False))
    qtbot.addWidget(w)
    assert w.push_change(usaha_change())
    choices = iter(["unsealed", "key"])
    monkeypatch.setattr(exchange_dialogs, "ask_without_receiver_key",
                        lambda window, exc: next(choices))
    assert exchange_dialogs.export_package(w, tmp_path / "1.ikupkg")
    assert "PERINGATAN: Paket tidak disegel" in warnings[-1][1]
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(tmp_path / "provinsi.ikukey"), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    assert exchange_dialogs.export_package(w, tmp_path / "2.ikupkg")
    assert f"Disegel untuk kantor provinsi (sidik {ours})" in warnings[-1][1]


def test_conflicts_side_by_side_and_resolved(qtbot, tmp_path, monkeypatch):
    pkg = district_package(tmp_path)
    prov = tmp_path / "provinsi.sqlite"
    db = open_database(prov)
    packages.import_package(pkg)
    uid = m.UsahaKecil.get().id
    editing.prepare_edit("usaha_kecil", uid, "sektor", "Kuliner").write()
    packages.export_package(tmp_path / "prov.ikupkg")
    db.close()
    db = open_database(tmp_path / "muaro.sqlite")
    editing.prepare_edit("usaha_kecil", m.UsahaKecil.get().id, "sektor", "Jasa").write()
    db.close()
    monkeypatch.setattr(exchange_dialogs.ConflictDialog, "exec", lambda self: 0)
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    w = MainWindow(tmp_path / "muaro.sqlite")
    qtbot.addWidget(w)
    assert "Muaro Jambi" in w.windowTitle()
    merged = exchange_dialogs.PackageImportDialog(tmp_path / "prov.ikupkg", w)
    qtbot.addWidget(merged)
    merged.merge()
    assert len(merged.result.conflicts) == 1
    dialog = exchange_dialogs.ConflictDialog(w)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith("#1 Usaha kecil: Kopi (pemilik Ali) (dari ")
    assert [dialog.fields.item(0, c).text() for c in range(3)] == ["sektor", "Jasa", "Kuliner"]
    assert dialog.resolve("mereka")
    assert m.UsahaKecil.get().sektor == "Kuliner"
    assert dialog.list.count() == 0
    dialog.show_all.setChecked(True)
    assert dialog.list.count() == 1 and "mereka" in dialog.list.item(0).text()
    assert not dialog.ours.isEnabled()


def test_audit_log_view_filters_and_verifies(qtbot, db_path, monkeypatch):
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    assert w.push_change(usaha_change())
    dialog = AuditDialog(w)
    qtbot.addWidget(dialog)
    actions = [dialog.view.item(i, 3).text() for i in range(dialog.view.rowCount())]
    assert "Tambah" in actions
    dialog.table_box.setCurrentIndex(dialog.table_box.findData("usaha_kecil"))
    assert dialog.view.rowCount() == 1 and "nama_usaha=Kopi" in dialog.view.item(0, 5).text()
    dialog.source.setText("tidak ada sumber seperti ini")
    dialog.reload()
    assert dialog.view.rowCount() == 0
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    assert dialog.verify()


def test_a_district_window_cannot_edit_the_document_or_other_areas(qtbot, db_path, warnings):
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    kop = editing.prepare_koperasi("1/BH/2020", "Kop Kota", "01/01/2020", "Kota Jambi", "Jasa")
    assert w.push_change(kop)
    assert office_menus.choose_office(w, "Kabupaten Muaro Jambi (1505)")
    assert "Muaro Jambi" in w.windowTitle()
    kid = m.Koperasi.get().id
    assert not w.push_change(editing.prepare_edit("koperasi", kid, "nama", "X"))
    assert "milik kantor Kota Jambi" in warnings[-1][1]
    from iku_desktop.services import document_edit

    change = document_edit.DocumentChange("x", {}, {})
    assert not w.push_change(change)
    assert "dikelola kantor provinsi" in warnings[-1][1]
    assert w.push_change(usaha_change())  # its own area


def test_tetapkan_and_lock_from_the_menus(qtbot, db_path, warnings):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    assert office_menus.tetapkan(w, confirm=False)
    assert not w.document.locked.isHidden() and "sudah ditetapkan" in w.document.locked.text()
    assert not any(box.isEnabled() for box in w.document.document_boxes)
    from iku_desktop.services import document_edit

    change = document_edit.DocumentChange("x", {}, {})
    assert not w.push_change(change)
    assert "sudah ditetapkan" in warnings[-1][1]
    assert office_menus.new_revision(w, confirm=False)
    assert w.doc.revisi == 2
    assert w.document.locked.isHidden()
    assert all(box.isEnabled() for box in w.document.document_boxes)
    assert office_menus.lock_year(w, confirm=False)
    ind = w.doc.sasaran[0].indikator[0].id
    assert not w.push_change(editing.prepare_year_value("target", ind, 2022, "5"))
    assert "sudah dikunci" in warnings[-1][1]
    from PySide6.QtCore import Qt

    targets = show_register(w, w.sasaran_tabs[0].panels[1].records[1]).model
    locked, open_ = targets.years.index(2022), targets.years.index(2023)
    assert not targets.flags(targets.index(locked, 1)) & Qt.ItemIsEditable
    assert targets.flags(targets.index(open_, 1)) & Qt.ItemIsEditable


def test_rows_of_another_area_are_gray_and_not_editable(qtbot, db_path):
    from PySide6.QtCore import Qt

    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    w.push_change(editing.prepare_usaha("Warung Kota", "Siti", "Kota Jambi", "02/02/2022"))
    assert office_menus.choose_office(w, "Kabupaten Muaro Jambi (1505)")
    w.push_change(usaha_change())
    usaha = show_register(w, w.sasaran_tabs[1].panels[2].records[0])
    model = usaha.model
    rows = {model.data(model.index(r, 0)): r for r in range(model.rowCount())}
    other, own = model.index(rows["Warung Kota"], 0), model.index(rows["Kopi"], 0)
    assert not model.flags(other) & Qt.ItemIsEditable
    assert "Milik kantor Kota Jambi" in model.data(other, Qt.ToolTipRole)
    assert model.flags(own) & Qt.ItemIsEditable and model.data(own, Qt.ToolTipRole) is None


def test_a_read_only_window_still_prints(qtbot, db_path, monkeypatch):
    from iku_desktop.services import printing

    lockfile.lock_path(db_path).write_text(json.dumps(
        {"user": "budi", "host": "PC-SEKRETARIAT", "pid": 1, "since": "2026-11-26T08:00:00"}))
    monkeypatch.setattr(opening, "_ask_held", lambda parent, held: "read")
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    out = printing.make("dokumen")
    assert out.pdf.startswith(b"%PDF") and out.archive_id == 0
    assert m.Cetakan.select().count() == 0


def test_a_district_may_change_its_own_settings(qtbot, db_path, warnings):
    from iku_desktop.services import setting_edit

    w = MainWindow(db_path)
    qtbot.addWidget(w)
    assert office_menus.choose_office(w, "Kabupaten Muaro Jambi (1505)")
    assert w.push_change(setting_edit.prepare("kertas", "F4"))


def test_audit_log_masks_the_nik_until_revealed_with_a_click(qtbot, db_path):
    from PySide6.QtCore import Qt

    nik = "1571010101900003"
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    assert w.push_change(usaha_change())
    u = m.UsahaKecil.get()
    assert w.push_change(editing.prepare_edit("usaha_kecil", u.id, "nik_pemilik", nik))
    dialog = AuditDialog(w)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = lambda: " ".join(dialog.view.item(i, 5).text()  # noqa: E731
                             for i in range(dialog.view.rowCount()))
    assert nik not in texts() and "1571••••••••0003" in texts()
    qtbot.mouseClick(dialog.reveal, Qt.LeftButton)
    assert nik in texts()
