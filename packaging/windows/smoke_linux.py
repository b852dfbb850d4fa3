"""The Linux side of smoke.sh (run with ``uv run python``): files to give the Windows
program and checks of what it wrote. Test-only.

  old-db PATH           an IKU database one schema version behind (as an older release
                        left it), for the upgrade-with-backup check
  schema PATH           print the file's schema version and the program's latest
  same-xlsx A B         the two workbooks hold the same sheets and cell values
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def old_db(path: Path) -> None:
    from iku_desktop.store import migrate
    from iku_desktop.store.database import open_database

    db = open_database(path, create=True, upgrade=False)
    migrate.upgrade(db, path, to_version=migrate.latest_version() - 1)
    db.close()
    print(f"{path}: schema {migrate.latest_version() - 1}")


def schema(path: Path) -> None:
    from iku_desktop.store import migrate

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    print(version, migrate.latest_version())


def same_xlsx(a: Path, b: Path) -> None:
    from openpyxl import load_workbook

    def cells(p: Path):
        wb = load_workbook(p, read_only=True)
        return {ws.title: [tuple(c for c in row) for row in ws.iter_rows(values_only=True)]
                for ws in wb.worksheets}

    ca, cb = cells(a), cells(b)
    if ca != cb:
        sys.exit(f"{a} and {b} differ")
    print(f"same workbook: {', '.join(f'{t} ({len(r)} rows)' for t, r in ca.items())}")


if __name__ == "__main__":
    what, *args = sys.argv[1:]
    {"old-db": old_db, "schema": schema, "same-xlsx": same_xlsx}[what](*map(Path, args))
