"""Every time the command line shows is this PC's local time with its zone (issue 14)."""

import re

import pytest

from iku_desktop.cli import main
from iku_desktop.store import lockfile

STAMP = r"\d\d-\d\d-\d{4} \d\d:\d\d"


@pytest.mark.parametrize("tz, name", [("Asia/Jakarta", "WIB"), ("Asia/Makassar", "WITA"),
                                      ("Asia/Jayapura", "WIT")])
def test_audit_and_backups_show_local_time(db_path, capsys, local_zone, tz, name):
    local_zone(tz)
    assert main(["--db", str(db_path), "backup", "create"]) == 0
    assert main(["--db", str(db_path), "setting", "kertas", "F4"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "audit", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"^{STAMP}:\d\d {name} ", out, re.M), out
    assert "Z " not in out and "T0" not in out and "T1" not in out and "T2" not in out
    assert main(["--db", str(db_path), "backup", "list"]) == 0
    assert re.search(rf"^{STAMP}:\d\d {name} ", capsys.readouterr().out, re.M)


def test_the_lock_holder_since_is_local(local_zone):
    local_zone("Asia/Makassar")
    held = lockfile.Holder("budi", "PC-SEKRETARIAT", 1, "2026-11-26T08:00:00+00:00")
    assert held.describe() == "budi di komputer PC-SEKRETARIAT (sejak 26-11-2026 16:00 WITA)"
