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
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LIMIT_S = 120.0


def one_run(app, source: Path, year: int) -> tuple[float, float, float]:
    from PySide6.QtCore import QEventLoop, QTimer

    from ui import tasks

    from ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "iku.sqlite"
        shutil.copyfile(source, path)
        folder = path.with_name("iku-cadangan")
            t0 = time.perf_counter()
        w = MainWindow(path, year)
        w.resize(1366, 768)
        w.show()
        stamps: list[float] = []
        done: list[float] = []
        loop = QEventLoop()

        def tick() -> None:
            now = time.perf_counter()
            stamps.append(now)
            made = folder.is_dir() and any(p.name.endswith("-harian.sqlite")
                                           for p in folder.iterdir())
            if made and not tasks.busy():
                done.append(now)
                loop.quit()
            elif now - t0 > LIMIT_S:
                loop.quit()

        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(tick)
        timer.start()
        loop.exec()
        timer.stop()
        w.close()
        w.deleteLater()
        app.processEvents()
        if not done:
            raise RuntimeError("the daily backup was never made")
        gaps = [b - a for a, b in zip(stamps, stamps[1:])] or [0.0]
        return ((stamps[0] - t0) * 1000, (done[0] - t0) * 1000, max(gaps) * 1000)


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
