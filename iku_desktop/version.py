"""Which program this is: the version and the build (git commit and its date), shown by
``iku --version`` and Bantuan › Tentang.

A Windows build writes ``_build.py`` beside this module (``packaging/windows/build.sh``;
ignored by git). In a git checkout the build is read from git; elsewhere it is
"pengembangan" (development)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from . import __version__

UNKNOWN = "pengembangan"
_CHECKOUT = Path(__file__).resolve().parent.parent


def build(checkout: Path = _CHECKOUT) -> str:
    """``"<commit>, <date>"`` of this build, or ``"pengembangan"``."""
    try:
        from . import _build  # type: ignore[attr-defined]
    except ImportError:
        pass
    else:
        return f"{_build.COMMIT}, {_build.DATE}"
    return _from_git(checkout) or UNKNOWN


def describe() -> str:
    """``"0.1.0 (build 1a2b3c4, 2026-12-01)"``."""
    return f"{__version__} (build {build()})"


def _from_git(checkout: Path) -> str | None:
    if not (checkout / ".git").exists():
        return None
    try:
        commit = _git(checkout, "describe", "--always", "--dirty")
        date = _git(checkout, "log", "-1", "--format=%cs")
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{commit}, {date}" if commit and date else None


def _git(checkout: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(checkout), *args], capture_output=True,
                          text=True, timeout=10, check=True,
                          stdin=subprocess.DEVNULL)
    return done.stdout.strip()
