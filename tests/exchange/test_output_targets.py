"""Output paths that are not plain files (a device, FIFO, socket, folder or symbolic link)
are refused with a message, never replaced by a regular file nor written through."""

import os
import socket
import stat

import pytest

from iku_desktop.cli import main
from iku_desktop.exchange import keys, package
from iku_desktop.exchange.xlsx_writer import OutputError, write_bytes


def _fifo(p):
    os.mkfifo(p)


def _device(p):  # a private node (never the real /dev/null): the null device, 1:3
    if os.geteuid() != 0:
        pytest.skip("mknod needs root")
    os.mknod(p, 0o666 | stat.S_IFCHR, os.makedev(1, 3))


def _socket(p):
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(p))
    s.close()


def _folder(p):
    p.mkdir()


def _symlink(p):
    (p.parent / "real.xlsx").write_bytes(b"lama")
    p.symlink_to(p.parent / "real.xlsx")


KINDS = {"fifo": (_fifo, "pipa"), "device": (_device, "perangkat"),
         "socket": (_socket, "soket"), "folder": (_folder, "folder"),
         "symlink": (_symlink, "tautan simbolik")}


def _mode(p):
    return stat.S_IFMT(os.lstat(p).st_mode)


@pytest.mark.parametrize("kind", KINDS)
def test_write_bytes_refuses_a_target_that_is_not_a_file(tmp_path, kind):
    make, word = KINDS[kind]
    target = tmp_path / "keluar.xlsx"
    make(target)
    before = _mode(target)
    with pytest.raises(OutputError) as err:
        write_bytes(target, b"isi")
    assert word in str(err.value) and "bukan berkas" in str(err.value)
    assert _mode(target) == before  # still the node it was
    assert sorted(os.listdir(tmp_path)) == sorted(["keluar.xlsx"] +
                                                  (["real.xlsx"] if kind == "symlink" else []))
    if kind == "symlink":
        assert (tmp_path / "real.xlsx").read_bytes() == b"lama"


def test_write_bytes_still_replaces_a_plain_file(tmp_path):
    target = tmp_path / "keluar.xlsx"
    target.write_bytes(b"lama")
    write_bytes(target, b"baru")
    assert target.read_bytes() == b"baru"


@pytest.mark.parametrize("kind", ["fifo", "device", "symlink"])
def test_package_write_refuses_a_target_that_is_not_a_file(tmp_path, kind):
    make, word = KINDS[kind]
    target = tmp_path / "kirim.iku"
    make(target)
    before = _mode(target)
    pkg = package.Package("p1", "1501", "Kerinci", "2026-01-01T00:00:00", None, 1)
    with pytest.raises(package.PackageError) as err:
        package.write(target, pkg, keys.new_secret(), [])
    assert word in str(err.value)
    assert _mode(target) == before


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_cli_export_refuses_a_device_or_fifo(tmp_path, kind, capsys):
    make, word = KINDS[kind]
    db = tmp_path / "data.sqlite"
    assert main(["--db", str(db), "init"]) == 0
    target = tmp_path / "keluar.xlsx"
    make(target)
    assert main(["--db", str(db), "export", "koperasi", "-o", str(target)]) != 0
    assert word in capsys.readouterr().err
    assert _mode(target) == (stat.S_IFIFO if kind == "fifo" else stat.S_IFCHR)
