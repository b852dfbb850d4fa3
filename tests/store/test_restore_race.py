"""A backup restored while an import writes: every committed row of the import is either in
the restored database (the import waited and wrote into it) or in the safety backup of the
replaced state; never gone while both commands report success."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from iku_desktop.cli import main as cli
from iku_desktop.store import backup
from tests.conftest import write_csv

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata"]
ROWS = 3000


def imported(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM usaha_kecil WHERE nama_usaha LIKE "
                            "'Usaha impor %'").fetchone()[0]
    finally:
        conn.close()


def wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_restore_during_an_import_loses_no_committed_row(db_path, tmp_path, monkeypatch,
                                                         capsys):
    source = tmp_path / "pulihkan.sqlite"
    shutil.copy(db_path, source)  # a sound backup without the import's rows
    csv = write_csv(tmp_path / "u.csv", HEADER, [
        [f"Usaha impor {i}", f"Pemilik {i}", "Muaro Jambi", "01/03/2021"]
        for i in range(ROWS)])
    err_file = tmp_path / "impor.err"
    with open(err_file, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "iku_desktop", "--db", str(db_path),
                                 "import", str(csv)], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=err, text=True)
    try:
        # the import backs up the database just before its rows go in
        assert wait_for(lambda: any(b.reason == "sebelum-impor"
                                    for b in backup.list_backups(db_path)), 120)

        real_create = backup.create

        def create(db, reason="manual", *args, **kwargs):
            made = real_create(db, reason, *args, **kwargs)
            if reason == "sebelum-pulih":
                # widen the window between the safety backup and the restore: let the
                # import commit (or show that it waits for the restore)
                wait_for(lambda: proc.poll() is not None
                         or "Menunggu basis data" in err_file.read_text(), 60)
            return made

        monkeypatch.setattr(backup, "create", create)
        code = cli(["--db", str(db_path), "backup", "restore", str(source)])
        restore_out = capsys.readouterr()
        out, _ = proc.communicate(timeout=240)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    import_err = err_file.read_text()
    assert code == 0, restore_out.err
    assert "Traceback" not in import_err + restore_out.err
    safety = [b for b in backup.list_backups(db_path) if b.reason == "sebelum-pulih"]
    assert len(safety) == 1
    kept = imported(db_path) + imported(safety[0].path)
    if proc.returncode == 0:  # the import says its rows are saved: they must be somewhere
        assert "3.000 ditambah" in out, out
        assert kept >= ROWS, (out, imported(db_path), imported(safety[0].path))
    else:  # or it says clearly that they are not
        assert "tidak disimpan" in import_err or "HILANG" in import_err, import_err
