"""Benchmark: a district's data package, exported (signed, sealed to the province) and
merged at the province.

Side by side in the same run, for the same N usaha kecil: the package export at the
district, the merge at the province (row by row by uuid, with its checks), merging the
same package again (recognised, nothing changes), and as the baseline the plain import of
the same rows from a CSV file into an empty database. Median of several runs.

Then the memory of a large merge (``--big-rows``, default 2.000.000; 0 skips it): a valid
package of that many usaha kecil, signed by the district and sealed to the province, is
written straight from generated rows (in a child process), then merged at the province in
a fresh child process, which reports its peak resident memory — its own high-water mark
(``VmHWM``) and ``ru_maxrss`` — and the time of the merge.

Usage: uv run python benchmarks/package.py [--rows 20000] [--runs 3] [--big-rows 2000000]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
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
    ap.add_argument("--big-rows", type=int, default=2_000_000)
    ap.add_argument("--make-big", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--merge-big", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.make_big:
        return make_big(Path(args.make_big[0]), int(args.make_big[1]))
    if args.merge_big:
        return merge_big(Path(args.merge_big[0]), Path(args.merge_big[1]),
                         int(args.merge_big[2]))
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
    if args.big_rows:
        big(tmp, args.big_rows)


def big(tmp: Path, rows: int) -> None:
    """The large package, made and merged each in a child process (this one stays small:
    a child's ru_maxrss starts from its parent's)."""
    folder = tmp / "big"
    folder.mkdir()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--make-big", str(folder), str(rows)], check=True)
    made = time.perf_counter() - t0
    package = folder / "big.ikupkg"
    print(f"{rows} usaha kecil, package {package.stat().st_size / 1e6:.1f} MB "
          f"(written in {made:.0f} s)")
    out = subprocess.run([sys.executable, __file__, "--merge-big", str(folder / "provinsi.sqlite"),
                          str(package), str(rows)], check=True, capture_output=True,
                         text=True).stdout.split()
    hwm, maxrss, seconds = int(out[0]), int(out[1]), float(out[2])
    print(f"merge at the province: {seconds:.1f} s ({rows / seconds:,.0f} rows/s), peak "
          f"resident memory {hwm / 1024:.0f} MiB (VmHWM; ru_maxrss {maxrss / 1024:.0f} MiB)")


def make_big(folder: Path, rows: int) -> None:
    from tests.services.test_package_bounds import district_with_usaha, write_big_package
    from tests.services.test_packages import new_office

    new_office(folder, "provinsi")
    write_big_package(district_with_usaha(folder), folder / "big.ikupkg", rows)


def merge_big(province: Path, package: Path, rows: int) -> None:
    db = open_database(province)
    t0 = time.perf_counter()
    result = packages.import_package(package)
    seconds = time.perf_counter() - t0
    assert not result.refused and result.counts["usaha_kecil"].added == rows, result.as_dict()
    db.close()
    status = Path("/proc/self/status")
    hwm = next((int(line.split()[1]) for line in status.read_text().splitlines()
                if line.startswith("VmHWM")), 0) if status.exists() else 0
    print(hwm, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, f"{seconds:.3f}")


if __name__ == "__main__":
    main()
