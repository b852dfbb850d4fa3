"""The version and build the program reports (``iku --version``, Bantuan › Tentang): the
build file a Windows build writes, else git in a checkout, else "pengembangan"."""

from __future__ import annotations

import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from iku_desktop import __version__, version

CHECKOUT = Path(__file__).resolve().parent.parent


def _git(*args):
    return subprocess.run(["git", "-C", str(CHECKOUT), *args], capture_output=True,
                          text=True, check=True).stdout.strip()


def test_a_build_file_names_commit_and_date(monkeypatch):
    fake = types.ModuleType("iku_desktop._build")
    fake.COMMIT, fake.DATE = "1a2b3c4", "2026-12-01"
    monkeypatch.setitem(sys.modules, "iku_desktop._build", fake)
    assert version.build() == "1a2b3c4, 2026-12-01"
    assert version.describe() == f"{__version__} (build 1a2b3c4, 2026-12-01)"


@pytest.mark.skipif(not (CHECKOUT / ".git").exists() or shutil.which("git") is None,
                    reason="not a git checkout")
def test_a_checkout_asks_git():
    if (CHECKOUT / "iku_desktop" / "_build.py").exists():
        pytest.skip("a build file is present")
    expected = f"{_git('describe', '--always', '--dirty')}, {_git('log', '-1', '--format=%cs')}"
    assert version.build() == expected


def test_elsewhere_it_is_a_development_build(tmp_path):
    if (CHECKOUT / "iku_desktop" / "_build.py").exists():
        pytest.skip("a build file is present")
    assert version.build(tmp_path) == "pengembangan"


def test_iku_version_shows_version_and_build(monkeypatch, capsys):
    from iku_desktop.cli import main

    monkeypatch.setattr(version, "build", lambda *a: "1a2b3c4, 2026-12-01")
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"iku {__version__} (build 1a2b3c4, 2026-12-01)\n"
