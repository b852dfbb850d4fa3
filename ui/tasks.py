"""Background work off the GUI thread (after Anki's operations): a function runs in the
thread pool and reports back through ``done``/``failed`` callbacks on the GUI thread. The
worker uses its own database connection (peewee's SQLite connections are per thread) and
closes it when done. Tests set ``SYNCHRONOUS`` to run work inline."""

from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from iku_desktop.services import session

SYNCHRONOUS = False


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn, self.signals = fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 — reported to the user, never swallowed
            exc.__traceback_text__ = traceback.format_exc()
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            if not SYNCHRONOUS:
                session.close_thread_connection()  # this thread's connection only


_alive: set[_Signals] = set()


def run(fn: Callable[[], Any], done: Callable[[Any], None],
        failed: Callable[[Exception], None]) -> None:
    signals = _Signals()
    _alive.add(signals)

    def finish(callback, value):
        _alive.discard(signals)
        callback(value)

    signals.done.connect(lambda r: finish(done, r))
    signals.failed.connect(lambda e: finish(failed, e))
    job = _Job(fn, signals)
    if SYNCHRONOUS:
        job.run()
    else:
        QThreadPool.globalInstance().start(job)


_soon = 0  # calls of ``soon`` not made yet


def soon(fn: Callable[[], None]) -> None:
    """``fn()`` from the event loop once the events queued now (a paint) have run; ``wait``
    waits for it and for the work it starts."""
    global _soon
    _soon += 1

    def call() -> None:
        global _soon
        _soon -= 1
        fn()

    QTimer.singleShot(0, call)


def wait() -> None:
    """Let background work finish and deliver its results (and the work ``soon`` is to
    start, and the results of that)."""
    from PySide6.QtCore import QCoreApplication

    pool = QThreadPool.globalInstance()
    for _ in range(100):  # until a round finds nothing running or about to run
        QCoreApplication.processEvents()
        busy = _soon or pool.activeThreadCount()
        pool.waitForDone()
        QCoreApplication.processEvents()
        if not (busy or _soon or pool.activeThreadCount()):
            return
