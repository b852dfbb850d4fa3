"""A portable copy: the program run from an unpacked folder or a USB stick keeps its data
beside itself.

When a file named ``portable`` sits in the program's installation root, the default
database (and the window's settings) go to the folder ``data`` there instead of the
user data folder. The root is the folder the Windows build was unpacked into — the one
holding ``pkgs`` (``<root>/pkgs/iku_desktop/``), ``Python`` and ``bin`` — or, anywhere
else, the folder holding the ``iku_desktop`` package (a checkout)."""

from __future__ import annotations

from pathlib import Path

MARKER = "portable"
DATA_FOLDER = "data"
_PACKAGE = Path(__file__).resolve().parent


def install_root(package_dir: Path = _PACKAGE) -> Path:
    parent = package_dir.parent
    return parent.parent if parent.name.lower() == "pkgs" else parent


def data_dir(root: Path | None = None) -> Path | None:
    """The portable data folder, or None when this copy is not portable."""
    root = install_root() if root is None else root
    return root / DATA_FOLDER if (root / MARKER).is_file() else None
