"""The register panels, the dialogs that list records and ``iku document``/``iku lock`` take
their rows from services: none of them imports the store, the exchange, peewee or sqlite3
(the part of issue 13's architecture rule these modules already keep)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = ["ui/ikm_panel.py", "ui/sakip_panel.py", "ui/year_values_panel.py",
           "ui/records_panel.py", "ui/koperasi_panel.py", "ui/usaha_panel.py",
           "ui/print_dialog.py", "ui/document_editor.py", "ui/audit_dialog.py", "ui/tasks.py",
           "ui/summary_tab.py", "ui/indicator_card.py", "ui/breakdown_model.py",
           "iku_desktop/cli/lock_commands.py"]
FORBIDDEN = ("iku_desktop.store", "iku_desktop.exchange", "peewee", "sqlite3")


def imported_modules(path: Path):
    """Every module ``path`` imports, relative imports made absolute
    (``from ..store import models`` in iku_desktop/cli/x.py → iku_desktop.store)."""
    package = path.relative_to(ROOT).parent.parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            yield ".".join(base + ([node.module] if node.module else []))


def test_panels_import_services_not_the_store():
    offenders = []
    for name in MODULES:
        path = ROOT / name
        assert path.exists(), name
        for full in imported_modules(path):
            if any(full == f or full.startswith(f + ".") for f in FORBIDDEN):
                offenders.append(f"{name}: {full}")
    assert offenders == []
