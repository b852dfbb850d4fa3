"""Fast counts in SQL for the register-based indikator.

Each query implements a rule of ``domain`` (the docstring names which) on the summary
tables of ``store.summaries``; tests run the query and the pure rule on the same random
data — inserted, updated and deleted — and require identical results. Every computed
column is aliased.
"""

from __future__ import annotations

from ..domain.ikm import KODE_UNSUR, UnsurSums
from ..domain.koperasi import JenisKoperasi, KoperasiCount, KoperasiGroupKey
from ..domain.usaha_kecil import UsahaCount
from .models import database

KOPERASI_SCOPE_SQL = """
SELECT kab.bps AS bps, a.jenis AS jenis, SUM(a.n) AS jumlah
FROM agg_koperasi_scope AS a
JOIN kabupaten AS kab ON kab.id = a.kabupaten_id
WHERE a.bh_year <= :year AND a.bubar_year >= :year
  AND (:hanya_aktif = 0 OR a.status = 'aktif')
GROUP BY kab.bps, a.jenis
HAVING SUM(a.n) > 0
"""

KOPERASI_YEAR_SQL = """
SELECT kab.bps AS bps, a.jenis AS jenis, SUM(a.lengkap) AS lengkap,
       SUM(a.meningkat) AS meningkat, SUM(a.dilaporkan) AS dilaporkan
FROM agg_koperasi_year AS a
JOIN kabupaten AS kab ON kab.id = a.kabupaten_id
WHERE a.tahun = :year AND a.bh_year <= :year AND a.bubar_year >= :year
  AND (:hanya_aktif = 0 OR a.status = 'aktif')
GROUP BY kab.bps, a.jenis
"""


def count_koperasi(year: int, hanya_aktif: bool = False) -> dict[KoperasiGroupKey, KoperasiCount]:
    """SQL form of ``domain.koperasi.count_koperasi_berkualitas`` (IKU 1), on the summary
    tables: the scope counts the koperasi that legally exist in Y (badan hukum year ≤ Y ≤
    year dissolved); the year summary counts those with a tahun buku row for Y
    (dilaporkan), with rows for Y and Y−1 (lengkap) and those that *meningkat*. Data tidak
    lengkap = jumlah − lengkap."""
    params = {"year": year, "hanya_aktif": int(hanya_aktif)}
    jumlah = {(bps, jenis): n for bps, jenis, n in
              database.execute_sql(KOPERASI_SCOPE_SQL, params).fetchall()}
    lengkap = {(bps, jenis): (lk, mn, lp) for bps, jenis, lk, mn, lp in
               database.execute_sql(KOPERASI_YEAR_SQL, params).fetchall()}
    out = {}
    for (bps, jenis), n in jumlah.items():
        lk, mn, lp = lengkap.get((bps, jenis), (0, 0, 0))
        out[KoperasiGroupKey(bps, JenisKoperasi(jenis))] = KoperasiCount(n, mn, n - lk, lp)
    return out


USAHA_SQL = """
SELECT kab.bps AS bps, a.sektor AS sektor,
       SUM(CASE WHEN :counted THEN a.n ELSE 0 END) AS jumlah,
       SUM(CASE WHEN :counted AND a.izin_year <= :year THEN a.n ELSE 0 END) AS wirausaha,
       SUM(CASE WHEN :counted AND a.izin_year > :year AND a.izin_tanpa_tanggal = 1
                THEN a.n ELSE 0 END) AS izin_tanpa_tanggal,
       SUM(CASE WHEN a.skala NOT IN ('kecil', '') THEN a.n ELSE 0 END) AS bukan_kecil,
       SUM(CASE WHEN a.skala = '' THEN a.n ELSE 0 END) AS tanpa_skala
FROM agg_usaha_kecil AS a
JOIN kabupaten AS kab ON kab.id = a.kabupaten_id
WHERE a.terdata_year <= :year AND a.tutup_year >= :year
GROUP BY kab.bps, a.sektor
HAVING SUM(a.n) > 0
""".replace(":counted", "(:hanya_kecil = 0 OR a.skala IN ('kecil', ''))")


def count_usaha(year: int, hanya_kecil: bool = True) -> dict[tuple[str, str], UsahaCount]:
    """SQL form of ``domain.usaha_kecil.count_usaha_wirausaha`` (IKU 2) on the summary:
    recorded by 31 Dec Y (year ≤ Y), not closed before 1 Jan Y (year closed ≥ Y), a dated
    NIB/IUMK by 31 Dec Y (first licence year ≤ Y); with ``hanya_kecil`` only usaha of
    class kecil or unknown class count."""
    cur = database.execute_sql(USAHA_SQL, {"year": year, "hanya_kecil": int(hanya_kecil)})
    return {(row[0], row[1]): UsahaCount(*row[2:]) for row in cur.fetchall()}


_UNSUR_COLS = ", ".join(
    f"a.s_{k.lower()} AS sum_{k.lower()}, a.c_{k.lower()} AS n_{k.lower()}" for k in KODE_UNSUR
)

IKM_SQL = f"""
SELECT a.survei_id AS survei_id, a.jenis_layanan AS layanan, a.n AS responses, {_UNSUR_COLS}
FROM agg_ikm AS a
JOIN ikm_survei AS s ON s.id = a.survei_id
WHERE s.tahun = ?1 AND s.deleted = 0 AND a.n > 0
"""


def ikm_sums(year: int) -> dict[tuple[int, str], UnsurSums]:
    """Per (survey id, jenis layanan): sums and counts per unsur — the inputs of
    ``domain.ikm.compute_ikm``, equal to ``domain.ikm.sum_responses`` on the same rows."""
    out = {}
    for row in database.execute_sql(IKM_SQL, (year,)).fetchall():
        survei_id, layanan, responses = row[0], row[1], row[2]
        rest = row[3:]
        sums = {k: int(rest[2 * i] or 0) for i, k in enumerate(KODE_UNSUR)}
        counts = {k: int(rest[2 * i + 1]) for i, k in enumerate(KODE_UNSUR)}
        out[(survei_id, layanan)] = UnsurSums(sums, counts, responses)
    return out



def ikm_surveys(year: int) -> list[tuple[int, str, int | None]]:
    """(id, nama, populasi) of the live surveys of a year, by name."""
    return database.execute_sql(
        "SELECT id AS id, nama AS nama, populasi AS populasi FROM ikm_survei "
        "WHERE tahun = ? AND deleted = 0 ORDER BY nama", (year,)).fetchall()
