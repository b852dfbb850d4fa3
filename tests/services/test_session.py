"""The session service: opening (created when missing), the lock, read-only with its reason,
the damaged-file offer, backups and the one restore; the office and the read-only reason
are state of the open database, so two databases opened one after the other never see
each other's."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from iku_desktop.services import backups, editing, ownership, session
from iku_desktop.services.editing_errors import EditError
from iku_desktop.services.changes import OpChanges
from iku_desktop.store import audit
from iku_desktop.store import models as m
from tests.services.test_packages import new_office
from tests.dbfiles import count_usaha, held_by_budi


def usaha():
    return editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021")



def other_application_file(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE pesanan (x)")
    conn.commit()
    conn.close()
    return path


def test_a_missing_database_is_created_and_locked_until_closed(tmp_path):
    path = tmp_path / "baru.sqlite"
    s = session.open_session(path)
    try:
        assert s.read_only is None and s.office == "provinsi"
        assert session.active_document() is not None
        assert session.holder(path).is_this_process
    finally:
        s.close()
    assert session.holder(path) is None


def test_close_may_keep_the_lock_for_opening_again(db_path):
    s = session.open_session(db_path)
    s.close(keep_lock=True)
    assert session.holder(db_path).is_this_process
    session.release(db_path)
    assert session.holder(db_path) is None


def test_held_elsewhere_read_only_take_over_or_cancel(db_path):
    held_by_budi(db_path)
    asked = []
    assert session.open_session(db_path, ask_held=lambda h: asked.append(h) or None) is None
    assert asked[0].user == "budi" and session.holder(db_path).user == "budi"

    s = session.open_session(db_path, ask_held=lambda h: "read")
    try:
        assert "budi" in s.read_only and "PC-SEKRETARIAT" in s.read_only
        assert ownership.read_only() == s.read_only
        with pytest.raises(EditError, match="hanya-baca: sedang dibuka oleh budi"):
            usaha().write()
    finally:
        s.close()
    assert session.holder(db_path).user == "budi"  # a read-only session leaves their lock

    s = session.open_session(db_path, ask_held=lambda h: "take")
    try:
        assert s.read_only is None and session.holder(db_path).is_this_process
        usaha().write()
    finally:
        s.close()
    assert session.holder(db_path) is None


def test_the_read_only_reason_belongs_to_its_database(db_path, tmp_path):
    held_by_budi(db_path)
    first = session.open_session(db_path, ask_held=lambda h: "read")
    first.close()
    other = tmp_path / "lain.sqlite"
    second = session.open_session(other)
    try:
        assert ownership.read_only() is None
        usaha().write()  # not refused: the reason was the first database's
    finally:
        second.close()
    assert count_usaha(other) == 1


def damaged_with_backup(db_path):
    s = session.open_session(db_path)
    usaha().write()
    backups.create_backup(db_path, s.db)
    s.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    db_path.write_bytes(b"bukan basis data" * 1000)


def test_a_damaged_file_offers_the_latest_backup_and_the_restore_is_audited(db_path):
    damaged_with_backup(db_path)
    offered = []
    s = session.open_session(db_path, offer_restore=lambda exc, latest: offered.append(
        (str(exc), latest)) or True)
    try:
        assert "bukan basis data IKU Desktop" in offered[0][0]
        assert offered[0][1].reason == "manual"
        assert m.UsahaKecil.get().nama_usaha == "Kopi"
        rows = audit.entries(s.db.connection(), table="basis_data")
        assert [r.aksi for r in rows] == ["pulih"]
        assert session.holder(db_path).is_this_process
    finally:
        s.close()


def test_a_declined_offer_is_the_damage_and_leaves_no_lock(db_path):
    damaged_with_backup(db_path)
    with pytest.raises(session.DatabaseDamaged):
        session.open_session(db_path, offer_restore=lambda exc, latest: False)
    assert session.holder(db_path) is None


def test_a_failed_restore_of_the_offer_is_restore_failed(db_path):
    damaged_with_backup(db_path)
    latest = backups.latest_usable(db_path)
    latest.path.write_bytes(b"SQLite format 3\0" + b"\x01" * 5000)  # the backup is damaged too
    with pytest.raises(session.RestoreFailed, match="Tidak dipulihkan"):
        session.open_session(db_path, offer_restore=lambda exc, latest: True)
    assert session.holder(db_path) is None


def test_backups_create_list_and_restore_everything(db_path):
    made = backups.create_backup(db_path)  # the file is opened for it
    assert [b.path for b in backups.list_backups(db_path)] == [made.path]
    assert backups.folder_for(db_path) == made.path.parent
    s = session.open_session(db_path)
    usaha().write()
    s.close()
    done = backups.restore_backup(db_path)  # the newest usable one
    assert done.source == made.path and done.changes == OpChanges.everything()
    assert done.safety.reason == "sebelum-pulih" and count_usaha(done.safety.path) == 1
    assert count_usaha(db_path) == 0


def test_restore_guards(db_path, tmp_path):
    with pytest.raises(backups.BackupError, match="belum ada cadangan"):
        backups.restore_backup(db_path)
    made = backups.create_backup(db_path)
    foreign = other_application_file(tmp_path / "lain.sqlite")
    with pytest.raises(backups.BackupError, match="bukan cadangan basis data IKU Desktop"):
        backups.restore_backup(db_path, foreign)
    held_by_budi(db_path)
    with pytest.raises(backups.DatabaseHeld, match="sedang dibuka oleh budi"):
        backups.restore_backup(db_path, made.path)
    with pytest.raises(session.DatabaseError, match="tidak ditemukan"):
        backups.restore_backup(tmp_path / "tidak-ada.sqlite", made.path)


def test_save_copy(db_path, tmp_path):
    s = session.open_session(db_path)
    try:
        backups.save_copy(s.db, tmp_path / "salinan.sqlite")
        with pytest.raises(backups.BackupError):
            backups.save_copy(s.db, tmp_path / "tidak-ada" / "x" / "salinan.sqlite")
    finally:
        s.close()
    assert count_usaha(tmp_path / "salinan.sqlite") == 0


def test_the_office_is_state_of_the_open_database(tmp_path):
    a = new_office(tmp_path, "kerinci", "1501", introduce=False)
    b = new_office(tmp_path, "provinsi", introduce=False)
    db_a = session.open_plain(a)
    assert ownership.office_code() == "1501"
    db_b = session.open_plain(b)
    try:
        usaha().write()
        assert m.UsahaKecil.get().origin == "provinsi"
        m.database.initialize(db_a)  # back to A: its own office, not the last one opened
        assert m.current_office() == "1501"
        with m.database.atomic():
            kab = m.Kabupaten.get(m.Kabupaten.bps == "1501")
            m.UsahaKecil.create(nama_usaha="Teh", nama_pemilik="Ani", kabupaten=kab,
                                tanggal_terdata=date(2021, 3, 1))
        assert m.UsahaKecil.get(m.UsahaKecil.nama_usaha == "Teh").origin == "1501"
    finally:
        db_a.close()
        db_b.close()


FRONT_END_FILES = ("ui/opening.py", "ui/backup_dialog.py", "ui/tasks.py",
                   "iku_desktop/cli/__init__.py")


def absolute_imports(path: Path, package: str):
    """The modules ``path`` imports, relative imports resolved against ``package``."""
    import ast

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] \
                if node.level else []
            yield ".".join(base + ([node.module] if node.module else []))


def test_the_front_ends_open_and_restore_only_through_services():
    root = Path(__file__).resolve().parents[2]
    offenders = [f"{name}: {mod}" for name in FRONT_END_FILES
                 for mod in absolute_imports(root / name, "iku_desktop.cli"
                                             if name.endswith("__init__.py") else "ui")
                 if mod.split(".")[0] in ("peewee", "sqlite3")
                 or mod.startswith(("iku_desktop.store", "iku_desktop.exchange"))]
    assert offenders == []
    assert "iku_desktop.services" in set(absolute_imports(
        root / "iku_desktop/cli/__init__.py", "iku_desktop.cli"))
