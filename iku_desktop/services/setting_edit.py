"""Changing an office setting (a rule-book decision) with undo."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..store import settings


@dataclass(frozen=True)
class SettingChange:
    key: str
    before: Any
    after: Any

    @property
    def label(self) -> str:
        return f"Ubah pengaturan: {settings.SETTINGS[self.key].label}"

    def write(self) -> tuple["SettingChange", set[str]]:
        settings.set_value(self.key, self.after)
        return self, {"setting"}

    def undo(self) -> set[str]:
        settings.set_value(self.key, self.before)
        return {"setting"}


def prepare(key: str, value: Any) -> SettingChange | None:
    before = settings.get(key)
    return None if before == value else SettingChange(key, before, value)
