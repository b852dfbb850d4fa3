"""A database in a folder whose name holds characters of URI syntax (#, ?, %41, spaces):
every command works on that very file. (A "file:" URI built from the raw path once made
``backup restore`` copy an empty database over the data — and its safety copy empty too.)"""

from __future__ import annotations

import sqlite3

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.store import backup
from tests.conftest import write_csv

NAMES = ["a#b", "tanya?ya", "p%41q", "spasi dan #?%41&mode=rw semua"]
HEADER = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata"]


def usaha(tmp_path, name, n):
    return write_csv(tmp_path / name, HEADER, [[f"Usaha {name} {i}", f"Pemilik {i}",
                                               "Muaro Jambi", "01/03/2021"] for i in range(n)])


def count(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM usaha_kecil").fetchone()[0]
    finally:
        conn.close()


def out_code(folder, run) -> str:
    import re

    code, out = run("print", "dokumen", "-o", folder / "lagi.pdf")
    return re.search(r"IKU-[0-9A-Z]{5}-[0-9A-Z]{5}", out.out).group(0)


def files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize("name", NAMES)
def test_the_uri_of_a_path_names_that_very_file(tmp_path, name):
    from iku_desktop.store.dbfile import sqlite_uri

    folder = tmp_path / name
    folder.mkdir()
    path = folder / "x.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE penanda (x)")
    conn.commit()
    conn.close()
    before = files(tmp_path)
    ro = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        assert ro.execute("SELECT name FROM sqlite_master").fetchall() == [("penanda",)]
    finally:
        ro.close()
    assert files(tmp_path) == before  # nothing opened or made elsewhere


@pytest.mark.parametrize("name", NAMES)
def test_every_command_in_such_a_folder(tmp_path, name, capsys):
    folder = tmp_path / name
    folder.mkdir()
    db = folder / "iku.sqlite"

    def run(*args):
        code = cli(["--db", str(db), *map(str, args)])
        out = capsys.readouterr()
        assert "Traceback" not in out.err
        return code, out

    assert run("init")[0] == 0
    assert run("import", usaha(tmp_path, "tiga.csv", 3))[0] == 0
    assert run("backup", "create")[0] == 0
    manual = next(b for b in backup.list_backups(db) if b.reason == "manual")
    assert count(manual.path) == 3
    assert run("import", usaha(tmp_path, "dua.csv", 2))[0] == 0
    assert count(db) == 5

    code, out = run("backup", "restore", manual.path)
    assert code == 0 and "Dipulihkan" in out.out
    assert count(db) == 3  # the backup's data, not an empty database
    safety = next(b for b in backup.list_backups(db) if b.reason == "sebelum-pulih")
    assert count(safety.path) == 5  # the state replaced, whole

    code, out = run("backup", "restore")  # the newest usable backup: the safety copy
    assert code == 0 and count(db) == 5

    for args in (["compute", "--year", "2022"], ["backup", "list"], ["audit", "--verify"],
                 ["export", "usaha-kecil", "-o", folder / "u.xlsx"],
                 ["print", "dokumen", "-o", folder / "d.pdf"], ["setting", "kertas", "F4"],
                 ["office", "show"], ["document", "status"], ["package", "history"],
                 ["template", "sakip", "-o", folder / "t.xlsx"]):
        code, out = run(*args)
        assert code == 0, (args, out.err)
    code, out = run("verify", out_code(folder, run))
    assert code == 0 and "asli" in out.out
    assert (folder / "u.xlsx").stat().st_size > 0 and (folder / "d.pdf").stat().st_size > 0
    # nothing was made outside the folder (a path cut at '#' or '?')
    assert all(p.startswith(name) or p.endswith(".csv") for p in files(tmp_path))
