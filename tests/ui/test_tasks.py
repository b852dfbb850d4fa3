"""Background work: results and errors come back on the GUI thread, and running many jobs
leaves the interpreter sound — PySide6 6.12.0's thread pool dropped a reference to None
for every job it ran (and to True/False for every signal emitted from a pool thread), so
that a day's work in the window ended in "Fatal Python error: deallocating None"."""

from __future__ import annotations

import gc
import sys
import threading

import pytest

from ui import tasks

pytestmark = pytest.mark.background  # real worker threads, as in the app

JOBS = 1000


def test_many_jobs_leave_none_true_and_false_counted(qapp):
    got = []

    def jobs(count):
        for n in range(count):
            tasks.run(lambda n=n: None if n % 3 == 0 else n % 3 == 1, got.append,
                      got.append)
        tasks.wait()
        got.clear()
        gc.collect()
        return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)

    counts = jobs(10)  # the worker threads started, earlier garbage collected
    after = jobs(JOBS)
    # a few references may come and go with the threads' own objects; the lost reference
    # per job would be a thousand
    assert all(a >= b - 50 for a, b in zip(after, counts)), (counts, after)


def test_results_and_errors_come_back_on_the_gui_thread(qapp):
    seen = []

    def done(value):
        seen.append(("done", value, threading.current_thread() is threading.main_thread()))

    def failed(exc):
        seen.append(("failed", str(exc), threading.current_thread() is threading.main_thread(),
                     "ZeroDivisionError" in exc.__traceback_text__))

    worker = []
    tasks.run(lambda: worker.append(threading.current_thread()) or 42, done, failed)
    tasks.run(lambda: 1 / 0, done, failed)
    assert tasks.busy()
    tasks.wait()
    assert not tasks.busy()
    assert worker[0] is not threading.main_thread()
    assert sorted(seen) == [("done", 42, True), ("failed", "division by zero", True, True)]


def test_a_callback_that_starts_more_work_is_waited_for(qapp):
    seen = []
    tasks.run(lambda: 1, lambda v: tasks.run(lambda: v + 1, seen.append, seen.append),
              seen.append)
    tasks.wait()
    assert seen == [2]


def test_work_handed_over_by_a_key_starts_after_the_paint_the_key_asked_for(qtbot):
    """The paint of what an event changed does not share the interpreter with the work the
    event handed over (every cell of a register's paint calls the model in Python)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    order: list[str] = []
    started = threading.Event()

    class Field(QLineEdit):
        def paintEvent(self, event) -> None:
            order.append("paint")
            super().paintEvent(event)

        def keyPressEvent(self, event) -> None:
            super().keyPressEvent(event)  # the text changes: a paint is asked for
            order.clear()
            tasks.run(lambda: order.append("job") or started.set(), lambda _: None,
                      lambda _: None)
            # the GUI thread lets the workers run: a job handed over at once starts now
            started.wait(0.3)

    field = Field()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    qtbot.waitUntil(lambda: "paint" in order)  # shown: its first paint is done
    QTest.keyClick(field, Qt.Key_A)
    tasks.wait()
    assert field.text() == "a"
    assert order[:2] == ["paint", "job"]
