"""The process is killed (SIGKILL) in the middle of a large import and of a package merge,
twenty times at random moments: every time the database passes its integrity check and
holds all or none of the rows."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iku_desktop.services import office, packages
from iku_desktop.services.database import init_database
from iku_desktop.store import audit
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database
from tests.conftest import write_csv

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")]

ROOT = Path(__file__).resolve().parents[2]
ROWS = 12_000
KILLS = 20
HEADER = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata", "NIB",
          "Tanggal NIB", "Modal Usaha"]


def rows():
    return [[f"Usaha {i}", f"Pemilik {i}", "Muaro Jambi", "01/03/2021", f"91{i:011d}",
             "02/03/2021", "2.000.000.000"] for i in range(ROWS)]


def start(kind: str, db: Path, file: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "tests.crash.child", kind, str(db), str(file)],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def duration(kind: str, template: Path, file: Path, tmp: Path) -> float:
    db = tmp / "timing.sqlite"
    shutil.copy(template, db)
    proc = start(kind, db, file)
    seconds = float(proc.stdout.readline())
    proc.wait(60)
    return seconds


def kill_repeatedly(kind: str, template: Path, file: Path, tmp: Path) -> list[int]:
    """Kill the work at random moments; return the usaha count found after each kill."""
    rnd = random.Random(20261126)
    span = duration(kind, template, file, tmp)
    found = []
    for n in range(KILLS):
        db = tmp / f"run{n}.sqlite"
        shutil.copy(template, db)
        proc = start(kind, db, file)
        time.sleep(rnd.uniform(0, span * 1.05))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
        database = open_database(db)
        try:
            assert database.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
            found.append(m.UsahaKecil.select().count())
            assert audit.verify(database.connection()).ok
        finally:
            database.close()
    return found


def test_killed_import_leaves_all_or_nothing(tmp_path, template_db):
    csv = write_csv(tmp_path / "usaha.csv", HEADER, rows())
    found = kill_repeatedly("import", template_db, csv, tmp_path)
    assert set(found) <= {0, ROWS}, found
    assert 0 in found  # the kills did land during the import


def test_killed_package_merge_leaves_all_or_nothing(tmp_path):
    district = tmp_path / "muaro.sqlite"
    db = init_database(district)
    office.set_office("1505")
    from iku_desktop.exchange.importer import import_file

    assert import_file(write_csv(tmp_path / "usaha.csv", HEADER, rows())).written
    packages.export_package(tmp_path / "muaro.ikupkg", unsealed=True)
    db.close()
    province = tmp_path / "provinsi.sqlite"
    init_database(province).close()
    found = kill_repeatedly("package", province, tmp_path / "muaro.ikupkg", tmp_path)
    assert set(found) <= {0, ROWS}, found
    assert 0 in found
