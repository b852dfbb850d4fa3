"""Backups of the office database with SQLite's online backup API: a consistent copy even
while the file is open. Kept in a folder beside the database, "<name>-cadangan/", named by
time and reason; only the newest N are kept (setting ``cadangan_disimpan``). Taken before
every import and package merge, before a schema upgrade, once a day on open, and on demand;
restoring first backs up the state it replaces. A backup is taken only of a file that passes
``quick_check`` (a damaged copy would rotate the sound ones out): that check is also the
daily one, since the first open of a day takes a backup. The window takes it in a worker
thread while the user works (``Cancel`` stops it when the window closes first).

Every backup is also copied to a second folder when the office sets one (setting
``cadangan_folder_kedua``, e.g. a USB stick), into a subfolder of the same name, rotated
alike. A second folder that is missing (the stick unplugged), read-only or full does not
fail the backup: the backup says why it was not copied (``Backup.second_problem``)."""

from __future__ import annotations

import errno
import json
import re
import shutil
import sqlite3
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from . import dbfile
from .dbfile import BackupError  # noqa: F401 (its home for the callers)
from . import models as m

NAME = re.compile(r"^(\d{8}-\d{6}-\d{6})-([a-z0-9-]+)\.sqlite$")
REASONS = {"manual": "dibuat pengguna", "harian": "cadangan harian",
           "sebelum-impor": "sebelum impor", "sebelum-migrasi": "sebelum pembaruan skema",
           "sebelum-pulih": "sebelum pemulihan", "sebelum-paket": "sebelum menggabung paket",
           "rusak": "berkas rusak yang disisihkan (bukan untuk dipulihkan)"}


class Cancelled(BackupError):
    """The backup was stopped (``Cancel.request``) before anything was written."""


class Cancel:
    """Stops a backup running in another thread: ``request()`` interrupts the SQL statement
    running on its connection (the ``quick_check``) and the backup stops before it writes
    anything. A copy beside the database already being written is finished (and renamed
    whole): one step of SQLite's backup, a fraction of the check's time, and a whole copy
    is a sound backup. Its copy to the second folder (a slow stick) stops between blocks,
    its partial file removed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self.requested = False

    def request(self) -> None:
        with self._lock:
            self.requested = True
            if self._conn is not None:
                self._conn.interrupt()  # safe from another thread (SQLite's own)

    def attach(self, conn: sqlite3.Connection | None) -> None:
        with self._lock:
            self._conn = conn
        self.stop_here()

    def stop_here(self) -> None:
        if self.requested:
            raise Cancelled("Pemeriksaan dan pencadangan dihentikan (basis data ditutup)")


@dataclass(frozen=True)
class Backup:
    """Attributes:
    path: the backup file beside the database.
    taken_at: when it was taken (local time, as its name says).
    reason: why (a key of ``REASONS``).
    second_copy: its copy in the second backup folder (None: none made).
    second_problem: why no copy was made there although a second folder is set (in
        Indonesian; "" when copied or when no second folder is set).
    second: the second backup folder set when it was taken ("" none).
    """

    path: Path
    taken_at: datetime
    reason: str
    second_copy: Path | None = None
    second_problem: str = ""
    second: str = ""

    @property
    def label(self) -> str:
        return REASONS.get(self.reason, self.reason)


def folder_for(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}-cadangan")


def _copy(src: sqlite3.Connection, target: Path, rollback_journal: bool = False) -> None:
    dest = sqlite3.connect(str(target))
    try:
        src.backup(dest)
        if rollback_journal:  # a backup is read without leaving -wal/-shm files beside it
            dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def create(db_path: Path, reason: str = "manual", keep: int | None = None,
           conn: sqlite3.Connection | None = None, check: bool = True,
           second: str | None = None, cancel: Cancel | None = None) -> Backup:
    """Copy the database (through ``conn`` if open) into its backup folder; rotate. With
    ``check`` the database must first pass ``quick_check`` (``DatabaseDamaged`` if not).
    ``keep`` and ``second`` (the second backup folder) default to the office's settings
    (read through the bound database: pass them from a worker thread). ``cancel``: may be
    stopped from another thread (``Cancelled``) until the copy starts."""
    if check:
        _check_source(db_path, conn, cancel)
    if cancel is not None:
        cancel.stop_here()
    folder = folder_for(db_path)
    now = datetime.now()
    target = folder / f"{now:%Y%m%d-%H%M%S-%f}-{reason}.sqlite"
    # written under a temporary name and renamed when whole: a copy cut short (a crash, a
    # full disk) is never listed as a backup
    partial = target.with_name(target.name + ".sebagian")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if conn is not None:
            _copy(conn, partial, rollback_journal=True)
        else:
            src = dbfile.connect_read_only(db_path)
            try:
                _copy(src, partial, rollback_journal=True)
            finally:
                src.close()
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only folder: nothing was written there
        raise BackupError(_failure(folder, exc)) from exc
    keep = keep if keep is not None else _keep()
    rotate(db_path, keep)
    second = _second_folder() if second is None else second
    copied, problem = copy_to_second(db_path, target, second, keep, cancel)
    return Backup(target, now, reason, copied, problem, second)


def _second_folder() -> str:
    try:
        from . import settings

        return str(settings.get("cadangan_folder_kedua"))
    except Exception:  # noqa: BLE001 — no database bound (a backup of a closed file)
        return ""


def second_folder_problem(folder: Path) -> str | None:
    """Why backups cannot be copied into ``folder`` now (Indonesian), or None."""
    if not folder.is_absolute():
        return f"{folder} bukan jalur lengkap (mis. E:\\Cadangan atau /media/flashdisk)"
    if not folder.exists():
        return (f"folder {folder} tidak ditemukan (flashdisk tidak terpasang atau folder "
                "sudah dihapus?)")
    if not folder.is_dir():
        return f"{folder} bukan folder"
    reason = dbfile.write_problem(folder / "x")
    return f"folder {folder} tidak dapat ditulis: {reason}" if reason else None


def copy_to_second(db_path: Path, made: Path, second: str, keep: int,
                   cancel: Cancel | None = None) -> tuple[Path | None, str]:
    """Copy the backup ``made`` into ``second``'s subfolder named like the backup folder
    (written whole under a temporary name, then renamed) and keep the newest ``keep``
    there. Returns (the copy, "") or (None, why not) — never raises: the backup beside the
    database is made either way. No second folder set: (None, ""). ``cancel``: a slow
    stick's copy stops between blocks (its partial file removed)."""
    if not second.strip():
        return None, ""
    root = Path(second)
    main = folder_for(db_path)
    problem = second_folder_problem(root)
    if problem is None:
        sub = root / main.name
        target = sub / made.name
        partial = target.with_name(target.name + ".sebagian")
        try:
            sub.mkdir(exist_ok=True)
            if sub.resolve() == main.resolve():
                return None, (f"Folder cadangan kedua {root} sama dengan folder cadangan "
                              "utama; tidak disalin")
            if not _copy_file(made, partial, cancel):
                partial.unlink(missing_ok=True)
                return None, ("Penyalinan ke folder cadangan kedua dihentikan (basis data "
                              "ditutup)")
            partial.replace(target)
            _rotate_folder(sub, keep)
            return target, ""
        except OSError as exc:
            try:
                partial.unlink(missing_ok=True)
            except OSError:
                pass
            full = "full" in str(exc).lower() or getattr(exc, "errno", None) == 28
            problem = (f"disk {root} penuh" if full else
                       f"folder {root} tidak dapat ditulis: "
                       f"{dbfile.write_problem(sub / 'x') or exc}")
    return None, (f"Cadangan tidak disalin ke folder cadangan kedua: {problem}. Cadangan "
                  f"utama tetap dibuat di {main}")


def _copy_file(src: Path, dest: Path, cancel: Cancel | None, block: int = 1 << 20) -> bool:
    """Copy ``src`` to ``dest``; False when ``cancel`` stopped it part way."""
    if cancel is None:
        shutil.copyfile(src, dest)
        return True
    with open(src, "rb") as fin, open(dest, "wb") as fout:
        while data := fin.read(block):
            if cancel.requested:
                return False
            fout.write(data)
    return True


def _check_source(db_path: Path, conn: sqlite3.Connection | None,
                  cancel: Cancel | None = None) -> None:
    try:
        src = conn if conn is not None else dbfile.connect_read_only(db_path)
        try:
            if cancel is not None:
                cancel.attach(src)
            try:
                found = dbfile.quick_check(src)
            finally:
                if cancel is not None:
                    cancel.attach(None)  # (raises Cancelled: an interrupted check)
        finally:
            if conn is None:
                src.close()
    except sqlite3.Error as exc:
        known = dbfile.explain(exc, db_path)  # busy, gone, unreadable: said as such
        if known is not None and not isinstance(known, dbfile.DatabaseDamaged):
            raise known from exc
        found = [str(exc)]
    if found != ["ok"]:
        damaged = dbfile.DatabaseDamaged(
            f"Cadangan tidak dibuat: pemeriksaan integritas basis data {db_path} gagal "
            f"({'; '.join(found[:5])}). Pulihkan dari cadangan terakhir.")
        damaged.problems = found[:5]  # (the window lists them)
        raise damaged


def _failure(folder: Path, exc: Exception) -> str:
    if "full" in str(exc).lower() or getattr(exc, "errno", None) == 28:
        return (f"Cadangan tidak dapat dibuat di {folder}: disk penuh. Kosongkan ruang disk "
                "lalu coba lagi")
    reason = dbfile.write_problem(folder / "x")
    if reason:
        return f"Cadangan tidak dapat dibuat di {folder}: {reason}"
    why = _OS_REASONS.get(getattr(exc, "errno", None)) or getattr(exc, "strerror", None) \
        or str(exc)
    return f"Cadangan tidak dapat dibuat di {folder}: {why}"


_OS_REASONS = {
    errno.EEXIST: "sudah ada berkas (bukan folder) dengan nama itu",
    errno.ENOTDIR: "salah satu bagian jalurnya adalah berkas, bukan folder",
    errno.EACCES: "tidak ada izin menulis di sana",
    errno.EPERM: "tidak ada izin menulis di sana",
    errno.EROFS: "medianya hanya-baca",
    errno.ENOENT: "foldernya tidak ada",
}


def _keep() -> int:
    try:
        from . import settings

        return int(settings.get("cadangan_disimpan"))
    except Exception:  # noqa: BLE001 — no database bound (a backup of a closed file)
        return 10


def list_backups(db_path: Path) -> list[Backup]:
    """Newest first."""
    return _backups_in(folder_for(db_path))


def rotate(db_path: Path, keep: int) -> None:
    _rotate_folder(folder_for(db_path), keep)


def _backups_in(folder: Path) -> list[Backup]:
    """The backups in ``folder``, newest first."""
    out = []
    if folder.is_dir():
        for p in folder.iterdir():
            match = NAME.match(p.name)
            if match:
                out.append(Backup(p, datetime.strptime(match[1], "%Y%m%d-%H%M%S-%f"), match[2]))
    return sorted(out, key=lambda b: b.taken_at, reverse=True)


def _rotate_folder(folder: Path, keep: int) -> None:
    for old in _backups_in(folder)[max(1, keep):]:
        old.path.unlink(missing_ok=True)


def daily_due(db_path: Path) -> bool:
    """Whether no backup was taken today yet (the first open of a day takes one)."""
    today = datetime.now().date()
    return not any(b.taken_at.date() == today for b in list_backups(db_path))


def daily(db_path: Path, conn: sqlite3.Connection, check: bool = True) -> Backup | None:
    """Once a day, on open: a backup when none was taken today (``check``: as ``create``;
    False when the open has just checked)."""
    if not daily_due(db_path):
        return None
    return create(db_path, "harian", conn=conn, check=check)


def fits(db_path: Path) -> bool:
    """Whether a backup of the database at ``path`` fits on the disk of its backup folder
    (the file and its WAL, as the copy may be as large)."""
    size = sum(Path(f"{db_path}{s}").stat().st_size if Path(f"{db_path}{s}").exists() else 0
               for s in ("", "-wal"))
    folder = folder_for(db_path)
    try:
        free = shutil.disk_usage(folder if folder.is_dir() else db_path.parent).free
    except OSError:
        return True  # said by the backup itself if it fails
    return free >= size + 1024 * 1024


def connect_for_worker(db_path: Path) -> sqlite3.Connection:
    """A connection of its own to the database at ``db_path`` that is open in this program
    (a worker thread's; never ``immutable``: the window writes meanwhile), refusing every
    write. In WAL mode its reads see one consistent state and never hold a writer up."""
    # mode=rw: a file gone meanwhile is an error, never a new empty database
    conn = sqlite3.connect(dbfile.sqlite_uri(db_path, mode="rw"), uri=True, timeout=30.0,
                           check_same_thread=False)
    conn.execute("PRAGMA query_only = 1")
    return conn


def restore(db_path: Path, backup: Path) -> Backup:
    """Replace the database with ``backup``; the replaced state is backed up first, under
    the database's write lock (another program writing waits, see ``_restore_in_place``).
    Returns that safety backup.

    ``backup`` must be an IKU database that passes the full integrity check and that this
    version can open — never a device, a FIFO, an empty file or another application's
    SQLite file. ``db_path`` must be an IKU database, or a damaged file that has backups
    beside it (it is kept aside byte for byte).

    The safety backup of a sound database is copied to the second backup folder set in
    that database, as every backup is (``Backup.second_copy``/``second_problem``); a
    damaged file kept aside is not (its settings cannot be read, and it is never offered
    for restoring)."""
    check_backup(backup, db_path)
    if _target_state(db_path):
        # the office's settings are the replaced database's: read before it is replaced
        keep, second = _office_settings(db_path)
        safety = _restore_in_place(db_path, backup, keep)
        # copied after the restore: a slow stick never holds the database's write lock
        copied, problem = copy_to_second(db_path, safety.path, second, keep)
        return replace(safety, second_copy=copied, second_problem=problem, second=second)
    # a damaged file is kept byte for byte (never offered for restoring) and replaced
    # whole (SQLite cannot write over what is not a sound database)
    safety = _keep_damaged(db_path)
    try:
        src = dbfile.connect_read_only(backup)
        try:
            _copy(src, db_path)
        finally:
            src.close()
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(_restore_failure(db_path, exc, safety)) from exc
    return safety


def _office_settings(db_path: Path) -> tuple[int, str]:
    """How many backups the office keeps and its second backup folder, read from the
    database file at ``db_path`` itself (no database need be open: ``iku backup
    restore``, the window with its database closed); the defaults when unreadable."""
    from .settings import SETTINGS

    found = {}
    try:
        conn = dbfile.connect_read_only(db_path)
        try:
            found = dict(conn.execute(
                "SELECT key, value FROM setting WHERE key IN "
                "('cadangan_disimpan', 'cadangan_folder_kedua')").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # said by the restore itself if the file cannot be read
    try:
        keep = int(json.loads(found.get("cadangan_disimpan", "null"))
                   or SETTINGS["cadangan_disimpan"].default)
        second = str(json.loads(found.get("cadangan_folder_kedua", '""')))
    except (TypeError, ValueError):
        return SETTINGS["cadangan_disimpan"].default, ""
    return keep, second


def _restore_in_place(db_path: Path, backup: Path, keep: int) -> Backup:
    """Copy ``backup`` over the sound database at ``db_path`` with the backup API, taking
    the safety backup while that copy holds the database's write lock: the replaced state
    holds every committed change and no writer commits between the safety backup and the
    restore (a writer waiting then writes into the restored database). Waiting for a
    running writer follows ``writing`` (its wait, ``ON_WAIT``, the busy message)."""
    from . import writing

    started = time.monotonic()
    taken: list[Backup] = []

    def step(status: int, remaining: int, total: int) -> None:
        if status in (dbfile.SQLITE_BUSY, dbfile.SQLITE_LOCKED):
            waited = time.monotonic() - started
            if waited >= writing.wait_seconds():
                raise BackupError(f"Tidak dipulihkan: {dbfile.busy_message(db_path, waited)}")
            if writing.ON_WAIT[0] is not None:
                writing.ON_WAIT[0](waited)
            return
        if not taken:
            # after the first page: the write lock is held and nothing is committed yet,
            # so a reader still sees the state being replaced (an IKU database always has
            # more than one page, so this runs before the copy commits)
            if status != sqlite3.SQLITE_OK or remaining == 0:
                raise BackupError(f"Tidak dipulihkan: {backup} terlalu kecil untuk cadangan "
                                  "IKU Desktop")
            # (checked already: ``_target_state``)
            taken.append(create(db_path, "sebelum-pulih", keep=keep, check=False,
                                second=""))

    try:
        src = dbfile.connect_read_only(backup)
        try:
            dest = sqlite3.connect(str(db_path), timeout=1.0)
            try:
                src.backup(dest, pages=1, progress=step, sleep=0.05)
            finally:
                dest.close()
        finally:
            src.close()
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(_restore_failure(db_path, exc, taken[0] if taken else None)) from exc
    return taken[0]


def _restore_failure(db_path: Path, exc: Exception, safety: Backup | None) -> str:
    why = ("disk penuh" if "full" in str(exc).lower() or getattr(exc, "errno", None) == 28
           else dbfile.write_problem(db_path) or str(exc))
    kept = f". Keadaan sebelumnya tersimpan di {safety.path}" if safety else ""
    return f"Cadangan tidak dapat dipulihkan ke {db_path}: {why}{kept}"


def check_backup(backup: Path, db_path: Path | None = None) -> None:
    """Refuse (BackupError) anything that is not a sound IKU database to restore."""
    name = backup.name or str(backup)
    try:
        dbfile.check_path(backup)
        found = dbfile.probe(backup)
    except dbfile.DatabaseMissing as exc:
        raise BackupError(f"Berkas cadangan tidak ditemukan: {backup}") from exc
    except dbfile.DatabaseError as exc:
        raise BackupError(f"Tidak dipulihkan: {exc}") from exc
    if not found.iku:
        raise BackupError(f"Tidak dipulihkan: {backup} bukan cadangan basis data IKU Desktop "
                          "(berkas SQLite aplikasi lain)")
    from .migrate import latest_version

    if found.version > latest_version():
        raise BackupError(f"Tidak dipulihkan: cadangan {name} dibuat oleh versi IKU Desktop "
                          f"yang lebih baru (skema {found.version}); perbarui aplikasi")
    if db_path is not None and dbfile.identity(backup) == dbfile.identity(db_path):
        raise BackupError(f"Tidak dipulihkan: {backup} adalah basis data itu sendiri")
    if not _integrity_ok(backup):
        raise BackupError(f"Cadangan {name} rusak (pemeriksaan integritas gagal); tidak "
                          "dipulihkan")


def _integrity_ok(path: Path) -> bool:
    try:
        conn = dbfile.connect_read_only(path)
        try:
            return [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _target_state(db_path: Path) -> bool:
    """Whether the database to be replaced is sound (False: damaged, to be kept aside);
    BackupError when it must not be replaced at all."""
    problem = dbfile.write_problem(db_path)
    if problem:
        raise BackupError(f"Tidak dipulihkan: basis data {db_path} tidak dapat ditulis: "
                          f"{problem}")
    try:
        dbfile.check_path(db_path)
        found = dbfile.probe(db_path)
    except dbfile.DatabaseDamaged:
        found = None
    except dbfile.DatabaseError as exc:
        raise BackupError(f"Tidak dipulihkan: {exc}") from exc
    if found is not None and not found.iku:
        raise BackupError(f"Tidak dipulihkan: {dbfile.not_iku(db_path)}")
    if found is not None and _integrity_ok(db_path):
        return True
    if not list_backups(db_path):
        raise BackupError(
            f"Tidak dipulihkan: {db_path} rusak atau bukan basis data IKU Desktop dan tidak "
            f"punya cadangan di {folder_for(db_path)}, jadi tidak diganti. Untuk memakai "
            "cadangan itu, salin menjadi berkas baru lalu buka dengan --db")
    return False


def _keep_damaged(db_path: Path) -> Backup:
    folder = folder_for(db_path)
    now = datetime.now()
    target = folder / f"{now:%Y%m%d-%H%M%S-%f}-rusak.sqlite"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if db_path.exists():
            shutil.copy2(db_path, target)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
    except OSError as exc:
        raise BackupError(f"Berkas rusak tidak dapat disisihkan ke {folder}: {exc}") from exc
    return Backup(target, now, "rusak")


def latest_usable(db_path: Path) -> Backup | None:
    """The newest backup that can be restored (not a damaged file set aside)."""
    return next((b for b in list_backups(db_path) if b.reason != "rusak"), None)


def current_path() -> Path:
    return getattr(m.database.obj, "iku_path", None) or Path(m.database.obj.database)
