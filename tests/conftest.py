"""Shared fixtures. The migrated database holding the default document is built once per
session and copied for each test (as Anki's tests do), so every test starts from the same
file quickly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iku_desktop.services.database import init_database
from iku_desktop.store.database import open_database


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = init_database(path)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def db_path(template_db, tmp_path) -> Path:
    path = tmp_path / "iku.sqlite"
    shutil.copy(template_db, path)
    return path


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def local_zone(monkeypatch):
    """``local_zone("Asia/Jakarta")``: this PC's clock set to that zone for the test."""
    import time

    if not hasattr(time, "tzset"):
        pytest.skip("setting the zone needs time.tzset (not on Windows)")

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()
    yield set_zone
    monkeypatch.undo()
    time.tzset()


def write_csv(path: Path, header: list[str], rows: list[list], sep: str = ",",
              bom: bool = False) -> Path:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if c is None else c for c in r])
    data = buf.getvalue().encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def table_dump(database) -> dict[str, list]:
    """Every row of every table: to prove a refused import changed nothing. (The audit's
    seals are left out: a write that changes nothing may still seal audit rows that test
    fixtures wrote directly; the audit rows themselves are compared.)"""
    tables = [r[0] for r in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type='table' AND name != 'audit_seal' "
        "ORDER BY name").fetchall()]
    return {t: database.execute_sql(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


def koperasi_2022_only():
    """One koperasi of Kota Jambi whose books grow from 2021 to 2022 (IKU 1 of 2022 is
    100 %, of the other years unknown)."""
    from datetime import date

    from iku_desktop.store import models as m

    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    k = m.Koperasi.create(nomor_badan_hukum="1/BH", nama="K", tanggal_badan_hukum=date(2022, 1, 1),
                          kabupaten_id=kab, jenis="jasa")
    m.KoperasiTahunBuku.create(koperasi=k, tahun=2021, volume_usaha=1, aset=1,
                               tanggal_rat=date(2022, 3, 1))
    m.KoperasiTahunBuku.create(koperasi=k, tahun=2022, volume_usaha=2, aset=2,
                               tanggal_rat=date(2023, 3, 1))
