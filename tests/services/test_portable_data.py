"""A portable copy (unpacked from the zip, or on a USB stick) keeps its data beside itself:
a file named ``portable`` in its installation root sends the default database to
``data`` there; without it the data stays in the user data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from iku_desktop import portable
from iku_desktop.services import database


def _windows_layout(root: Path) -> Path:
    """The Windows build's folder: Python/, bin/, pkgs/iku_desktop/."""
    package = root / "pkgs" / "iku_desktop"
    package.mkdir(parents=True)
    (root / "Python").mkdir()
    (root / "bin").mkdir()
    return package


def test_the_root_of_the_windows_layout_holds_pkgs(tmp_path):
    package = _windows_layout(tmp_path / "IKU-Desktop-0.1.0")
    assert portable.install_root(package) == tmp_path / "IKU-Desktop-0.1.0"


def test_the_root_of_a_checkout_holds_the_package(tmp_path):
    assert portable.install_root(tmp_path / "repo" / "iku_desktop") == tmp_path / "repo"
    # this checkout: the folder holding iku_desktop/
    assert (portable.install_root() / "iku_desktop" / "portable.py").is_file()


def test_the_marker_makes_a_copy_portable(tmp_path):
    root = tmp_path / "usb" / "IKU-Desktop"
    _windows_layout(root)
    assert portable.data_dir(root) is None
    (root / "portable").write_text("")
    assert portable.data_dir(root) == root / "data"


def test_a_folder_named_portable_is_no_marker(tmp_path):
    (tmp_path / "portable").mkdir()
    assert portable.data_dir(tmp_path) is None


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv("IKU_DB", raising=False)


def test_default_database_beside_a_portable_copy(tmp_path, monkeypatch, no_env):
    root = tmp_path / "IKU-Desktop"
    _windows_layout(root)
    (root / "portable").write_text("")
    monkeypatch.setattr(portable, "install_root", lambda *a: root)
    assert database.default_path() == root / "data" / "iku.sqlite"
    db = database.open_or_create(database.default_path())  # the window's first start
    db.close()
    assert (root / "data" / "iku.sqlite").is_file()


def test_default_database_in_the_user_data_folder_otherwise(tmp_path, monkeypatch, no_env):
    root = tmp_path / "IKU-Desktop"
    _windows_layout(root)
    monkeypatch.setattr(portable, "install_root", lambda *a: root)
    path = database.default_path()
    assert root not in path.parents and path.name == "iku.sqlite"
    assert "IKU Desktop" in path.parts


def test_iku_db_still_chooses_the_file(tmp_path, monkeypatch):
    root = tmp_path / "IKU-Desktop"
    root.mkdir()
    (root / "portable").write_text("")
    monkeypatch.setattr(portable, "install_root", lambda *a: root)
    monkeypatch.setenv("IKU_DB", str(tmp_path / "lain.sqlite"))
    assert database.default_path() == tmp_path / "lain.sqlite"
