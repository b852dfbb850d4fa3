"""Fast counts in SQL for the register-based indikator.

Each query implements a rule of ``domain`` (the docstring names which); tests run the query
and the pure rule on the same random data and require identical results. Every computed
column is aliased. Dates are ISO text, so text comparison is date comparison.
"""

from __future__ import annotations

from ..domain.ikm import KODE_UNSUR, UnsurSums
from ..domain.koperasi import JenisKoperasi, KoperasiCount, KoperasiGroupKey
from ..domain.usaha_kecil import UsahaCount
from .models import database

KOPERASI_SQL = """
SELECT kab.bps AS bps, k.jenis AS jenis,
       COUNT(*) AS jumlah,
       SUM(CASE WHEN cur.id IS NOT NULL AND prev.id IS NOT NULL
                 AND cur.tanggal_rat IS NOT NULL AND cur.rat_sah = 1
                 AND cur.volume_usaha > prev.volume_usaha AND cur.aset > prev.aset
                THEN 1 ELSE 0 END) AS meningkat,
       SUM(CASE WHEN cur.id IS NULL OR prev.id IS NULL THEN 1 ELSE 0 END) AS tidak_lengkap
FROM koperasi AS k
JOIN kabupaten AS kab ON kab.id = k.kabupaten_id
LEFT JOIN koperasi_tahun_buku AS cur
       ON cur.koperasi_id = k.id AND cur.tahun = :year AND cur.deleted = 0
LEFT JOIN koperasi_tahun_buku AS prev
       ON prev.koperasi_id = k.id AND prev.tahun = :year - 1 AND prev.deleted = 0
WHERE k.deleted = 0
  AND k.tanggal_badan_hukum <= :end
  AND (k.tanggal_bubar IS NULL OR k.tanggal_bubar >= :start)
  AND (:hanya_aktif = 0 OR k.status = 'aktif')
GROUP BY kab.bps, k.jenis
"""


def count_koperasi(year: int, hanya_aktif: bool = False) -> dict[KoperasiGroupKey, KoperasiCount]:
    """SQL form of ``domain.koperasi.count_koperasi_berkualitas`` (IKU 1)."""
    cur = database.execute_sql(KOPERASI_SQL, {
        "year": year, "end": f"{year}-12-31", "start": f"{year}-01-01",
        "hanya_aktif": int(hanya_aktif),
    })
    return {
        KoperasiGroupKey(bps, JenisKoperasi(jenis)): KoperasiCount(jumlah, meningkat, tidak_lengkap)
        for bps, jenis, jumlah, meningkat, tidak_lengkap in cur.fetchall()
    }


USAHA_SQL = """
SELECT kab.bps AS bps, u.sektor AS sektor,
       COUNT(*) AS jumlah,
       SUM(CASE WHEN (u.tanggal_nib IS NOT NULL AND u.tanggal_nib <= ?1)
                  OR (u.tanggal_iumk IS NOT NULL AND u.tanggal_iumk <= ?1)
                THEN 1 ELSE 0 END) AS wirausaha,
       SUM(CASE WHEN NOT ((u.tanggal_nib IS NOT NULL AND u.tanggal_nib <= ?1)
                       OR (u.tanggal_iumk IS NOT NULL AND u.tanggal_iumk <= ?1))
                 AND ((u.nib IS NOT NULL AND u.tanggal_nib IS NULL)
                   OR (u.nomor_iumk IS NOT NULL AND u.tanggal_iumk IS NULL))
                THEN 1 ELSE 0 END) AS izin_tanpa_tanggal
FROM usaha_kecil AS u
JOIN kabupaten AS kab ON kab.id = u.kabupaten_id
WHERE u.deleted = 0
  AND u.tanggal_terdata <= ?1
  AND (u.tanggal_tutup IS NULL OR u.tanggal_tutup >= ?2)
GROUP BY kab.bps, u.sektor
"""


def count_usaha(year: int) -> dict[tuple[str, str], UsahaCount]:
    """SQL form of ``domain.usaha_kecil.count_usaha_wirausaha`` (IKU 2)."""
    cur = database.execute_sql(USAHA_SQL, (f"{year}-12-31", f"{year}-01-01"))
    return {(bps, sektor): UsahaCount(j, w, t) for bps, sektor, j, w, t in cur.fetchall()}


_UNSUR_COLS = ", ".join(
    f"SUM(r.{k.lower()}) AS sum_{k.lower()}, COUNT(r.{k.lower()}) AS n_{k.lower()}"
    for k in KODE_UNSUR
)

IKM_SQL = f"""
SELECT s.id AS survei_id, r.jenis_layanan AS layanan, COUNT(*) AS responses, {_UNSUR_COLS}
FROM ikm_respon AS r
JOIN ikm_survei AS s ON s.id = r.survei_id
WHERE s.tahun = ?1 AND s.deleted = 0 AND r.deleted = 0
GROUP BY s.id, r.jenis_layanan
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

