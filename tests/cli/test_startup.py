"""Arguments first (issue 14): ``iku --version`` and a usage error are answered before
the store, the Excel and PDF libraries, Qt or the signing library are imported."""

import subprocess
import sys

HEAVY = ("peewee", "sqlite3", "openpyxl", "python_calamine", "reportlab", "PySide6", "nacl",
         "PIL", "iku_desktop.store", "iku_desktop.exchange", "iku_desktop.services.session")

PROBE = """
import sys
from iku_desktop.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
heavy = {heavy!r}
print("LOADED:" + ",".join(sorted(m for m in sys.modules if m.split(".")[0] in heavy or
                      any(m == h or m.startswith(h + ".") for h in heavy))))
"""


def loaded_after(argv: list[str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv, heavy=HEAVY)],
                          capture_output=True, text=True, timeout=60, check=True)
    line = done.stdout.splitlines()[-1]
    assert line.startswith("LOADED:")
    return [m for m in line.removeprefix("LOADED:").split(",") if m]


def test_version_imports_nothing_heavy():
    assert loaded_after(["--version"]) == []


def test_a_usage_error_imports_nothing_heavy():
    assert loaded_after(["compute", "--year", "dua ribu"]) == []
    assert loaded_after(["--help"]) == []


def test_a_command_still_loads_what_it_needs(tmp_path):
    """The probe sees imports: a command that opens a database loads the store."""
    loaded = loaded_after(["--db", str(tmp_path / "x.sqlite"), "compute", "--year", "2022"])
    assert "peewee" in loaded and "iku_desktop.store" in loaded


def test_compute_loads_no_register_spec(db_path):
    """``compute`` reads the summary tables: the register specs (every field's parser,
    label and rule: ≈ 40 ms of imports) load with an edit, an import or a template, not
    with a computation."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=["--db", str(db_path), "compute", "--year",
                                                  "2022"], heavy=("iku_desktop.registers",))],
        capture_output=True, text=True, timeout=60, check=True)
    line = done.stdout.splitlines()[-1]
    assert "Realisasi" in done.stdout or "IKU" in done.stdout  # it did compute
    assert line == "LOADED:", line


WRITERS = ("iku_desktop.store.audit", "iku_desktop.store.audit_witness",
           "iku_desktop.store.lockfile", "iku_desktop.store.backup", "iku_desktop.services.backups",
           "iku_desktop.services.ownership", "iku_desktop.store.migrations.m0001_initial",
           "html.parser", "platformdirs")


def test_compute_loads_nothing_a_write_needs(db_path):
    """A command that only reads a clean file at the latest schema imports neither the
    audit log and its witness (hashing, the OS user), the lock file, the backups, the
    migrations nor the formulasi's HTML sanitiser: they come with the first write, an
    upgrade or a file left unclean."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=["--db", str(db_path), "compute", "--year",
                                                  "2022"], heavy=WRITERS)],
        capture_output=True, text=True, timeout=60, check=True)
    line = done.stdout.splitlines()[-1]
    assert "Indikator Kinerja Utama tahun 2022" in done.stdout  # it did compute
    assert line == "LOADED:", line
