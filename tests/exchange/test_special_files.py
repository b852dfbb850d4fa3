"""Paths that are not files: a FIFO (opening it for reading would wait for a writer for
ever), /dev/zero (endless), /dev/null, a symlink loop, a folder. Each is refused at once
with a message saying what it is, and nothing is written."""

import os
import time
from pathlib import Path

import pytest

from iku_desktop.exchange import readers
from tests.exchange.test_hostile_files import refused

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev are POSIX")


def special_paths(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name → (path, the words the message must hold)."""
    fifo = tmp_path / "pipa.csv"
    os.mkfifo(fifo)
    loop = tmp_path / "putar.xlsx"
    os.symlink(tmp_path / "putar2.xlsx", loop)
    os.symlink(loop, tmp_path / "putar2.xlsx")
    folder = tmp_path / "data.xlsx"
    folder.mkdir()
    return {"fifo": (fifo, "pipa (FIFO)"), "zero": (Path("/dev/zero"), "perangkat"),
            "null": (Path("/dev/null"), "perangkat"), "loop": (loop, "berputar"),
            "folder": (folder, "folder")}


@pytest.mark.parametrize("name", ["fifo", "zero", "null", "loop", "folder"])
def test_import_refuses_what_is_not_a_file(db, tmp_path, name):
    path, words = special_paths(tmp_path)[name]
    refused(db, path, words)


@pytest.mark.parametrize("name", ["fifo", "zero", "null", "loop", "folder"])
def test_reading_helpers_never_open_or_read_a_special_file(tmp_path, name):
    path, words = special_paths(tmp_path)[name]
    t0 = time.perf_counter()
    for read in (readers.check_input_file, readers.read_input, readers.file_sha256):
        with pytest.raises(readers.ReadError, match=words.replace("(", r"\(").replace(")", r"\)")):
            read(path)
    assert time.perf_counter() - t0 < 5


def test_reading_is_bounded(tmp_path):
    path = tmp_path / "besar.csv"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(readers.ReadError, match="terlalu besar"):
        readers.read_input(path, max_bytes=4096)
    assert readers.read_input(path, max_bytes=5000) == b"x" * 5000


@pytest.mark.parametrize("name", ["fifo", "zero", "null", "loop", "folder"])
def test_package_import_refuses_what_is_not_a_file(db, tmp_path, name):
    from iku_desktop.exchange.package import PackageError
    from iku_desktop.services import packages
    from tests.conftest import table_dump

    path, words = special_paths(tmp_path)[name]
    before = table_dump(db)
    t0 = time.perf_counter()
    with pytest.raises(PackageError, match=words.replace("(", r"\(").replace(")", r"\)")):
        packages.import_package(path)
    assert time.perf_counter() - t0 < 5
    assert table_dump(db) == before


@pytest.mark.parametrize("name", ["fifo", "zero", "null", "loop", "folder"])
def test_logo_setting_refuses_what_is_not_a_file(db, tmp_path, name):
    from iku_desktop.services import setting_edit
    from tests.conftest import table_dump

    path, words = special_paths(tmp_path)[name]
    before = table_dump(db)
    t0 = time.perf_counter()
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        setting_edit.set_from_text("kop_surat_logo", [], path)
    assert time.perf_counter() - t0 < 5
    assert table_dump(db) == before
