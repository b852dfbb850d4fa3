"""The koperasi summaries know which years are reported (rule book §2: a year without tahun
buku rows is unknown, not 0 %), and an older database gets them by migration 8."""

from datetime import date

from iku_desktop.domain.koperasi import KoperasiCount
from iku_desktop.store import counting, migrate, summaries
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database

OLD_FLAG = """CREATE TABLE koperasi_flag (
    koperasi_id INTEGER NOT NULL, tahun INTEGER NOT NULL, meningkat INTEGER NOT NULL,
    PRIMARY KEY (koperasi_id, tahun)) WITHOUT ROWID"""
OLD_YEAR = """CREATE TABLE agg_koperasi_year (
    tahun INTEGER NOT NULL, kabupaten_id INTEGER NOT NULL, jenis TEXT NOT NULL,
    status TEXT NOT NULL, bh_year INTEGER NOT NULL, bubar_year INTEGER NOT NULL,
    lengkap INTEGER NOT NULL, meningkat INTEGER NOT NULL,
    PRIMARY KEY (tahun, kabupaten_id, jenis, status, bh_year, bubar_year)) WITHOUT ROWID"""


def total(year):
    return sum(counting.count_koperasi(year).values(), KoperasiCount())


def test_reported_rows_are_counted_per_year(db):
    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    for n in range(3):
        k = m.Koperasi.create(nomor_badan_hukum=f"{n}/BH", nama=f"K{n}", jenis="jasa",
                              tanggal_badan_hukum=date(2010, 1, 1), kabupaten_id=kab)
        m.KoperasiTahunBuku.create(koperasi=k, tahun=2022, volume_usaha=1, aset=1)
    assert total(2022) == KoperasiCount(3, 0, 3, 3)  # rows for 2022, none for 2021
    assert total(2023) == KoperasiCount(3, 0, 3, 0)  # 2023 not reported
    row = m.KoperasiTahunBuku.create(koperasi=k, tahun=2023, volume_usaha=2, aset=2,
                                     tanggal_rat=date(2024, 3, 1))
    assert total(2023) == KoperasiCount(3, 1, 2, 1)
    row.deleted = True
    row.save()
    assert total(2023).dilaporkan == 0
    assert summaries.verify(m.database.connection())


def test_migration_8_rebuilds_summaries_of_an_older_database(tmp_path):
    path = tmp_path / "v7.sqlite"
    db = open_database(path, create=True, upgrade=False)
    migrate.upgrade(db, path, to_version=7)
    conn = db.connection()
    conn.execute("INSERT INTO koperasi (uuid, updated_at, nomor_badan_hukum, nama, "
                 "tanggal_badan_hukum, kabupaten_id, jenis) VALUES ('u1', 't', '1/BH/2000', "
                 "'Kop A', '2000-01-01', 1, 'jasa')")
    conn.execute("INSERT INTO koperasi_tahun_buku (uuid, updated_at, koperasi_id, tahun, "
                 "volume_usaha, aset) VALUES ('u2', 't', 1, 2022, 100, 200)")
    # the koperasi summaries as version 7 built them (no dilaporkan, flags only for Y and Y−1)
    for name in summaries.TRIGGERS:
        if "koperasi" in name or "tahun_buku" in name:
            conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE koperasi_flag")
    conn.execute("DROP TABLE agg_koperasi_year")
    conn.execute(OLD_FLAG)
    conn.execute(OLD_YEAR)
    db.close()

    db = open_database(path)  # upgrades
    assert migrate.current_version(db) == migrate.latest_version() >= 8
    assert total(2022) == KoperasiCount(1, 0, 1, 1)
    assert total(2023) == KoperasiCount(1, 0, 1, 0)
    assert summaries.verify(db.connection())
    db.close()
