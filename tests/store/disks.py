"""Real full disks and read-only file systems for tests: a small tmpfs filled to the last
byte, and a read-only bind mount of a folder. Both need mount(8) and root; without them
the test is skipped (the reason says so)."""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root and mount(8) for a real full or read-only file system")
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mount refused here: {done.stderr.strip()}")


def _umount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


def fill(folder: Path) -> None:
    """Write a filler file until the file system holding ``folder`` is full."""
    fd = os.open(folder / "pengisi", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        for size in (65536, 4096, 512, 1):
            while True:
                try:
                    if os.write(fd, b"\0" * size) < size:
                        break
                except OSError:
                    break
    finally:
        os.close(fd)


@contextmanager
def small_disk(folder: Path, size: str = "2m"):
    """A tmpfs of ``size`` mounted on ``folder`` (fill it with ``fill``)."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _umount(folder)


@contextmanager
def read_only_view(source: Path, view: Path):
    """``source`` seen read-only at ``view`` (a read-only bind mount)."""
    view.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(source), str(view))
    try:
        done = subprocess.run(["mount", "-o", "remount,bind,ro", str(view)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"read-only remount refused here: {done.stderr.strip()}")
        yield view
    finally:
        _umount(view)


def backup_copies_fill_the_disk(monkeypatch) -> None:
    """Without a mount: every backup copy being written (``*.sebagian``) runs out of room
    after five pages, as on a full disk (``store.backup`` connects through ``sqlite3``)."""
    import sqlite3

    from iku_desktop.store import backup

    real_connect = sqlite3.connect

    def small_disk(target, *a, **k):
        conn = real_connect(target, *a, **k)
        if str(target).endswith(".sebagian"):
            conn.execute("PRAGMA max_page_count = 5")
        return conn

    monkeypatch.setattr(backup.sqlite3, "connect", small_disk)
