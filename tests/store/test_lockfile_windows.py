"""A stale lock on Windows: ``os.kill(pid, 0)`` is no existence check there (signal 0 is
CTRL_C_EVENT), so the lock file asks Windows whether the process has exited
(OpenProcess + GetExitCodeProcess). Here Windows' kernel32 is played by a fake that
answers as Windows does; the real one is exercised under Wine by
packaging/windows/smoke.sh."""

from __future__ import annotations

import ctypes
import json
import os
import socket

import pytest

from iku_desktop.store import lockfile

ACCESS_DENIED, INVALID_PARAMETER = 5, 87
STILL_ACTIVE = 259


class FakeKernel32:
    """Processes by pid: their exit code (259 = still running), or "denied"."""

    def __init__(self, processes):
        self.processes = processes
        self.error = 0
        self.opened = []
        self.closed = []

    def OpenProcess(self, access, inherit, pid):
        assert access == 0x1000  # PROCESS_QUERY_LIMITED_INFORMATION: enough, and allowed
        state = self.processes.get(pid)
        if state is None or state == "denied":
            self.error = INVALID_PARAMETER if state is None else ACCESS_DENIED
            return None
        handle = 1000 + pid
        self.opened.append(handle)
        return handle

    def GetExitCodeProcess(self, handle, code_ref):
        code_ref._obj.value = self.processes[handle - 1000]
        return 1

    def CloseHandle(self, handle):
        self.closed.append(handle)
        return 1


@pytest.fixture
def windows(monkeypatch):
    kernel = FakeKernel32({os.getpid(): STILL_ACTIVE})  # this process runs
    monkeypatch.setattr(lockfile, "_WINDOWS", True)
    monkeypatch.setattr(lockfile, "_kernel32", lambda: kernel)
    monkeypatch.setattr(ctypes, "get_last_error", lambda: kernel.error, raising=False)

    def no_kill(pid, sig):
        raise AssertionError("os.kill(pid, 0) sends Ctrl+C on Windows")

    monkeypatch.setattr(lockfile.os, "kill", no_kill)
    return kernel


def _lock(db_path, pid, host=None):
    lockfile.lock_path(db_path).write_text(json.dumps(
        {"user": "budi", "host": host or socket.gethostname(), "pid": pid,
         "since": "2026-11-30T08:00:00+00:00"}), encoding="utf-8")


def test_a_lock_of_a_process_that_no_longer_exists_is_stale(windows, tmp_path):
    db = tmp_path / "iku.sqlite"
    _lock(db, 4242)  # no such process: OpenProcess fails with ERROR_INVALID_PARAMETER
    assert lockfile.holder(db) is None
    assert lockfile.acquire(db) is None and lockfile.holder(db).is_this_process


def test_a_lock_of_a_process_that_has_exited_is_stale(windows, tmp_path):
    db = tmp_path / "iku.sqlite"
    windows.processes[4242] = 0  # exited with code 0; its handle still open somewhere
    _lock(db, 4242)
    assert lockfile.holder(db) is None
    assert windows.opened and windows.closed == windows.opened  # every handle opened is closed


def test_a_lock_of_a_running_process_holds(windows, tmp_path):
    db = tmp_path / "iku.sqlite"
    windows.processes[4242] = STILL_ACTIVE
    _lock(db, 4242)
    assert lockfile.holder(db).user == "budi"
    assert lockfile.acquire(db).user == "budi"
    assert windows.closed == windows.opened


def test_a_process_of_another_account_counts_as_running(windows, tmp_path):
    db = tmp_path / "iku.sqlite"
    windows.processes[4242] = "denied"  # ERROR_ACCESS_DENIED: it exists
    _lock(db, 4242)
    assert lockfile.holder(db).user == "budi"


def test_a_lock_of_another_computer_is_not_asked_about(windows, tmp_path):
    db = tmp_path / "iku.sqlite"
    _lock(db, 4242, host="PC-SEKRETARIAT")
    assert lockfile.holder(db).host == "PC-SEKRETARIAT"
    assert windows.opened == []
