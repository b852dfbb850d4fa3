"""What a command says on stderr without failing: a backup made but not copied to the
office's second backup folder (a USB stick unplugged, read-only or full) — the manual
backup, the one before an import or a package merge, the one before a schema upgrade —
said one way; the command still succeeds."""

from __future__ import annotations

import sys


def backup_not_copied(problem: str) -> None:
    """Say ``Backup.second_problem`` (naming the folder and why) as a warning line on
    stderr; nothing when it is empty (copied, or no second folder set)."""
    if problem:
        print(f"Peringatan: {problem}", file=sys.stderr)
