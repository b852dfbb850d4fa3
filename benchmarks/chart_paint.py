"""Benchmark: what the charts add to the Ringkasan's paint, on a demo database (offscreen Qt).

Side by side, interleaved, in one process, the Ringkasan laid out at 1366×740:
- first paint of a new Ringkasan (build, fill, lay out, paint once) with its charts, and the
  same with the chart area hidden (the table alone: what the first paint cost before);
- a repaint of the four trend charts, of the table, of the card's kabupaten chart.
The trend data itself (each year's realisasi) is computed before, as the window does.

Usage: uv run python benchmarks/chart_paint.py [--db PATH] [--scale 1] [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from iku_desktop.services import demo  # noqa: E402
from iku_desktop.services.database import init_database  # noqa: E402


def ms(f) -> float:
    t0 = time.perf_counter()
    f()
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path)
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--year", type=int, default=2023)
    args = ap.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / f"iku-bench-scale{args.scale}.sqlite"
    if not path.exists():
        print(f"building demo database at scale {args.scale}: {path}", file=sys.stderr)
        db = init_database(path)
        demo.fill(args.scale)
        db.close()

    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.summary_tab import SummaryTab

    app = QApplication.instance() or QApplication([])
    w = MainWindow(path, args.year)
    w.resize(1366, 740)
    w.show()
    app.processEvents()
    reports, trend = w.reports, w.trend

    def first_paint(charts: bool) -> None:
        tab = SummaryTab()
        tab.resize(1340, 620)
        tab.chart_area.setVisible(charts)
        tab.show_reports(args.year, reports, trend)
        tab.grab()
        tab.deleteLater()

    card = w.sasaran_tabs[0].panels[1].card
    w.tabs.setCurrentIndex(1)
    app.processEvents()
    kab = card.kabupaten
    w.tabs.setCurrentIndex(0)
    app.processEvents()
    cases = {
        "first paint, Ringkasan with charts": lambda: first_paint(True),
        "first paint, Ringkasan table only (charts hidden)": lambda: first_paint(False),
        "repaint: four trend charts": lambda: w.summary.trends.grab(),
        "repaint: the Ringkasan table": lambda: w.summary.table.grab(),
        "repaint: kabupaten chart of IKU 1": lambda: kab.grab(),
    }
    for f in cases.values():  # warm up (fonts, glyph caches)
        f()
        app.processEvents()
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(args.runs):
        for name, f in cases.items():
            times[name].append(ms(f))
            app.processEvents()
    print(f"{path.name}, year {args.year}, {args.runs} runs, interleaved")
    print("| candidate | median ms | min ms |\n|---|---:|---:|")
    for name, t in times.items():
        print(f"| {name} | {statistics.median(t):.1f} | {min(t):.1f} |")
    w.close()


if __name__ == "__main__":
    main()
