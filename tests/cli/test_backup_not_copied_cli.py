"""A backup taken by a command before it writes — before an import, a package merge, a
schema upgrade — that could not be copied to the second backup folder (a USB stick that
is not there) is said on stderr naming the folder; the command still does its work and
succeeds."""

from __future__ import annotations

import json
from pathlib import Path

from iku_desktop.cli import main as cli
from iku_desktop.store import backup, settings
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database

SAID = "Peringatan: Cadangan tidak disalin ke folder cadangan kedua"


def run(capsys, *args):
    code = cli([str(a) for a in args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def broken_stick(tmp_path: Path) -> Path:
    """A second folder that cannot be written here, root or not: a regular file."""
    stick = tmp_path / "FLASHDISK"
    stick.write_text("bukan folder")
    return stick


def set_second_folder(db_path: Path, folder: Path) -> None:
    db = open_database(db_path)
    try:
        settings.set_values({"cadangan_folder_kedua": str(folder)})
    finally:
        db.close()


def koperasi_csv(tmp_path: Path) -> Path:
    """A file of one koperasi to import."""
    data = tmp_path / "koperasi.csv"
    data.write_text("Nomor Badan Hukum,Nama Koperasi,Tanggal Badan Hukum,Kabupaten/Kota,"
                    "Jenis Koperasi,Status\n1/BH,KSP Maju,01/01/2010,Kota Jambi,Jasa,Aktif\n",
                    encoding="utf-8")
    return data


def test_import_says_its_backup_was_not_copied(capsys, db_path, tmp_path):
    stick = broken_stick(tmp_path)
    set_second_folder(db_path, stick)
    data = koperasi_csv(tmp_path)
    code, out, err = run(capsys, "--db", db_path, "import", data)
    assert code == 0 and "koperasi: 1 ditambah" in out
    assert SAID in err and f"{stick} bukan folder" in err
    assert [b.reason for b in backup.list_backups(db_path)].count("sebelum-impor") == 1
    # the daily backup taken on open missed the stick too, for the same reason: said once
    assert "harian" in [b.reason for b in backup.list_backups(db_path)]
    assert err.count(SAID) == 1
    db = open_database(db_path)
    try:
        assert [k.nama for k in m.Koperasi.select()] == ["KSP Maju"]
    finally:
        db.close()
    # --json says it in its own field (stdout stays JSON), and on stderr as above
    code, out, err = run(capsys, "--db", db_path, "import", data, "--json")
    assert code == 0 and SAID in err
    assert f"{stick} bukan folder" in json.loads(out)["second_folder_problem"]


def test_dry_run_import_says_its_daily_backup_was_not_copied(capsys, db_path, tmp_path):
    """A dry run writes nothing and takes no backup before an import, but opening for the
    day's work takes the daily one: its copy that missed the stick is said too."""
    stick = broken_stick(tmp_path)
    set_second_folder(db_path, stick)
    data = koperasi_csv(tmp_path)
    code, out, err = run(capsys, "--db", db_path, "import", data, "--dry-run", "--json")
    assert code == 0 and json.loads(out)["written"] is False
    assert [b.reason for b in backup.list_backups(db_path)] == ["harian"]
    assert err.count(SAID) == 1 and f"{stick} bukan folder" in err
    assert f"{stick} bukan folder" in json.loads(out)["second_folder_problem"]


def district_package(tmp_path: Path) -> Path:
    """A province and a district that know each other's keys; the district's package of
    one usaha."""
    from iku_desktop.services import editing, packages
    from tests.services.test_packages import new_office

    new_office(tmp_path, "provinsi")
    db = open_database(new_office(tmp_path, "muaro", "1505"))
    try:
        editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021").write()
        packages.export_package(tmp_path / "muaro.ikupkg")
    finally:
        db.close()
    return tmp_path / "muaro.ikupkg"


def test_package_import_says_its_backup_was_not_copied(capsys, tmp_path):
    pkg = district_package(tmp_path)
    prov = tmp_path / "provinsi.sqlite"
    stick = broken_stick(tmp_path)
    set_second_folder(prov, stick)
    code, out, err = run(capsys, "--db", prov, "package", "import", pkg)
    assert code == 0 and "Paket ke-1 diimpor" in out
    assert SAID in err and f"{stick} bukan folder" in err
    assert [b.reason for b in backup.list_backups(prov)].count("sebelum-paket") == 1
    db = open_database(prov)
    try:
        assert [u.nama_usaha for u in m.UsahaKecil.select()] == ["Kopi"]
    finally:
        db.close()


def older_database(tmp_path: Path, second_folder: Path) -> Path:
    """A database one schema version behind, holding a koperasi, with ``second_folder``
    set as its second backup folder."""
    from iku_desktop.store import migrate

    path = tmp_path / "lama.sqlite"
    db = open_database(path, create=True, upgrade=False)
    try:
        migrate.upgrade(db, path, to_version=migrate.latest_version() - 1)
        db.execute_sql("INSERT INTO koperasi (uuid, updated_at, nomor_badan_hukum, nama, "
                       "tanggal_badan_hukum, kabupaten_id, jenis) VALUES ('u1', 't', '1/BH', "
                       "'KSP Lama', '2000-01-01', 1, 'jasa')")
        settings.set_values({"cadangan_folder_kedua": str(second_folder)})
    finally:
        db.close()
    return path


def test_a_schema_upgrade_says_its_backup_was_not_copied(capsys, tmp_path):
    from iku_desktop.store import migrate

    stick = broken_stick(tmp_path)
    old = older_database(tmp_path, stick)
    code, out, err = run(capsys, "--db", old, "setting")  # any command opening the file
    assert code == 0 and f"cadangan_folder_kedua = {stick}" in out
    assert SAID in err and f"{stick} bukan folder" in err
    assert [b.reason for b in backup.list_backups(old)] == ["sebelum-migrasi"]
    db = open_database(old)
    try:
        assert migrate.current_version(db) == migrate.latest_version()
        assert [k.nama for k in m.Koperasi.select()] == ["KSP Lama"]  # kept
    finally:
        db.close()
    # said once: the next command finds the file upgraded already
    assert SAID not in run(capsys, "--db", old, "setting")[2]
