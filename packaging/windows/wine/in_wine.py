"""Checks smoke.sh runs inside Wine with the installed program's own Python
(``<install>\\Python\\python.exe in_wine.py CHECK ARGS``); prints one line per check and
exits non-zero on a failure. Test-only, never shipped.

  lock DB_PATH        a lock file left by a process that has exited is stale (and this
                      process's own lock holds): the Windows liveness check, not os.kill
  pdf FILE.pdf OUT.png  QtPdf opens the printout and renders page 1 with ink on it
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path


def check_lock(db: Path) -> None:
    from iku_desktop.store import lockfile

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead = int(child.stdout)
    lockfile.lock_path(db).write_text(json.dumps(
        {"user": "budi", "host": socket.gethostname(), "pid": dead,
         "since": "2026-11-30T08:00:00+00:00"}), encoding="utf-8")
    assert lockfile.holder(db) is None, "the lock of an exited process looks held"
    assert lockfile.acquire(db) is None, "a stale lock was not taken over"
    mine = lockfile.holder(db)
    assert mine is not None and mine.pid == os.getpid(), "this process's lock does not hold"
    lockfile.release(db)
    assert not lockfile.lock_path(db).exists()
    print(f"lock: a lock of exited process {dead} is stale; this process's lock holds")


def check_pdf(pdf: Path, out: Path) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # Wine drops QT_* from the Linux side
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument

    app = QGuiApplication([])
    doc = QPdfDocument(app)
    assert doc.load(str(pdf)) == QPdfDocument.Error.None_, doc.error()
    image = doc.render(0, QSize(595, 842))
    assert not image.isNull() and image.save(str(out))
    ink = sum(1 for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)
              if image.pixelColor(x, y).lightness() < 128)
    assert ink > 200, f"page 1 is almost blank ({ink} dark samples)"
    print(f"pdf: {doc.pageCount()} pages, page 1 rendered by QtPdf ({ink} dark samples)")


if __name__ == "__main__":
    what, *args = sys.argv[1:]
    if what == "lock":
        check_lock(Path(args[0]))
    elif what == "pdf":
        check_pdf(Path(args[0]), Path(args[1]))
    else:
        sys.exit(f"unknown check {what}")
