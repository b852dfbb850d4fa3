"""What a command says on stderr without failing: a backup made but not copied to the
office's second backup folder (a USB stick unplugged, read-only or full) — the manual
backup, the daily one, the one before an import, a package merge or a restore, the one
before a schema upgrade — said one way; the command still succeeds."""

from __future__ import annotations

import sys


def backup_not_copied(problem: str) -> None:
    """Say ``Backup.second_problem`` (naming the folder and why) as a warning line on
    stderr; nothing when it is empty (copied, or no second folder set)."""
    if problem:
        print(f"Peringatan: {problem}", file=sys.stderr)


def second_copy(made) -> None:
    """Say where the backup ``made`` was copied in the second backup folder (stdout), or
    why it was not (``backup_not_copied``)."""
    if made.second_copy is not None:
        print(f"Disalin ke folder cadangan kedua: {made.second_copy}")
    backup_not_copied(made.second_problem)


def not_copied_problems(*made) -> list[str]:
    """The ``second_problem`` of each backup in ``made`` (None: none taken), each text
    once: the backups a command took one after the other missed the stick for one
    reason, said once."""
    return list(dict.fromkeys(b.second_problem for b in made
                              if b is not None and b.second_problem))
