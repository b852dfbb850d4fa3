"""Background work off the GUI thread (after Anki's operations): a function runs in the
thread pool and reports back through ``done``/``failed`` callbacks on the GUI thread. The
worker uses its own database connection (peewee's SQLite connections are per thread) and
closes it when done. Tests set ``SYNCHRONOUS`` to run work inline."""

from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from iku_desktop.services.threads import release_thread_connection

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
                release_thread_connection()


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


def wait() -> None:
    """Let running background work finish and deliver its results."""
    from PySide6.QtCore import QCoreApplication

    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()
