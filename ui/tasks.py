"""Background work off the GUI thread (after Anki's operations): a function runs in a
worker thread and reports back through ``done``/``failed`` callbacks on the GUI thread. The
worker uses its own database connection (peewee's SQLite connections are per thread) and
closes it when done. Tests set ``SYNCHRONOUS`` to run work inline.

The workers are Python threads (``concurrent.futures``) and their results come back
through a queue that a timer on the GUI thread empties while work is out — not through
``QThreadPool`` and a queued signal: PySide6 6.12.0 on Python 3.11 drops a reference to
``None`` for every ``QRunnable`` the pool runs (and to ``True``/``False`` with every
signal emitted from a pool thread), so that after a few thousand jobs the interpreter
aborts with "deallocating None" (``tests/ui/test_tasks.py``; 6.11 does not, and the
project pins it — ``pyproject.toml``, ``tests/ui/test_qt_binding.py``). Nothing of Qt is
touched from a worker."""

from __future__ import annotations

import os
import queue
import traceback
from concurrent.futures import Future, ThreadPoolExecutor, wait as wait_futures
from typing import Any, Callable

from PySide6.QtCore import QTimer

from iku_desktop.services import session

SYNCHRONOUS = False
WORKERS = max(4, os.cpu_count() or 1)  # a long job (the daily check) leaves others room
POLL_MS = 4  # how often the GUI thread looks for results while work is out

_executor: ThreadPoolExecutor | None = None
_results: queue.SimpleQueue = queue.SimpleQueue()  # (callback, value) from the workers
_pending: set[Future] = set()
_timer: QTimer | None = None


def _pool() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(WORKERS, thread_name_prefix="iku-kerja")
    return _executor


def _job(fn: Callable[[], Any], done, failed) -> None:
    """In the worker: run ``fn`` and queue its result or error for the GUI thread."""
    try:
        result = fn()
    except Exception as exc:  # noqa: BLE001 — reported to the user, never swallowed
        exc.__traceback_text__ = traceback.format_exc()
        _results.put((failed, exc))
    else:
        _results.put((done, result))
    finally:
        if not SYNCHRONOUS:
            session.close_thread_connection()  # this thread's connection only


def deliver() -> None:
    """On the GUI thread: call back with the results that have come in."""
    for future in [f for f in _pending if f.done()]:
        _pending.discard(future)
    while True:
        try:
            callback, value = _results.get_nowait()
        except queue.Empty:
            break
        callback(value)
    if not _pending and _results.empty() and _timer is not None:
        _timer.stop()


def _watch() -> None:
    global _timer
    if _timer is None:
        _timer = QTimer()
        _timer.setInterval(POLL_MS)
        _timer.timeout.connect(deliver)
    if not _timer.isActive():
        _timer.start()


def run(fn: Callable[[], Any], done: Callable[[Any], None],
        failed: Callable[[Exception], None]) -> None:
    if SYNCHRONOUS:
        _job(fn, done, failed)
        deliver()
        return
    _pending.add(_pool().submit(_job, fn, done, failed))
    _watch()


def busy() -> bool:
    """Work is out, or its result not yet delivered (or a ``soon`` call not yet made)."""
    return bool(_soon or _pending or not _results.empty())


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

    for _ in range(100):  # until a round finds nothing running or about to run
        QCoreApplication.processEvents()
        wait_futures(list(_pending))
        deliver()
        QCoreApplication.processEvents()
        if not busy():
            return
