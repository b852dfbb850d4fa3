"""The database file itself, before and around SQLite: what a path names (a regular file,
or a folder, a device, a FIFO, a symlink loop — refused without reading it), its SQLite
URI (a folder named "a#b?c" or "%41" must not change which file is opened), the IKU mark
that tells our databases from other applications' SQLite files, the file's identity (to
notice it deleted or replaced while a write runs), and what a failure means: a damaged
file, a read-only file system, a full disk or a busy database are different things and
get different advice (only a damaged file is ever advised to be restored).

Every failure is a ``DatabaseError`` whose text is the Indonesian message for the user.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .. import files
from ..errors import Refused

SQLITE_HEADER = b"SQLite format 3\x00"
# PRAGMA application_id of an IKU Desktop database: "IKUD" (set by migration 8; the schema
# version is kept in PRAGMA user_version as well)
APPLICATION_ID = 0x494B5544
HISTORY = "schema_migrations"
FIRST_MIGRATION = "initial"
# tables every IKU database has had since its first migration: with the migration history
# they recognise a database made before the mark existed
IKU_TABLES = frozenset({"kabupaten", "office", "dokumen", "sasaran", "indikator", "koperasi",
                        "usaha_kecil", "ikm_survei", HISTORY})

# SQLite's primary result codes (extended codes carry them in the low byte)
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB = 26
# what SQLite answers when it cannot make the WAL's shared-memory file (read-only folder,
# full disk): such a file is still readable as immutable
NO_SHARED_MEMORY = (SQLITE_CANTOPEN, SQLITE_IOERR)


class BackupError(Refused):
    """A backup that cannot be made or restored; ``str()`` is the user's message (here, with
    the file's other errors: a command that only reads never imports ``store.backup``)."""


class DatabaseError(Refused):
    """A database that cannot be opened or written; ``str()`` is the user's message."""


class DatabaseMissing(DatabaseError):
    pass


class DatabaseDamaged(DatabaseError):
    """The file is damaged (or was overwritten): the only failure for which restoring a
    backup is the advice."""


class NotIkuDatabase(DatabaseError):
    """A sound SQLite file of another application: refused and left untouched."""


class DatabaseUnwritable(DatabaseError):
    """A read-only file system or file, or a full disk: the file itself is fine."""


class DatabaseBusy(DatabaseError):
    """Another process kept writing longer than we wait."""


class DatabaseGone(DatabaseError):
    """The file was deleted or replaced while it was open for writing."""


def sqlite_uri(path: str | os.PathLike, **params: str | int) -> str:
    """The ``file:`` URI of ``path`` with every character SQLite would read as syntax
    (``?``, ``#``, ``%``) percent-escaped, and ``params`` (mode=ro, immutable=1)."""
    text = os.path.abspath(os.fspath(path)).replace(os.sep, "/")
    if not text.startswith("/"):
        text = "/" + text  # a Windows drive: /C:/...
    uri = "file://" + quote(text, safe="/:")
    if params:
        uri += "?" + "&".join(f"{k}={quote(str(v), safe='')}" for k, v in params.items())
    return uri


def _not_database(path: Path, kind: str) -> DatabaseError:
    return DatabaseError(f"{path} adalah {kind}, bukan berkas basis data")


def os_problem(path: Path, exc: OSError) -> DatabaseError:
    """What the system's refusal to look at or read ``path`` means for the user."""
    # (Windows says a path too long with its own code, 206)
    if exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        return DatabaseError(f"{path}: nama berkas atau jalurnya terlalu panjang; pilih "
                             "nama yang lebih pendek atau folder yang tidak bersarang dalam")
    if exc.errno == errno.ELOOP:
        return DatabaseError(f"{path}: tautan simbolik yang berputar (menunjuk dirinya "
                             "sendiri); bukan berkas basis data")
    if exc.errno == errno.ENOTDIR:
        return DatabaseError(f"{path}: salah satu folder di jalurnya adalah berkas, bukan "
                             "folder")
    if exc.errno == errno.ENOENT:
        return DatabaseMissing(f"Basis data tidak ditemukan: {path}. Buat yang baru dengan: "
                               f"iku --db {path} init")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return DatabaseError(f"Berkas basis data {path} tidak boleh dibaca (izin ditolak)")
    return DatabaseError(f"Berkas basis data tidak dapat dibaca: {path} "
                         f"({exc.strerror or exc})")


def check_path(path: Path, create: bool = False) -> bool:
    """Whether ``path`` is an existing database file to open (False: a new one to create).

    Looks at the file without blocking and reads at most its 16-byte header: a folder, a
    device (/dev/zero), a FIFO, a socket, a symlink loop or a dangling symlink is refused
    with a message, and so is an empty file or one that is not SQLite."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            raise DatabaseError(f"{path} adalah tautan simbolik ke berkas yang tidak ada; "
                                "bukan berkas basis data") from exc
        problem = os_problem(path, exc)
        if create and isinstance(problem, DatabaseMissing) and exc.errno == errno.ENOENT:
            return False
        raise problem from exc
    kind = files.not_regular(st.st_mode)
    if kind is not None:
        raise _not_database(path, kind)
    try:
        fd = files.open_regular(path)  # the file opened is the file checked
    except files.NotRegularFile as exc:
        raise _not_database(path, exc.kind) from exc
    except OSError as exc:
        raise os_problem(path, exc) from exc
    try:
        head = os.read(fd, len(SQLITE_HEADER))
    except OSError as exc:
        raise os_problem(path, exc) from exc
    finally:
        os.close(fd)
    if not head:
        raise DatabaseDamaged(f"Berkas {path} kosong (0 bita): bukan basis data IKU Desktop")
    if head != SQLITE_HEADER:
        raise DatabaseDamaged(f"Berkas {path} bukan basis data IKU Desktop (bukan berkas "
                              "SQLite)")
    return True


def connect_read_only(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` and leaves nothing beside it.

    A WAL database whose log holds nothing is read as immutable: in WAL mode the file
    itself changes only when a checkpoint copies the log into it, and SQLite's read-only
    mode would make -wal/-shm files next to it (beside another application's file too).
    Otherwise read-only mode; and a WAL database whose shared-memory file cannot be made
    (a read-only folder, a full disk) is read as immutable when its log is empty."""
    if wal_mode(path) and not pending_wal(path):
        return sqlite3.connect(sqlite_uri(path, immutable=1), uri=True, timeout=timeout)
    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=timeout)
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # SQLite opens the file here
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if primary_code(exc) not in NO_SHARED_MEMORY or pending_wal(path):
            raise
    return sqlite3.connect(sqlite_uri(path, immutable=1), uri=True, timeout=timeout)


def wal_mode(path: Path) -> bool:
    """The file's header says WAL (bytes 18 and 19 are 2)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = os.read(fd, 20)
    except OSError:
        return False
    finally:
        os.close(fd)
    return len(head) == 20 and head[:16] == SQLITE_HEADER and head[18] == head[19] == 2


def pending_wal(path: Path) -> bool:
    try:
        return os.stat(str(path) + "-wal").st_size > 0
    except OSError:
        return False


def left_unclean(path: Path) -> bool:
    """Whether the file may not have been closed cleanly: a non-empty WAL beside it (SQLite
    folds the WAL into the file and deletes it when the last connection closes; it is also
    there while another program has the file open) or a hot rollback journal (a write cut
    short)."""
    if pending_wal(path):
        return True
    try:
        return os.stat(str(path) + "-journal").st_size > 0
    except OSError:
        return False


def quick_check(conn) -> list[str]:
    """SQLite's ``quick_check`` on ``conn`` (a sqlite3 or peewee connection): ``["ok"]`` or
    the first problems found."""
    return [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)").fetchall()]


@dataclass(frozen=True)
class Probe:
    """Attributes:
    application_id: PRAGMA application_id (APPLICATION_ID for an IKU database).
    version: the schema version in the migration history (0: none).
    iku: an IKU database — marked, or made before the mark existed.
    """

    application_id: int
    version: int
    iku: bool


def probe(path: Path) -> Probe:
    """Read, without writing anything, whether ``path`` (checked by ``check_path``) is an
    IKU database and its schema version."""
    try:
        conn = connect_read_only(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            version, first = 0, None
            if HISTORY in tables:
                try:
                    top = conn.execute(f"SELECT MAX(version) FROM {HISTORY}").fetchone()[0]
                    row = conn.execute(f"SELECT name FROM {HISTORY} WHERE version = 1").fetchone()
                    version, first = (top if isinstance(top, int) else 0), (row and row[0])
                except sqlite3.Error:  # another application's table of that name
                    version, first = 0, None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise explain(exc, path, opening=True) from exc
    legacy = app_id == 0 and IKU_TABLES <= tables and first == FIRST_MIGRATION
    return Probe(app_id, version, app_id == APPLICATION_ID or legacy)


def not_iku(path: Path) -> NotIkuDatabase:
    return NotIkuDatabase(
        f"Berkas {path} adalah basis data SQLite aplikasi lain, bukan basis data IKU Desktop; "
        "berkas itu tidak diubah. Buat basis data IKU baru dengan: iku --db BERKAS_BARU init")


# --- identity ------------------------------------------------------------------------------

def identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path`` now; None when nothing is there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


# --- what a failure means ------------------------------------------------------------------

def write_problem(path: Path) -> str | None:
    """Why nothing can be written at ``path`` (a read-only file system, a read-only file or
    folder), or None."""
    folder = Path(os.path.abspath(path)).parent
    if hasattr(os, "statvfs"):
        try:
            if os.statvfs(folder).f_flag & os.ST_RDONLY:
                return "sistem berkasnya hanya-baca"
        except OSError:
            pass
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return "berkasnya hanya-baca (tidak ada izin menulis)"
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return f"folder {folder} tidak boleh ditulis"
    return None


DISK_FULL_REASON = "disk penuh; kosongkan ruang disk agar dapat menyimpan lagi"


def disk_full(path: Path, margin: int = 64 * 1024) -> bool:
    """Whether the disk holding ``path`` has (almost) no free space left."""
    if not hasattr(os, "statvfs"):
        import shutil

        try:
            return shutil.disk_usage(Path(os.path.abspath(path)).parent).free < margin
        except OSError:
            return False
    try:
        st = os.statvfs(Path(os.path.abspath(path)).parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < margin


def _chain(exc: BaseException | None, depth: int = 12):
    """``exc`` and what it wraps (peewee's first argument) or was raised from or during."""
    seen = []
    todo = [exc]
    while todo and len(seen) < depth:
        e = todo.pop(0)
        if e is None or any(e is s for s in seen):
            continue
        seen.append(e)
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else None
        todo += [inner, e.__cause__, e.__context__]
    return seen


def primary_code(exc: BaseException | None) -> int | None:
    """SQLite's primary result code behind ``exc`` (also through peewee's wrapper, and
    past a generic SQLITE_ERROR such as "cannot rollback" to what caused it)."""
    codes = [c & 0xFF for c in (getattr(e, "sqlite_errorcode", None) for e in _chain(exc))
             if c is not None]
    return next((c for c in codes if c != 1), codes[0] if codes else None)


def _os_errno(exc: BaseException | None) -> int | None:
    return next((e.errno for e in _chain(exc) if isinstance(e, OSError) and e.errno), None)


def busy_message(path, seconds: float) -> str:
    return (f"Basis data {path} sedang ditulis oleh proses lain dan belum selesai setelah "
            f"ditunggu {seconds:.0f} detik; perubahan ini tidak disimpan. Coba lagi setelah "
            "proses itu selesai")


def disk_full_message(path) -> str:
    return (f"Disk penuh: basis data {path} tidak dapat ditulis (berkasnya tidak rusak; "
            "perubahan dibatalkan). Kosongkan ruang disk lalu coba lagi")


def explain(exc: BaseException, path, opening: bool = False) -> DatabaseError | None:
    """The user's message for a SQLite or OS failure on the database at ``path``; None
    for an error that says nothing about the file (a bug: let it show)."""
    code, os_err = primary_code(exc), _os_errno(exc)
    detail = str(exc.args[0] if exc.args else exc)
    if any("disk is full" in str(e) for e in _chain(exc)):
        code = SQLITE_FULL
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DatabaseDamaged(f"Berkas {path} rusak atau bukan basis data IKU Desktop "
                               f"({detail})")
    if code == SQLITE_FULL or os_err == errno.ENOSPC or (
            code in (SQLITE_IOERR, SQLITE_CANTOPEN) and disk_full(Path(path))):
        return DatabaseUnwritable(disk_full_message(path))
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseBusy(busy_message(path, 5))
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_PERM) \
            or os_err in (errno.EROFS, errno.EACCES, errno.EPERM):
        reason = write_problem(Path(path))
        if reason:
            return DatabaseUnwritable(f"Basis data {path} tidak dapat ditulis: {reason}. "
                                      "Berkasnya tidak rusak; buka dari folder yang dapat "
                                      "ditulis, atau gunakan salinannya")
        if code == SQLITE_READONLY:
            return DatabaseUnwritable(f"Basis data {path} terbuka hanya-baca; perubahan "
                                      "tidak dapat disimpan")
        doing = "dibuka" if opening else "dibaca atau ditulis"
        return DatabaseError(f"Berkas basis data {path} tidak dapat {doing} ({detail}); "
                             "periksa disk, izin folder atau sambungan folder jaringan")
    return None
