"""Benchmark: start-up, each against its bare baseline, in fresh processes, interleaved.

- window:   ``ui.app.main`` on a demo database (Jambi's size: ``--scale 1``) until the main
            window's first paint (its menus, the year bar and "Membuka …": the database
            is opened right after it) and until the Ringkasan of the opened database is
            painted with the year's figures, under QT_QPA_PLATFORM=offscreen; ``ui.app``
            is imported before Qt, as ``iku-desktop`` and ``main.py`` do (a module
            imported after Qt passes through PySide's import hook, which reads its source);
  bare Qt:  a QApplication and a plain QWidget shown until its first paint;
- ``iku --version``  against  ``python -c pass``;
- ``iku compute --year Y`` on a ten-times-Jambi demo database  against  ``iku --version``,
  and against the same command on a new database (what the file's size adds).

Every candidate is a new process timed from its start to its markers (the paints) or its
exit; the candidates run in turn, ``--runs`` rounds, after two warm-up rounds (which
also writes the bytecode: ``PYTHONDONTWRITEBYTECODE`` is cleared and the bytecode goes to a
temporary ``PYTHONPYCACHEPREFIX``, as an installed program has its ``.pyc`` files). The
window's settings go to a temporary config folder. Medians in milliseconds.

Usage: uv run python benchmarks/startup.py [--runs 9] [--small PATH] [--large PATH]
                                          [--compare CHECKOUT]
Without --small/--large the demo databases are built once in the system temp folder.
``--compare`` adds the window of another checkout of the program (e.g. ``git worktree add
/tmp/before main``), run in turn with the others: before and after under the same load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

BARE_QT = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
class First(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint and obj is w:
            print("PAINTED", flush=True)
            app.removeEventFilter(self)
            QTimer.singleShot(0, app.quit)
        return False
f = First()
app.installEventFilter(f)
w = QWidget()
w.resize(1200, 820)
w.show()
app.exec()
"""

WINDOW = """
import sys
import ui.app  # as iku-desktop starts (ui.app:main): its module, the core, then Qt
def start_qt():
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    app.installEventFilter(probe(app))
def probe(app):
  from PySide6.QtCore import QEvent, QObject, QTimer
  from PySide6.QtWidgets import QMainWindow
  class First(QObject):
    painted = False
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint and isinstance(obj.window(), QMainWindow) \\
                and obj.window().isVisible():
            if not self.painted:
                self.painted = True
                print("PAINTED", flush=True)
            shown = obj
            while shown is not None and type(shown).__name__ != "SummaryTab":
                shown = shown.parentWidget()
            if shown is not None:  # the Ringkasan of the opened database
                print("FIGURES", flush=True)
                app.removeEventFilter(self)
                QTimer.singleShot(0, obj.window().close)  # closed cleanly: no stale lock
        return False
  global first
  first = First()
  return first
if hasattr(ui.app, "_run"):  # Qt where ui.app imports it: in main, after the core
    run = ui.app._run
    def probed(args):
        start_qt()
        return run(args)
    ui.app._run = probed
else:  # a checkout whose ui.app imports the core at its own import (--compare)
    start_qt()
sys.exit(ui.app.main(["--db", sys.argv[1]]))
"""


def environment(tmp: Path, root: Path = ROOT) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    env["XDG_CONFIG_HOME"] = str(tmp / "config")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(root)
    return env


def timed(cmd: list[str], env: dict, markers: tuple[str, ...] = ()) -> dict[str | None, float]:
    """Milliseconds from the process's start to each of ``markers`` on its stdout (None:
    to its exit)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=env["PYTHONPATH"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    at: dict[str | None, float] = {}
    for line in proc.stdout:
        if line.strip() in markers and line.strip() not in at:
            at[line.strip()] = (time.perf_counter() - t0) * 1000
    proc.wait()
    at[None] = (time.perf_counter() - t0) * 1000
    if proc.returncode != 0 or any(m not in at for m in markers):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd[:4])}")
    return at


def demo_database(scale: int, given: Path | None) -> Path:
    """A database with the demo data at ``scale`` (0: a new database, the default document
    and no data), built once in the system temp folder."""
    if given:
        return given
    path = Path(tempfile.gettempdir()) / f"iku-bench-startup-scale{scale}.sqlite"
    if not path.exists():
        print(f"building demo database at scale {scale}: {path}", file=sys.stderr)
        iku = [PY, "-m", "iku_desktop", "--db", str(path)]
        subprocess.run(iku + ["init"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        if scale:
            subprocess.run(iku + ["demo", "--scale", str(scale)], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--small", type=Path, help="demo database at Jambi's size (scale 1)")
    ap.add_argument("--large", type=Path, help="demo database at ten times Jambi's size")
    ap.add_argument("--year", type=int, default=2023)
    ap.add_argument("--compare", type=Path, help="another checkout: its window too")
    args = ap.parse_args()
    small, large = demo_database(1, args.small), demo_database(10, args.large)
    empty = demo_database(0, None)  # the default document, no data: what the size adds
    iku = [PY, "-m", "iku_desktop"]
    window = [PY, "-c", WINDOW, str(small)]
    # a process, its root, and what is timed in it: (name, its marker; None: its exit)
    runs = [
        ([PY, "-c", "pass"], ROOT, [("python -c pass", None)]),
        (iku + ["--version"], ROOT, [("iku --version", None)]),
        (iku + ["--db", str(large), "compute", "--year", str(args.year)], ROOT,
         [("iku compute (scale 10)", None)]),
        (iku + ["--db", str(empty), "compute", "--year", str(args.year)], ROOT,
         [("iku compute (new database)", None)]),
        ([PY, "-c", BARE_QT], ROOT, [("bare Qt window, first paint", "PAINTED")]),
        (window, ROOT, [("IKU window (scale 1), first paint", "PAINTED"),
                        ("IKU window (scale 1), figures painted", "FIGURES")]),
    ]
    if args.compare:
        name = args.compare.name
        runs.append((window, args.compare.resolve(),
                     [(f"{name} window (scale 1), first paint", "PAINTED"),
                      (f"{name} window (scale 1), figures painted", "FIGURES")]))
    with tempfile.TemporaryDirectory() as tmp:
        envs = [environment(Path(tmp) / ("this" if root == ROOT else "other"), root)
                for _, root, _ in runs]
        times: dict[str, list[float]] = {name: [] for *_, named in runs for name, _ in named}
        for round_ in range(2 + args.runs):  # two warm-up rounds: bytecode, page cache, …
            for (cmd, _, named), env in zip(runs, envs):
                at = timed(cmd, env, tuple(m for _, m in named if m))
                if round_ >= 2:
                    for name, marker in named:
                        times[name].append(at[marker])
    med = {name: statistics.median(t) for name, t in times.items()}
    print(f"{'candidate':<42} {'median ms':>10} {'min ms':>8}")
    for name, t in times.items():
        print(f"{name:<42} {med[name]:>10.0f} {min(t):>8.0f}")
    print()
    print(f"iku --version: {med['iku --version']:.0f} ms (target ≤ 300); "
          f"over python -c pass: {med['iku --version'] - med['python -c pass']:.0f} ms")
    print(f"iku compute over iku --version: "
          f"{med['iku compute (scale 10)'] - med['iku --version']:.0f} ms (target ≤ 150); "
          f"over the same on a new database (what the file's size adds): "
          f"{med['iku compute (scale 10)'] - med['iku compute (new database)']:.0f} ms")
    bare = med["bare Qt window, first paint"]
    first, figures = (med["IKU window (scale 1), first paint"],
                      med["IKU window (scale 1), figures painted"])
    print(f"window first paint: {first:.0f} ms, {first / bare:.2f}× the bare Qt window "
          "(target ≤ 3×)")
    print(f"window with the year's figures: {figures:.0f} ms (target ≤ 1000), "
          f"{figures / bare:.2f}× the bare Qt window")
    if args.compare:
        for what in ("first paint", "figures painted"):
            name = f"{args.compare.name} window (scale 1), {what}"
            print(f"{name}: {med[name]:.0f} ms, {med[name] / bare:.2f}× the bare Qt window")

if __name__ == "__main__":
    main()
