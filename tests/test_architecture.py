"""The shape of ARCHITECTURE.md: the core never imports Qt; the front ends (ui/, cli/)
reach the core through services and domain value types only."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "iku_desktop"


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_module_under_iku_desktop_imports_qt():
    files = list(CORE.rglob("*.py"))
    assert len(files) > 20
    offenders = [f"{p.relative_to(CORE)}: {mod}" for p in files for mod in imported_modules(p)
                 if mod.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui")]
    assert offenders == []


FRONT_ENDS = [ROOT / "ui", CORE / "cli"]
FORBIDDEN_IN_FRONT_ENDS = ("peewee", "sqlite3", "iku_desktop.store", "iku_desktop.exchange")


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module an ``ImportFrom`` names, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    base = package[:len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def front_end_imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(path, node)
            yield module
            # "from iku_desktop import store" names the package in the alias
            yield from (f"{module}.{a.name}" for a in node.names)


def test_front_ends_use_the_services_door_only():
    """ARCHITECTURE.md: services are the only door the UI and the CLI use — no store,
    exchange, peewee or sqlite3 in ui/ or cli/ (issue 13)."""
    files = [p for d in FRONT_ENDS for p in d.rglob("*.py")]
    assert len(files) > 30
    offenders = sorted({f"{p.relative_to(ROOT)}: {mod}" for p in files
                        for mod in front_end_imports(p)
                        if any(mod == f or mod.startswith(f + ".")
                               for f in FORBIDDEN_IN_FRONT_ENDS)})
    assert offenders == []


def test_the_rule_catches_each_form_of_import(tmp_path):
    """The check above sees absolute, relative and package-alias imports."""
    cli = ROOT / "iku_desktop" / "cli" / "probe.py"
    forms = {"import sqlite3": "sqlite3", "from ..store import models": "iku_desktop.store",
             "from iku_desktop import exchange": "iku_desktop.exchange",
             "from peewee import fn": "peewee"}
    for source, expected in forms.items():
        tree = ast.parse(source)
        node = tree.body[0]
        names = (list(a.name for a in node.names) if isinstance(node, ast.Import)
                 else [_absolute(cli, node)] + [f"{_absolute(cli, node)}.{a.name}"
                                                for a in node.names])
        assert any(n == expected or n.startswith(expected + ".") for n in names), source
