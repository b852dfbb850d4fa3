"""Every file the program writes for the user (workbooks, PDFs, packages) is written whole
under a temporary name in the same folder and then renamed over the target
(``output_file``): a full disk or a crash never leaves a cut-off or empty file under the
user's name. (No spreadsheet library here: the PDF and package writers and the window's
start-up use it without loading openpyxl.)"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from contextlib import contextmanager
from pathlib import Path

from ..errors import Refused


class OutputError(Refused):
    """A file that cannot be written; ``str()`` is the user's message. Nothing is left
    under the target's name (an older file there is kept as it was)."""


def output_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        why = "disk penuh; kosongkan ruang disk lalu coba lagi"
    elif exc.errno == errno.EROFS:
        why = "sistem berkasnya hanya-baca"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        why = "tidak ada izin menulis di sana"
    elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
        why = "foldernya tidak ada"
    elif exc.errno == errno.EISDIR:
        why = "nama itu adalah folder"
    else:
        why = exc.strerror or str(exc)
    return f"Berkas {path} tidak dapat ditulis: {why}"


_NOT_FILES = ((stat.S_ISLNK, "sebuah tautan simbolik"), (stat.S_ISDIR, "sebuah folder"),
              (stat.S_ISFIFO, "sebuah pipa (FIFO)"), (stat.S_ISCHR, "sebuah perangkat"),
              (stat.S_ISBLK, "sebuah perangkat blok"), (stat.S_ISSOCK, "sebuah soket"))


def target_problem(path: str | os.PathLike) -> str | None:
    """The user's message when ``path`` exists and is not a plain file (a symbolic link,
    folder, FIFO, device or socket): renaming a new file over it would replace it (as root,
    even /dev/null), writing through it would reach somewhere else. None when it is free."""
    target = Path(path)
    try:
        mode = os.lstat(target).st_mode
    except OSError:
        return None  # absent (or unreachable: the write itself says why)
    for test, what in _NOT_FILES:
        if test(mode):
            return (f"Berkas {target} tidak dapat ditulis: {target} adalah {what}, bukan "
                    "berkas; pilih nama berkas lain")
    return None


@contextmanager
def output_file(path: str | os.PathLike):
    """Yield a temporary path beside ``path`` to write the whole file to; on success it is
    renamed over ``path`` (an atomic replace), on any failure it is removed and an OSError
    becomes an ``OutputError``."""
    target = Path(path)
    problem = target_problem(target)
    if problem:
        raise OutputError(problem)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.sebagian")
    try:  # the permissions a plain new file would get (mkstemp's are owner-only)
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise OutputError(output_problem(target, exc)) from exc
    try:
        yield temp
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(output_problem(target, exc)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` whole (through ``output_file``), flushed to disk."""
    with output_file(path) as temp:
        with open(temp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
