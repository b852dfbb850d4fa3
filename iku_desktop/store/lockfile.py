"""Who has a database open for writing: a small lock file beside it
(``<name>.sqlite.lock``: user, computer, process, since when).

The first window to open a database takes the lock; a second window — on this PC or on
another PC reaching the same shared folder — finds it, is told who holds it and opens the
database read-only. A lock left by a process that no longer runs on this computer is
taken over silently; one left by another computer can be taken over by the user (the
window asks). The lock is released when the window closes the database.
"""

from __future__ import annotations

import json
import os
import socket
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..domain.formatting import format_time
from .audit import os_user


@dataclass(frozen=True)
class Holder:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"{self.user} di komputer {self.host} (sejak {format_time(self.since)})"

    @property
    def is_this_process(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _me() -> Holder:
    return Holder(os_user(), socket.gethostname(), os.getpid(),
                  datetime.now(timezone.utc).isoformat(timespec="seconds"))


_WINDOWS = os.name == "nt"
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_STILL_ACTIVE = 259
_ERROR_ACCESS_DENIED = 5


def _kernel32():
    import ctypes

    k = ctypes.WinDLL("kernel32", use_last_error=True)
    k.OpenProcess.argtypes = (ctypes.c_uint32, ctypes.c_int, ctypes.c_uint32)
    k.OpenProcess.restype = ctypes.c_void_p
    k.GetExitCodeProcess.argtypes = (ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32))
    k.GetExitCodeProcess.restype = ctypes.c_int
    k.CloseHandle.argtypes = (ctypes.c_void_p,)
    return k


def _alive_windows(pid: int, kernel32=None, last_error=None) -> bool:
    """On Windows ``os.kill(pid, 0)`` is no existence check (signal 0 is CTRL_C_EVENT,
    sent to a console process group): open the process and ask whether it has exited."""
    import ctypes

    kernel32 = kernel32 or _kernel32()
    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        # denied: it runs, under another account; otherwise (invalid parameter) it is gone
        return (last_error or ctypes.get_last_error)() == _ERROR_ACCESS_DENIED
    try:
        code = ctypes.c_uint32()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True  # cannot be asked: assume it runs
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if _WINDOWS:
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (or cannot be asked): assume it runs
    return True


def holder(db_path: Path) -> Holder | None:
    """The current holder, or None (no lock, or a stale one from this computer)."""
    try:
        data = json.loads(_read_small(lock_path(db_path)))
        h = Holder(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return Holder("tidak diketahui", "tidak diketahui", 0, "")  # unreadable: held
    if h.host == socket.gethostname() and not _alive(h.pid):
        return None
    return h


def _read_small(path: Path, limit: int = 4096) -> str:
    """The lock file's text: never blocking on a FIFO, never reading without end."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file")
        return os.read(fd, limit).decode("utf-8")
    finally:
        os.close(fd)


def acquire(db_path: Path, take_over: bool = False) -> Holder | None:
    """Take the lock. Returns None when taken, else who holds it (``take_over``: take it
    anyway — the user said the other holder is gone)."""
    path = lock_path(db_path)
    for _ in range(2):
        current = holder(db_path)
        if current is not None and not current.is_this_process and not take_over:
            return current
        if current is None or take_over or current.is_this_process:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                # a read-only folder or file system (where even removing a file that is
                # not there is refused): nobody can write here anyway
                return None
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            continue  # another process took it just now: look again
        except OSError:
            return None  # a read-only folder: nobody can write here anyway
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(_me().__dict__, f)
        return None
    return holder(db_path)


def release(db_path: Path) -> None:
    current = holder(db_path)
    if current is not None and current.is_this_process:
        lock_path(db_path).unlink(missing_ok=True)
