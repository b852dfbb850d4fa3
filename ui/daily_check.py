"""The daily check and backup in the background: the first open of a day checks the database
(``quick_check``) and backs it up in a worker thread while the window is already usable
(``services.backups.Daily``). The status bar says so in a label of its own on the right,
which ``showMessage`` does not overwrite; then the outcome. Damage found is said in a
message box (no backup made, none rotated out); a copy that did not reach the second
backup folder is said as the manual backup says it (``backup_dialog.not_copied``) and
stays in the status bar (``not_copied``: the backups taken before an import, a package
merge and a schema upgrade say it the same way).

Closing the database (the window closing, another database opened, a restore) stops a
running check first (``stop``): its SQL is interrupted and nothing is written; a copy
already being written is finished whole."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from iku_desktop.domain.formatting import format_time
from iku_desktop.services import backups
from iku_desktop.services.session import DatabaseDamaged, DatabaseError, Session

from . import backup_dialog, check_database, tasks

RUNNING = "Memeriksa dan mencadangkan basis data…"
LABEL = "pemeriksaan_harian"
WARNING_STYLE = "color: #a00000; font-weight: bold"


@dataclass
class _Job:
    session: Session
    cancel: backups.Cancel


def label(window) -> QLabel:
    """The status bar's label of the daily check (made on first use)."""
    found = window.statusBar().findChild(QLabel, LABEL)
    if found is None:
        found = QLabel()
        found.setObjectName(LABEL)
        found.job = None
        window.statusBar().addPermanentWidget(found)
    return found


def start(window, opened: Session) -> None:
    """Take the daily check and backup of ``opened`` in the background, when one is due."""
    stop(window)
    shown = label(window)
    if getattr(shown, "path", None) != opened.path:
        _say(shown, "")  # what it said of another database
    shown.path = opened.path
    if opened.daily is None:
        return
    job = _Job(opened, backups.Cancel())
    shown.job = job
    _say(shown, RUNNING)
    daily = opened.daily
    tasks.run(lambda: daily.run(job.cancel), lambda made: _done(window, job, made),
              lambda exc: _failed(window, job, exc))


def stop(window) -> None:
    """Stop the running daily check, if any (its outcome is no longer shown); the caller
    then waits for the worker (``tasks.wait``) before closing the database."""
    shown = window.statusBar().findChild(QLabel, LABEL)
    if shown is not None and shown.job is not None:
        shown.job.cancel.request()
        shown.job = None
        _say(shown, "")


# the label's widest: the status bar's own message on the left (the office, the file,
# HANYA-BACA) keeps the rest of a 1366-pixel window; the whole text is in the tooltip
MAX_WIDTH = 640


def _fitted(metrics, text: str) -> str:
    """``text`` within ``MAX_WIDTH``: a long last word (a folder's path) loses its start
    ("…/FLASHDISK/iku"), the sentence before it stays whole where it can."""
    if metrics.horizontalAdvance(text) <= MAX_WIDTH:
        return text
    head, _, tail = text.rpartition(" ")
    room = MAX_WIDTH - metrics.horizontalAdvance(head + " ")
    if head and room >= 80:
        return f"{head} {metrics.elidedText(tail, Qt.ElideLeft, room)}"
    return metrics.elidedText(text, Qt.ElideMiddle, MAX_WIDTH)


def _say(shown: QLabel, text: str, warning: bool = False, tip: str = "") -> None:
    shown.full_text = text
    shown.setStyleSheet(WARNING_STYLE if warning else "")
    shown.ensurePolished()  # the style's font (bold) is the one measured
    shown.setText(_fitted(shown.fontMetrics(), text))
    shown.setToolTip(f"{text}\n{tip}" if tip and tip not in text else text)
    shown.setVisible(bool(text))


def _current(window, job: _Job) -> QLabel | None:
    """The label when ``job`` is still the window's daily check (not stopped)."""
    shown = window.statusBar().findChild(QLabel, LABEL)
    if shown is None or shown.job is not job:
        return None
    shown.job = None
    return shown


def _done(window, job: _Job, made: backups.Backup) -> None:
    shown = _current(window, job)
    if shown is None:
        return
    when = format_time(made.taken_at.astimezone())
    if made.second_problem:
        not_copied(window, made)
    else:
        _say(shown, f"Basis data utuh; cadangan harian dibuat ({when})")


def not_copied_text(made: backups.Backup) -> str:
    """What the status bar says of the backup ``made`` that did not reach the second
    backup folder, naming the folder."""
    what = "Cadangan harian" if made.reason == "harian" else f"Cadangan {made.label}"
    return f"{what} dibuat, tetapi TIDAK disalin ke folder cadangan kedua {made.second}"


def not_copied(window, made: backups.Backup, parent=None) -> QMessageBox:
    """Say that the backup ``made`` (daily, or taken before an import, a package merge, a
    restore or a schema upgrade) was not copied to the second backup folder: in red in the window's
    status bar, the reason as its tip (``not_copied_text``), and in the warning box not
    waited on (``backup_dialog.not_copied``, over ``parent``: default the window)."""
    if window is not None and hasattr(window, "statusBar"):
        _say(label(window), not_copied_text(made), warning=True, tip=made.second_problem)
    return backup_dialog.not_copied(parent or window, made)


def _failed(window, job: _Job, exc: Exception) -> None:
    if isinstance(exc, backups.Cancelled):
        return
    shown = _current(window, job)
    if shown is None:
        return
    if isinstance(exc, DatabaseDamaged):
        _say(shown, "BASIS DATA RUSAK — pulihkan dari Berkas › Cadangan", warning=True,
             tip=str(exc))
        problems = getattr(exc, "problems", None) or [str(exc)]
        check_database.damaged(
            window, f"Pemeriksaan harian basis data {job.session.path} menemukan kerusakan:\n"
                    + "\n".join(problems),
            "Cadangan harian tidak dibuat; cadangan yang sudah ada tetap disimpan.")
    elif isinstance(exc, (backups.BackupError, DatabaseError)):
        _say(shown, "Cadangan harian gagal", warning=True, tip=str(exc))
        check_database.failed(window, "Cadangan harian gagal", str(exc))
    else:
        raise exc
