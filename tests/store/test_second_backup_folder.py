"""The second backup folder (a USB stick): every backup is also copied there, rotated
alike; a folder that is missing (the stick unplugged), read-only or full is said in
Indonesian and the backup beside the database is made anyway."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.services import backups, setting_edit
from iku_desktop.store import settings
from iku_desktop.store.database import open_database

from . import disks


def run(capsys, db_path, *args):
    code = cli(["--db", str(db_path), *map(str, args)])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def copies(folder: Path, db_path: Path) -> list[Path]:
    sub = folder / f"{db_path.stem}-cadangan"
    return sorted(p for p in sub.iterdir() if p.suffix == ".sqlite") if sub.is_dir() else []


def test_backup_create_copies_to_the_second_folder(capsys, db_path, tmp_path):
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    assert run(capsys, db_path, "setting", "cadangan_folder_kedua", stick)[0] == 0
    code, out, err = run(capsys, db_path, "backup", "create")
    assert code == 0 and err == ""
    [copy] = copies(stick, db_path)
    [made] = backups.list_backups(db_path)
    assert copy.name == made.path.name and copy.read_bytes() == made.path.read_bytes()
    assert f"Disalin ke folder cadangan kedua: {copy}" in out
    # the copy is a whole database, not a partial file
    assert not list((stick / f"{db_path.stem}-cadangan").glob("*.sebagian"))


def test_the_second_folder_keeps_as_many_as_the_main_one(capsys, db_path, tmp_path):
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    db = open_database(db_path)
    try:
        settings.set_values({"cadangan_folder_kedua": str(stick), "cadangan_disimpan": 2})
        for _ in range(4):
            backups.create_backup(db_path, db)
    finally:
        db.close()
    kept = [b.path.name for b in backups.list_backups(db_path)]
    assert len(kept) == 2
    assert [p.name for p in copies(stick, db_path)] == sorted(kept)


def test_an_unplugged_stick_is_said_and_the_backup_made(capsys, db_path, tmp_path):
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    assert run(capsys, db_path, "setting", "cadangan_folder_kedua", stick)[0] == 0
    stick.rmdir()  # the stick pulled out
    code, out, err = run(capsys, db_path, "backup", "create")
    assert code == 0
    assert len(backups.list_backups(db_path)) == 1
    assert "Peringatan: Cadangan tidak disalin ke folder cadangan kedua" in err
    assert "tidak ditemukan (flashdisk tidak terpasang" in err
    assert "Cadangan utama tetap dibuat" in err


def test_a_read_only_second_folder_is_said_and_the_backup_made(capsys, db_path, tmp_path):
    source, view = tmp_path / "isi", tmp_path / "FLASHDISK"
    source.mkdir()
    view.mkdir()
    assert run(capsys, db_path, "setting", "cadangan_folder_kedua", view)[0] == 0
    with disks.read_only_view(source, view):
        code, out, err = run(capsys, db_path, "backup", "create")
        assert code == 0
        [made] = backups.list_backups(db_path)
        assert made.path.is_file() and "Cadangan dibuat" in out
        assert "tidak dapat ditulis: sistem berkasnya hanya-baca" in err
        assert not list(view.iterdir())


def test_a_full_stick_is_said_and_the_backup_made(capsys, db_path, tmp_path):
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    assert run(capsys, db_path, "setting", "cadangan_folder_kedua", stick)[0] == 0
    with disks.small_disk(stick, "1m"):
        disks.fill(stick)
        code, out, err = run(capsys, db_path, "backup", "create")
        assert code == 0 and len(backups.list_backups(db_path)) == 1
        assert f"disk {stick} penuh" in err
        assert not list((stick / f"{db_path.stem}-cadangan").glob("*"))  # nothing half-written


def test_automatic_backups_are_copied_too(db_path, tmp_path):
    from iku_desktop.store import backup
    from iku_desktop.store import models as m

    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    db = open_database(db_path)
    try:
        settings.set_value("cadangan_folder_kedua", str(stick))
        made = backup.create(db_path, "sebelum-impor", conn=m.database.connection())
    finally:
        db.close()
    assert made.second_copy == stick / f"{db_path.stem}-cadangan" / made.path.name
    assert made.second_copy.is_file() and made.second_problem == ""


def on_its_own(monkeypatch) -> None:
    """As ``iku backup restore`` runs in a process of its own: no database bound to the
    models (the commands run before it in this test bound theirs)."""
    from iku_desktop.store import models as m

    monkeypatch.setattr(m.database, "obj", None)


def test_the_state_a_restore_replaces_is_copied_too(capsys, db_path, tmp_path,
                                                     monkeypatch):
    """The backup taken of the state a restore replaces reaches the stick like the others
    (the setting is the replaced database's: read before it is replaced)."""
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    assert run(capsys, db_path, "setting", "cadangan_folder_kedua", stick)[0] == 0
    assert run(capsys, db_path, "backup", "create")[0] == 0
    on_its_own(monkeypatch)
    code, out, err = run(capsys, db_path, "backup", "restore")
    assert code == 0 and err == ""
    safety = next(b for b in backups.list_backups(db_path) if b.reason == "sebelum-pulih")
    copy = stick / f"{db_path.stem}-cadangan" / safety.path.name
    assert copy.read_bytes() == safety.path.read_bytes()
    assert f"Disalin ke folder cadangan kedua: {copy}" in out


def test_a_restore_says_the_state_it_replaced_was_not_copied(capsys, db_path, tmp_path,
                                                              monkeypatch):
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    assert run(capsys, db_path, "setting", "cadangan_folder_kedua", stick)[0] == 0
    assert run(capsys, db_path, "backup", "create")[0] == 0
    shutil.rmtree(stick)  # the stick pulled out
    on_its_own(monkeypatch)
    code, out, err = run(capsys, db_path, "backup", "restore")
    assert code == 0 and "Dipulihkan dari" in out
    assert "Peringatan: Cadangan tidak disalin ke folder cadangan kedua" in err
    assert "tidak ditemukan (flashdisk tidak terpasang" in err
    assert [b.reason for b in backups.list_backups(db_path)] == ["sebelum-pulih", "manual"]


@pytest.mark.parametrize("typed, says", [
    ("relatif/folder", "bukan jalur lengkap"),
    ("/tidak/ada/flashdisk", "tidak ditemukan"),
])
def test_a_second_folder_that_cannot_be_used_is_refused_naming_the_field(db, typed, says):
    with pytest.raises(setting_edit.SettingError, match=f"^Folder cadangan kedua: .*{says}"):
        setting_edit.set_from_text("cadangan_folder_kedua", [typed])
    assert settings.get("cadangan_folder_kedua") == ""


def test_the_database_folder_itself_is_refused(db, db_path):
    with pytest.raises(setting_edit.SettingError, match="folder basis data itu sendiri"):
        setting_edit.set_from_text("cadangan_folder_kedua", [str(db_path.parent)])


def test_the_setting_is_listed_and_cleared_on_the_command_line(capsys, db_path, tmp_path):
    code, out, _ = run(capsys, db_path, "setting")
    assert "cadangan_folder_kedua = (kosong)" in out and "Folder cadangan kedua" in out
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    assert run(capsys, db_path, "setting", "cadangan_folder_kedua", stick)[0] == 0
    assert f"cadangan_folder_kedua = {stick}" in run(capsys, db_path, "setting")[1]
    assert run(capsys, db_path, "setting", "cadangan_folder_kedua")[0] == 0  # cleared
    assert "cadangan_folder_kedua = (kosong)" in run(capsys, db_path, "setting")[1]
    code, _, err = run(capsys, db_path, "setting", "cadangan_disimpan", "nol")
    assert code == 2 and "Jumlah cadangan yang disimpan: diisi bilangan 1–1000" in err


def test_a_stopped_copy_to_a_slow_stick_leaves_no_partial_file(db_path, tmp_path):
    """The window closing while the daily backup is copied to the stick: the copy stops
    between blocks, its partial file removed; the backup beside the database stays."""
    from iku_desktop.store import backup

    class StopAfterTheFirstBlock(backup.Cancel):
        asked = 0

        @property
        def requested(self):
            self.asked += 1
            return self.asked > 1

        @requested.setter
        def requested(self, value):
            pass

    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    made = backup.folder_for(db_path) / "20261201-080000-000000-harian.sqlite"
    made.parent.mkdir()
    made.write_bytes(b"\0" * (3 << 20))  # three blocks
    copy, problem = backup.copy_to_second(db_path, made, str(stick), 10,
                                          StopAfterTheFirstBlock())
    assert copy is None and "dihentikan" in problem
    assert list((stick / f"{db_path.stem}-cadangan").iterdir()) == []
    assert made.is_file()
