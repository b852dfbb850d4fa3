"""Background work off the GUI thread (after Anki's operations): a function runs in a
worker thread and reports back through ``done``/``failed`` callbacks on the GUI thread. The
worker uses its own database connection (peewee's SQLite connections are per thread) and
closes it when done. A job handed over during an event starts once the event loop has
painted what that event changed (``run``). Tests set ``SYNCHRONOUS`` to run work inline.

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

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer

from iku_desktop.services import session

SYNCHRONOUS = False
WORKERS = max(4, os.cpu_count() or 1)  # a long job (the daily check) leaves others room
POLL_MS = 4  # how often the GUI thread looks for results while work is out

_executor: ThreadPoolExecutor | None = None
_results: queue.SimpleQueue = queue.SimpleQueue()  # (callback, value) from the workers
_pending: set[Future] = set()
_queued: list[tuple] = []  # jobs handed over while the current events run (``run``)
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
    """``fn()`` in a worker; ``done(result)`` or ``failed(error)`` on the GUI thread. The
    worker gets it once the event loop has run the events queued now — the paint of what
    the caller just changed (an answer, a busy mark): a worker running Python meanwhile
    would share the interpreter with the paint, whose every cell calls the model, and make
    it several times slower."""
    if SYNCHRONOUS:
        _job(fn, done, failed)
        deliver()
        return
    _queued.append((fn, done, failed))
    if len(_queued) == 1:
        _after_paint()


class _Submit(QObject):
    """Receives the event that hands the queued jobs to the workers."""

    def event(self, event) -> bool:
        if event.type() != SUBMIT:
            return super().event(event)
        jobs = list(_queued)
        _queued.clear()
        for job in jobs:
            _pending.add(_pool().submit(_job, *job))
        _watch()
        return True


SUBMIT = QEvent.Type(QEvent.registerEventType())
_submitter: _Submit | None = None


def _after_paint() -> None:
    """Post the hand-over below the priority of a widget's paint request (Qt posts its
    ``UpdateRequest`` at ``LowEventPriority``): the event loop paints first. (A zero
    timer or a queued call comes before the paint.)"""
    global _submitter
    if _submitter is None:
        _submitter = _Submit()
    QCoreApplication.postEvent(_submitter, QEvent(SUBMIT), int(Qt.LowEventPriority.value) - 1)


def busy() -> bool:
    """Work is out or about to be, or its result not yet delivered (or a ``soon`` call not
    yet made)."""
    return bool(_soon or _queued or _pending or not _results.empty())


_soon = 0  # calls of ``soon`` not made yet


def soon(fn: Callable[[], None]) -> None:
    """``fn()`` from the event loop once the events posted now have run (not a paint asked
    for now: Qt posts that at a lower priority, see ``run``); ``wait`` waits for it and for
    the work it starts."""
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
