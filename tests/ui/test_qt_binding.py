"""The Qt binding keeps Python's own objects counted: PySide6 6.12.0 on Python 3.11 dropped
a reference to None with every call into Qt that returns nothing and every Python slot Qt
called (and to True/False with every signal emitted), so that an hour in the window ended
in "Fatal Python error: deallocating None". pyproject.toml pins the 6.11 line for it."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

CALLS = 2000


class _Sender(QObject):
    value = Signal(object)


def _counts():
    gc.collect()
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def _lost(before, after):
    return [b - a for a, b in zip(after, before)]


def test_calls_into_qt_and_slots_keep_none_true_and_false(qapp):
    label, sender, got = QLabel(), _Sender(), []
    sender.value.connect(got.append)

    def work():
        for n in range(CALLS):
            label.setText(str(n))  # returns nothing
            sender.value.emit(n % 2 == 0)  # returns a bool; the slot returns None
        QTimer.singleShot(0, lambda: None)
        qapp.processEvents()
        got.clear()

    work()  # whatever is created once
    before = _counts()
    work()
    after = _counts()
    assert all(lost < 50 for lost in _lost(before, after)), (before, after)
