"""Opening a path that must be a regular file, without ever blocking.

A path a user names may be a folder, a FIFO (opening it waits for a writer), a device such
as /dev/zero (reading it never ends) or a socket. Data files, key files, the logo and the
database are all opened here: looked at first (``os.stat``), opened without waiting
(``O_NONBLOCK``) and looked at again on the open handle, so what is read is the regular
file that was checked, even if something else was put in its place in between.
"""

from __future__ import annotations

import os
import stat

_KINDS = ((stat.S_ISDIR, "sebuah folder"), (stat.S_ISFIFO, "sebuah pipa (FIFO)"),
          (stat.S_ISCHR, "sebuah perangkat"), (stat.S_ISBLK, "sebuah perangkat blok"),
          (stat.S_ISSOCK, "sebuah soket"))


def not_regular(mode: int) -> str | None:
    """What a file of ``mode`` is when it is not a regular file ("sebuah folder", …),
    in Indonesian; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((k for test, k in _KINDS if test(mode)), "bukan berkas biasa")


class NotRegularFile(Exception):
    """Raised by ``open_regular``; ``kind`` says what the path is instead."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def open_regular(path) -> int:
    """A read-only descriptor of the regular file at ``path`` (the caller closes it).
    ``NotRegularFile`` when the opened file is not a regular file; ``OSError`` as
    ``os.open`` raises it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        kind = not_regular(os.fstat(fd).st_mode)
    except BaseException:
        os.close(fd)
        raise
    if kind is not None:
        os.close(fd)
        raise NotRegularFile(kind)
    return fd
