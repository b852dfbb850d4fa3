"""The front ends' files, packages and office keys go through the services: the modules
that show them import neither the store, nor the exchange formats, nor the database
drivers (the rule of ARCHITECTURE.md, checked here for the transfer's front ends)."""

import ast
from pathlib import Path

import pytest

from tests.test_architecture import imported_modules

ROOT = Path(__file__).resolve().parents[1]
FRONT_ENDS = ("ui/import_dialog.py", "ui/exchange_dialogs.py", "ui/keys_dialog.py",
              "ui/office_menus.py", "iku_desktop/cli/sync_commands.py",
              "iku_desktop/cli/key_commands.py")
BEHIND_THE_DOOR = ("iku_desktop.store", "iku_desktop.exchange", "peewee", "sqlite3")


def _behind(module: str) -> bool:
    return any(module == b or module.startswith(b + ".") for b in BEHIND_THE_DOOR)


def _relative_behind(path: Path) -> list[str]:
    """``from ..store import …`` in a module under iku_desktop/."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.module for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level and node.module
            and node.module.split(".")[0] in ("store", "exchange")]


@pytest.mark.parametrize("name", FRONT_ENDS)
def test_the_transfer_front_ends_use_only_the_services(name):
    path = ROOT / name
    offenders = [m for m in imported_modules(path) if _behind(m)]
    assert offenders + _relative_behind(path) == []
