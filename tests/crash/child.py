"""Run one import or package merge in this process (to be killed by the crash tests).

Usage: python -m tests.crash.child import|package DB FILE
Prints "ready" once everything is loaded, then the seconds the work took.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main() -> None:
    kind, db_path, file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    from iku_desktop.exchange.importer import import_file
    from iku_desktop.services import packages
    from iku_desktop.store.database import open_database

    db = open_database(db_path)
    print("ready", flush=True)
    t0 = time.perf_counter()
    if kind == "import":
        result = import_file(file)
        assert result.written, [i.render() for i in result.report.errors[:3]]
    else:
        packages.import_package(file)
    print(f"{time.perf_counter() - t0:.3f}", flush=True)
    db.close()


if __name__ == "__main__":
    main()
