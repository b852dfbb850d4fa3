"""Changing an office setting (a rule-book decision) with undo; setting one from what a
person types on the command line, and the letterhead logo from a file."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exchange import cells, readers
from ..reports import logo
from ..store import settings
from .changes import OpChanges

LOGO = "kop_surat_logo"


@dataclass(frozen=True)
class SettingChange:
    key: str
    before: Any
    after: Any

    @property
    def label(self) -> str:
        return f"Ubah pengaturan: {settings.SETTINGS[self.key].label}"

    def write(self) -> tuple["SettingChange", OpChanges]:
        settings.set_value(self.key, self.after)
        return self, OpChanges.of({"setting"})

    def undo(self) -> OpChanges:
        settings.set_value(self.key, self.before)
        return OpChanges.of({"setting"})


def keys() -> list[str]:
    """Every office setting, in the order the rule book and the printouts list them."""
    return list(settings.SETTINGS)


def current(key: str) -> Any:
    """The value of a setting for this office (its default when never set)."""
    return settings.get(key)


def describe(key: str) -> tuple[str, str]:
    """The Indonesian label and help text of a setting."""
    spec = settings.SETTINGS[key]
    return spec.label, spec.help


def prepare(key: str, value: Any) -> SettingChange | None:
    before = settings.get(key)
    return None if before == value else SettingChange(key, before, value)


def logo_from_file(path: str | Path) -> str:
    """The logo in ``path`` as the setting keeps it (base64), refused (``ValueError``, an
    Indonesian message) unless it is a regular file of at most 2 MB holding a whole PNG or
    JPEG of at most 25 million pixels."""
    try:
        data = readers.read_input(Path(path), logo.MAX_BYTES)
    except readers.ReadError as exc:
        raise logo.LogoError(f"Logo ditolak: {exc}") from exc
    logo.check(data)
    return base64.b64encode(data).decode("ascii")


def set_from_text(key: str, words: list[str], file: str | Path | None = None) -> None:
    """Set a setting from the command line: ``words`` as typed, or for the logo a ``file``
    (no file: the logo is removed). Refusals are ``KeyError``/``ValueError`` with an
    Indonesian message; a refused value leaves the setting as it was."""
    if file is not None:
        if key != LOGO:
            raise ValueError(f"--file hanya untuk {LOGO}")
        settings.set_value(LOGO, logo_from_file(file))
        return
    if key in settings.SETTINGS and isinstance(settings.SETTINGS[key].default, list):
        words = [_line(key, n, w) for n, w in enumerate(words, start=1)]
    settings.set_from_text(key, words)


def _line(key: str, n: int, word: str) -> str:
    """One line of a text-list setting (the letterhead), white space folded; refuses control
    characters by the same rule as the document's texts."""
    try:
        return cells.text(word)
    except cells.CellError as exc:
        message = str(exc)
        raise ValueError(f"{key} baris {n}: {message[:1].lower()}{message[1:]}") from exc
