"""Benchmark: a 200.000-row usaha kecil workbook, from file to committed rows.

Side by side in the same run:
- read: python-calamine (what the importer uses) against openpyxl's read-only reader,
  reading every cell of the same file;
- import: the whole ``import_file`` (read, map, validate every row, write in one
  transaction) into a new database, each run in a fresh process — median time of several
  runs, and the peak resident memory of the process (the reader's own Rust allocations
  and SQLite's cache included, not only Python objects).

Usage: uv run python benchmarks/import.py [--rows 200000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from iku_desktop.domain.wilayah import KABUPATEN_KOTA  # noqa: E402
from iku_desktop.exchange.importer import import_file  # noqa: E402
from iku_desktop.services.database import init_database  # noqa: E402

HEADER = ["Nama Usaha", "Nama Pemilik", "NIK Pemilik", "Kabupaten/Kota", "Alamat", "Sektor",
          "Modal Usaha", "Hasil Penjualan Tahunan", "Tanggal Terdata", "Tanggal Tutup", "NIB",
          "Tanggal NIB", "Nomor IUMK", "Tanggal IUMK"]


def make_workbook(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    rnd = random.Random(7)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Usaha Kecil")
    ws.append(HEADER)
    for i in range(rows):
        terdata = date(2019, 1, 1) + timedelta(days=rnd.randint(0, 1800))
        nib = f"9{i:012d}" if rnd.random() < 0.6 else None
        ws.append([f"Usaha {i}", f"Pemilik {i}", None, rnd.choice(KABUPATEN_KOTA).nama,
                   f"Jl. Contoh {i}", rnd.choice(["Kuliner", "Jasa", "Perdagangan"]),
                   rnd.randint(1_001, 5_000) * 1_000_000, None, terdata, None, nib,
                   terdata + timedelta(days=30) if nib else None, None, None])
    wb.save(path)


def read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    return sum(len(r) for r in wb.get_sheet_by_index(0).to_python())


def read_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    n = sum(len(r) for r in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return n


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return
    tmp = Path(tempfile.mkdtemp(prefix="iku-bench-import-"))
    book = tmp / "usaha.xlsx"
    make_workbook(book, args.rows)
    print(f"workbook: {args.rows} rows × {len(HEADER)} columns, "
          f"{book.stat().st_size / 1e6:.1f} MB")

    cal = [timed(lambda: read_calamine(book)) for _ in range(args.runs)]
    opx = [timed(lambda: read_openpyxl(book)) for _ in range(args.runs)]
    print(f"read  calamine  median {statistics.median(cal):6.2f} s  "
          f"({args.rows / statistics.median(cal):,.0f} rows/s)")
    print(f"read  openpyxl  median {statistics.median(opx):6.2f} s  "
          f"({args.rows / statistics.median(opx):,.0f} rows/s)")

    times = []
    for run in range(args.runs):
        out = subprocess.run([sys.executable, __file__, "--child", str(book),
                              str(tmp / f"run{run}.sqlite"), str(args.rows)],
                             check=True, capture_output=True, text=True).stdout
        times.append(float(out.split()[-1]))
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"import file → committed rows: median {statistics.median(times):6.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)}), "
          f"peak resident memory {peak_kib / 1024:.0f} MiB ({peak_kib * 1024 / 1e6:.0f} MB)")


def child(book: Path, db_path: Path, rows: int) -> None:
    """One import in this (fresh) process; prints its duration."""
    db = init_database(db_path)
    t0 = time.perf_counter()
    result = import_file(book)
    elapsed = time.perf_counter() - t0
    assert result.report.ok and result.counts["usaha_kecil"].added == rows, \
        [i.render() for i in result.report.errors[:3]]
    db.close()
    print(f"{elapsed:.3f}")


if __name__ == "__main__":
    main()
