"""Benchmark: from a committed edit to the updated card, in the window, on a
`demo --scale 10` database (offscreen Qt).

Side by side in the same run:
- window: the tahun buku model's setData (validate → undo stack → write → recompute the
  affected indikator and its trend → refresh cards, Ringkasan and the register panel)
- core floor: the same edit written and the one indikator recomputed, without the window

Usage: uv run python benchmarks/edit_latency.py [--db PATH] [--edits 21]
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

from iku_desktop.services import demo, editing  # noqa: E402
from iku_desktop.services.database import init_database  # noqa: E402
from iku_desktop.services.indicators import compute_indikator  # noqa: E402
from iku_desktop.store import document_repo  # noqa: E402
from iku_desktop.store import models as m  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path)
    ap.add_argument("--edits", type=int, default=21)
    ap.add_argument("--year", type=int, default=2023)
    args = ap.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / "iku-bench-scale10.sqlite"
    if not path.exists():
        print(f"building demo database at scale 10: {path}", file=sys.stderr)
        db = init_database(path)
        demo.fill(10)
        db.close()

    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    w = MainWindow(path, args.year)
    panel = w.sasaran_tabs[0].panels[1].records[0]
    panel.table.selectRow(0)
    model = panel.tb_model
    row = next(i for i, r in enumerate(model.rows) if r.tahun == args.year)
    index = model.index(row, 4)  # aset
    card = w.sasaran_tabs[0].panels[1].card
    base = model.rows[row].aset
    window_ms = []
    for n in range(args.edits):
        t0 = time.perf_counter()
        assert model.setData(index, str(base + 1 + n % 2))
        window_ms.append((time.perf_counter() - t0) * 1000)
        app.processEvents()
    shown = card.value.text()

    ind = document_repo.load_active().semua_indikator[0]
    tb_id = model.rows[row].id
    core_ms = []
    for n in range(args.edits):
        t0 = time.perf_counter()
        change = editing.prepare_edit("koperasi_tahun_buku", tb_id, "aset", str(base + 3 + n % 2))
        editing.apply(change)
        compute_indikator(ind, args.year)
        core_ms.append((time.perf_counter() - t0) * 1000)
    w.close()
    counts = (m.Koperasi.select().count(), m.UsahaKecil.select().count())
    print(f"database {path.name}: koperasi {counts[0]}, usaha kecil {counts[1]}; "
          f"{args.edits} edits of one aset; card shows {shown}")
    print(f"{'':34}{'median ms':>10}{'max ms':>10}")
    print(f"{'window: edit → card updated':34}{statistics.median(window_ms):10.1f}"
          f"{max(window_ms):10.1f}")
    print(f"{'core floor: write + recompute':34}{statistics.median(core_ms):10.1f}"
          f"{max(core_ms):10.1f}")


if __name__ == "__main__":
    main()
