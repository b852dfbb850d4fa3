"""The ``iku`` program's own process (``cli.entry``): its start-up objects are left out of
the garbage collector's walks (``gc.freeze``) once its command's code is imported, and the
collector runs again for the command's work; ``main`` called in a process that goes on (a
test, a front end) leaves the collector as it was."""

import gc
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, sys
from iku_desktop.cli import commands
def cmd_compute(args):
    print("GC:", gc.isenabled(), gc.get_freeze_count() > 10000, flush=True)
    return 0
commands.cmd_compute = cmd_compute
sys.argv = ["iku", "--db", sys.argv[1], "compute", "--year", "2022"]
from iku_desktop.__main__ import *  # as python -m iku_desktop
"""


def test_the_command_runs_with_the_collector_on_and_the_start_up_frozen(db_path):
    done = subprocess.run([sys.executable, "-c", PROBE, str(db_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "GC: True True" in done.stdout


def test_the_console_script_is_the_entry():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'iku = "iku_desktop.cli:entry"' in text
    assert "entry_point=iku_desktop.cli:entry" in (
        ROOT / "packaging" / "windows" / "stage.py").read_text(encoding="utf-8")


def test_main_in_a_process_that_goes_on_leaves_the_collector_alone(db_path, capsys):
    from iku_desktop.cli import main

    frozen = gc.get_freeze_count()
    assert main(["--db", str(db_path), "compute", "--year", "2022"]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    capsys.readouterr()
