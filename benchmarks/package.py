"""Benchmark: a district's data package, exported (signed, sealed to the province) and
merged at the province.

Side by side in the same run, for the same N usaha kecil: the package export at the
district, the merge at the province (row by row by uuid, with its checks), merging the
same package again (recognised, nothing changes), and as the baseline the plain import of
the same rows from a CSV file into an empty database. Median of several runs.

Usage: uv run python benchmarks/package.py [--rows 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from iku_desktop.exchange.importer import import_file  # noqa: E402
from iku_desktop.services import office, office_keys, packages  # noqa: E402
from iku_desktop.services.database import init_database  # noqa: E402
from iku_desktop.store.database import open_database  # noqa: E402
from tests.conftest import write_csv  # noqa: E402

HEADER = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata", "NIB",
          "Tanggal NIB", "Modal Usaha"]


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="iku-bench-package-"))
    rows = [[f"Usaha {i}", f"Pemilik {i}", "Muaro Jambi", "01/03/2021", f"91{i:011d}",
             "02/03/2021", "2.000.000.000"] for i in range(args.rows)]
    csv = write_csv(tmp / "usaha.csv", HEADER, rows)
    times: dict[str, list[float]] = {"export": [], "merge": [], "again": [], "csv import": []}
    for run in range(args.runs):
        province, key = tmp / f"province{run}.sqlite", tmp / f"province{run}.ikukey"
        db = init_database(province)
        office_keys.export_key_file(key)
        db.close()
        db = init_database(tmp / f"district{run}.sqlite")
        office.set_office("1505")
        office_keys.import_key_file(key)
        assert import_file(csv).written
        pkg = tmp / f"district{run}.ikupkg"
        times["export"].append(timed(lambda: packages.export_package(pkg, everything=True)))
        db.close()
        db = open_database(province)
        times["merge"].append(timed(lambda: packages.import_package(pkg)))
        times["again"].append(timed(lambda: packages.import_package(pkg)))
        db.close()
        db = init_database(tmp / f"baseline{run}.sqlite")
        times["csv import"].append(timed(lambda: import_file(csv)))
        db.close()
    size = (tmp / "district0.ikupkg").stat().st_size
    print(f"{args.rows} usaha kecil, package {size / 1e6:.2f} MB")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:<12} median {med:6.2f} s ({args.rows / med:,.0f} rows/s)")


if __name__ == "__main__":
    main()
