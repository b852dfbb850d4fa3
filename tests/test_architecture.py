"""The core never imports Qt (ARCHITECTURE.md)."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "iku_desktop"


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
