"""Benchmark: all indicators of one year on a `demo --scale 10` database.

Side by side in the same run:
- iku:           services.indicators.compute_year (counts + rules + breakdowns + traces)
- floor summary: the same counts by hand-written raw sqlite3 queries on the same summary
                 tables (store.summaries), nothing else — the floor for this design
- floor scan:    the same counts by raw sqlite3 queries scanning the base tables on covering
                 indexes (what the summaries replace)

Usage: uv run python benchmarks/recompute.py [--db PATH] [--scale 10] [--year 2023] [--runs 15]
Without --db a demo database is built once in the system temp folder and reused.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from iku_desktop.services import demo  # noqa: E402
from iku_desktop.services.database import init_database  # noqa: E402
from iku_desktop.services.indicators import compute_year  # noqa: E402
from iku_desktop.store import document_repo  # noqa: E402
from iku_desktop.store.database import open_database  # noqa: E402

SUMMARY_SQL = [
    ("SELECT kabupaten_id, jenis, SUM(n) FROM agg_koperasi_scope WHERE bh_year <= ?1 "
     "AND bubar_year >= ?1 GROUP BY kabupaten_id, jenis", lambda y: (y,)),
    ("SELECT kabupaten_id, jenis, SUM(lengkap), SUM(meningkat) FROM agg_koperasi_year "
     "WHERE tahun = ?1 AND bh_year <= ?1 AND bubar_year >= ?1 GROUP BY kabupaten_id, jenis",
     lambda y: (y,)),
    ("SELECT kabupaten_id, sektor, SUM(k * n), SUM(k * (izin_year <= ?1) * n), "
     "SUM(k * (izin_year > ?1 AND izin_tanpa_tanggal = 1) * n), SUM((1 - k) * n), "
     "SUM((skala = '') * n) FROM (SELECT *, skala IN ('kecil', '') AS k FROM agg_usaha_kecil) "
     "WHERE terdata_year <= ?1 AND tutup_year >= ?1 GROUP BY kabupaten_id, sektor", lambda y: (y,)),
    ("SELECT * FROM sakip WHERE tahun = ? AND deleted = 0", lambda y: (y,)),
    ("SELECT a.* FROM agg_ikm a JOIN ikm_survei s ON s.id = a.survei_id "
     "WHERE s.tahun = ? AND s.deleted = 0", lambda y: (y,)),
]

FLOOR_SQL = [
    ("""SELECT k.kabupaten_id, k.jenis, COUNT(*),
        SUM(c.id IS NOT NULL AND p.id IS NOT NULL AND c.tanggal_rat IS NOT NULL AND c.rat_sah = 1
            AND c.volume_usaha > p.volume_usaha AND c.aset > p.aset),
        SUM(c.id IS NULL OR p.id IS NULL)
        FROM koperasi k
        LEFT JOIN koperasi_tahun_buku c ON c.koperasi_id = k.id AND c.tahun = ? AND c.deleted = 0
        LEFT JOIN koperasi_tahun_buku p ON p.koperasi_id = k.id AND p.tahun = ? AND p.deleted = 0
        WHERE k.deleted = 0 AND k.tanggal_badan_hukum <= ?
          AND (k.tanggal_bubar IS NULL OR k.tanggal_bubar >= ?)
        GROUP BY k.kabupaten_id, k.jenis""", lambda y: (y, y - 1, f"{y}-12-31", f"{y}-01-01")),
    ("""SELECT kabupaten_id, sektor, COUNT(*),
        SUM((tanggal_nib IS NOT NULL AND tanggal_nib <= ?1)
            OR (tanggal_iumk IS NOT NULL AND tanggal_iumk <= ?1))
        FROM usaha_kecil WHERE deleted = 0 AND tanggal_terdata <= ?1
          AND (tanggal_tutup IS NULL OR tanggal_tutup >= ?2)
        GROUP BY kabupaten_id, sektor""", lambda y: (f"{y}-12-31", f"{y}-01-01")),
    ("SELECT * FROM sakip WHERE tahun = ? AND deleted = 0", lambda y: (y,)),
    ("SELECT r.survei_id, r.jenis_layanan, COUNT(*), "
     + ", ".join(f"SUM(u{i}), COUNT(u{i})" for i in range(1, 10))
     + " FROM ikm_respon r JOIN ikm_survei s ON s.id = r.survei_id"
       " WHERE s.tahun = ? AND s.deleted = 0 AND r.deleted = 0"
       " GROUP BY r.survei_id, r.jenis_layanan", lambda y: (y,)),
]


def interleaved_ms(fns: dict, runs: int) -> dict[str, tuple[float, float]]:
    """Run the candidates in turn, ``runs`` rounds, so that each sees the same machine
    conditions; (median, min) in milliseconds per candidate."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for fn in fns.values():
        fn()  # warm the page cache
    for _ in range(runs):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - t0) * 1000)
    return {name: (statistics.median(t), min(t)) for name, t in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path)
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--year", type=int, default=2023)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / f"iku-bench-scale{args.scale}.sqlite"
    if not path.exists():
        print(f"building demo database at scale {args.scale}: {path}", file=sys.stderr)
        db = init_database(path)
        demo.fill(args.scale)
        db.close()

    db = open_database(path)
    doc = document_repo.load_active()
    conn = sqlite3.connect(str(path))

    def run_all(queries):
        return lambda: [conn.execute(sql, params(args.year)).fetchall() for sql, params in queries]

    res = interleaved_ms({"iku": lambda: compute_year(doc, args.year),
                          "summary": run_all(SUMMARY_SQL), "scan": run_all(FLOOR_SQL)}, args.runs)
    (iku_med, iku_min), (floor_med, floor_min), (scan_med, scan_min) = \
        res["iku"], res["summary"], res["scan"]
    conn.close()
    db.close()
    counts = sqlite3.connect(str(path)).execute(
        "SELECT (SELECT COUNT(*) FROM koperasi), (SELECT COUNT(*) FROM koperasi_tahun_buku), "
        "(SELECT COUNT(*) FROM usaha_kecil), (SELECT COUNT(*) FROM ikm_respon)").fetchone()
    print(f"database: {path.name}: koperasi {counts[0]}, tahun buku {counts[1]}, "
          f"usaha kecil {counts[2]}, IKM responses {counts[3]}; year {args.year}; "
          f"{args.runs} runs")
    print(f"{'':22}{'median ms':>10}{'min ms':>10}")
    print(f"{'iku compute_year':22}{iku_med:10.1f}{iku_min:10.1f}")
    print(f"{'floor summary (raw)':22}{floor_med:10.1f}{floor_min:10.1f}")
    print(f"{'floor scan (raw)':22}{scan_med:10.1f}{scan_min:10.1f}")
    print(f"ratio iku / floor summary (median): {iku_med / floor_med:.2f}")
    print(f"ratio iku / floor scan (median): {iku_med / scan_med:.2f}")


if __name__ == "__main__":
    main()
