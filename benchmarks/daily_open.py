"""Benchmark: the first open of a day — the window on a database whose daily check and
backup is due (a fresh copy of the file, no backup taken yet), offscreen Qt, 1366×768.

- **usable ms**: from creating the window until it is shown and its event loop runs (the
  first 1 ms timer tick after ``show()``);
- **backup done ms**: until the daily backup is in the backup folder and no background
  work is left;
- **frozen ms**: the longest time the GUI thread did not return to its event loop between
  "usable" and "backup done" (the gaps between the ticks of a 1 ms timer): what the user
  feels while the daily check and backup run in the background.

Usage: uv run python benchmarks/daily_open.py --db /tmp/s10.sqlite [--runs 3]
Each run copies ``--db`` to a temporary folder first (the original is never written).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.interaction import ticks  # noqa: E402 (the measuring loop, written once)

LIMIT_S = 120.0


def one_run(app, source: Path, year: int) -> tuple[float, float, float]:
    """(usable ms, backup done ms, frozen ms) of opening a copy of ``source``."""
    from ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "iku.sqlite"
        shutil.copyfile(source, path)
        folder = path.with_name("iku-cadangan")
        opened = []

        def open_window() -> None:
            w = MainWindow(path, year)
            w.resize(1366, 768)
            w.show()
            opened.append(w)

        def backed_up() -> bool:
            return folder.is_dir() and any(p.name.endswith("-harian.sqlite")
                                           for p in folder.iterdir())

        try:
            stamps, done_at = ticks(open_window, backed_up, LIMIT_S)
        except RuntimeError:
            raise RuntimeError("the daily backup was never made") from None
        finally:
            for w in opened:
                w.close()
                w.deleteLater()
            app.processEvents()
        # stamps: the open began, the open returned, then the timer's ticks
        started, usable = stamps[0], stamps[2] if len(stamps) > 2 else done_at
        gaps = [b - a for a, b in zip(stamps[2:], stamps[3:])] or [0.0]
        return ((usable - started) * 1000, (done_at - started) * 1000, max(gaps) * 1000)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--year", type=int, default=2023)
    args = ap.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    app.setOrganizationName("iku-bench")  # the benchmark's settings, not the user's
    rows = [one_run(app, args.db, args.year) for _ in range(args.runs)]
    for name, i in (("usable", 0), ("backup done", 1), ("frozen while it runs", 2)):
        values = [r[i] for r in rows]
        print(f"{name}: median {statistics.median(values):.0f} ms "
              f"({', '.join(f'{v:.0f}' for v in values)})")


if __name__ == "__main__":
    main()
