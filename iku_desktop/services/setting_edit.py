"""Changing office settings (rule-book decisions, the letterhead, paper and font, backups)
with undo — one setting (``prepare``) or several at once from the settings dialog
(``prepare_many``); reading a setting from what a person types (``parse``: the command
line, a field of the window), the letterhead logo from a file, and checking the second
backup folder on the disk. A refused value is ``SettingError`` (a ``ValueError``) whose
message names the setting by its Indonesian label."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exchange import cells, readers
from ..store import backup, settings
from ..store.settings import SettingError  # noqa: F401 (the front ends' name)
from .changes import OpChanges

LOGO = "kop_surat_logo"
SECOND_FOLDER = "cadangan_folder_kedua"


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


@dataclass(frozen=True)
class SettingsChange:
    """Several settings changed together (the settings dialog's OK): written in one
    transaction, undone in one step."""

    changes: tuple[SettingChange, ...]

    @property
    def label(self) -> str:
        if len(self.changes) == 1:
            return self.changes[0].label
        return "Ubah pengaturan kantor"

    def write(self) -> tuple["SettingsChange", OpChanges]:
        settings.set_values({c.key: c.after for c in self.changes})
        return self, OpChanges.of({"setting"})

    def undo(self) -> OpChanges:
        settings.set_values({c.key: c.before for c in self.changes})
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


def choices(key: str) -> list[tuple[str, str]]:
    """(value, Indonesian name) of each value a choice setting (paper, font) takes."""
    return list(settings.CHOICES[key].items())


def prepare(key: str, value: Any) -> SettingChange | None:
    before = settings.get(key)
    return None if before == value else SettingChange(key, before, value)


def prepare_many(values: dict[str, Any]) -> SettingsChange | None:
    """One change for every setting in ``values`` that differs from what is stored (None
    when none does). The values are as ``parse`` gives them."""
    for key, value in values.items():
        default = settings.SETTINGS[key].default
        if type(value) is not type(default):
            raise TypeError(f"setting {key} takes {type(default).__name__}")
    changes = tuple(c for c in (prepare(k, v) for k, v in values.items()) if c is not None)
    return SettingsChange(changes) if changes else None


def parse(key: str, text: str) -> Any:
    """The value of setting ``key`` typed as ``text`` in a field of the window: the
    letterhead one line per line (each checked as the document's texts are), the second
    backup folder checked on the disk; the rest as ``parse_words``."""
    if isinstance(settings.SETTINGS[key].default, list):
        return parse_words(key, text.splitlines())
    return parse_words(key, [text])


def parse_words(key: str, words: list[str]) -> Any:
    """The value of setting ``key`` from the words typed on the command line."""
    if key in settings.SETTINGS and isinstance(settings.SETTINGS[key].default, list):
        words = [_line(key, n, w) for n, w in enumerate(words, start=1)]
    value = settings.parse_text(key, words)
    if key == SECOND_FOLDER and value:
        problem = backup.second_folder_problem(Path(value))
        if problem is None and _beside_database(Path(value)):
            problem = ("folder basis data itu sendiri; pilih folder di disk lain (mis. "
                       "flashdisk) agar cadangan tetap ada bila disk ini rusak")
        if problem:
            raise settings.refused(key, problem)
    return value


def _beside_database(folder: Path) -> bool:
    try:
        return folder.resolve() == backup.current_path().resolve().parent
    except Exception:  # noqa: BLE001 — no database open: nothing to compare with
        return False


def logo_from_file(path: str | Path) -> str:
    """The logo in ``path`` as the setting keeps it (base64), refused (``ValueError``, an
    Indonesian message) unless it is a regular file of at most 2 MB holding a whole PNG or
    JPEG of at most 25 million pixels."""
    from ..reports import logo  # Pillow and reportlab: when a logo is set, not at start-up

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
    settings.set_value(key, parse_words(key, words))


def _line(key: str, n: int, word: str) -> str:
    """One line of a text-list setting (the letterhead), white space folded; refuses control
    characters by the same rule as the document's texts."""
    try:
        return cells.text(word)
    except cells.CellError as exc:
        message = str(exc)
        raise settings.refused(key, f"baris {n}: {message[:1].lower()}{message[1:]}") from exc
