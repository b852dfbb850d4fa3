"""Exports, PDFs and error workbooks are written whole or not at all: on a full disk no
cut-off or empty file is left under the user's name (an older file there stays as it
was), the message says the disk is full, and a printout's code is archived only once its
PDF is complete."""

from __future__ import annotations

import errno

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database
from tests.conftest import write_csv
from tests.store.disks import fill, small_disk

HEADER = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata"]


def printed(db_path) -> int:
    db = open_database(db_path)
    try:
        return m.Cetakan.select().count()
    finally:
        db.close()


def with_rows(db_path, tmp_path, capsys, n=300):
    csv = write_csv(tmp_path / "u.csv", HEADER, [[f"Usaha {i}", f"Pemilik {i}", "Muaro Jambi",
                                                  "01/03/2021"] for i in range(n)])
    assert cli(["--db", str(db_path), "import", str(csv)]) == 0
    capsys.readouterr()


def bad_csv(tmp_path):
    return write_csv(tmp_path / "salah.csv", HEADER,
                     [[f"Usaha {i}", "P", "Kota Antah Berantah", "01/03/2021"] for i in range(500)])


@pytest.fixture
def full(tmp_path):
    with small_disk(tmp_path / "penuh", "1m") as folder:
        (folder / "lama.xlsx").write_bytes(b"isi lama")
        (folder / "lama.pdf").write_bytes(b"isi lama")
        fill(folder)
        yield folder


def check_refused(capsys, code, expected=2):
    err = capsys.readouterr().err
    assert code == expected, err
    assert "disk penuh" in err and "Traceback" not in err, err


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name != "pengisi")


def test_export_on_a_full_disk(db_path, tmp_path, full, capsys):
    with_rows(db_path, tmp_path, capsys)
    check_refused(capsys, cli(["--db", str(db_path), "export", "usaha-kecil", "-o",
                               str(full / "baru.xlsx")]))
    check_refused(capsys, cli(["--db", str(db_path), "export", "usaha-kecil", "-o",
                               str(full / "lama.xlsx")]))
    assert leftovers(full) == ["lama.pdf", "lama.xlsx"]  # no empty or temporary file
    assert (full / "lama.xlsx").read_bytes() == b"isi lama"


def test_print_on_a_full_disk_archives_nothing(db_path, full, capsys):
    before = printed(db_path)
    check_refused(capsys, cli(["--db", str(db_path), "print", "dokumen", "-o",
                               str(full / "baru.pdf")]))
    check_refused(capsys, cli(["--db", str(db_path), "print", "dokumen", "-o",
                               str(full / "lama.pdf")]))
    assert leftovers(full) == ["lama.pdf", "lama.xlsx"]
    assert (full / "lama.pdf").read_bytes() == b"isi lama"
    assert printed(db_path) == before  # no code archived for a PDF never written


def test_errors_out_on_a_full_disk(db_path, tmp_path, full, capsys):
    code = cli(["--db", str(db_path), "import", str(bad_csv(tmp_path)), "--errors-out",
                str(full / "perbaiki.xlsx")])
    check_refused(capsys, code, expected=1)
    assert leftovers(full) == ["lama.pdf", "lama.xlsx"]


def test_a_failed_write_leaves_no_file_without_a_real_disk(db_path, tmp_path, monkeypatch,
                                                         capsys):
    """The same through a write that fails half-way (no mount needed)."""
    from iku_desktop.exchange import output

    real_open = open

    class HalfFull:
        def __init__(self, f):
            self.f = f

        def write(self, data):
            self.f.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.f, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

    monkeypatch.setattr(output, "open", lambda *a, **k: HalfFull(real_open(*a, **k)),
                        raising=False)
    out = tmp_path / "keluar"
    out.mkdir()
    before = printed(db_path)
    check_refused(capsys, cli(["--db", str(db_path), "print", "dokumen", "-o",
                               str(out / "d.pdf")]))
    check_refused(capsys, cli(["--db", str(db_path), "export", "sakip", "-o",
                               str(out / "s.xlsx")]))
    assert list(out.iterdir()) == [] and printed(db_path) == before


def test_the_code_is_archived_when_the_pdf_is_whole(db_path, tmp_path, capsys):
    before = printed(db_path)
    assert cli(["--db", str(db_path), "print", "dokumen", "-o", str(tmp_path / "d.pdf")]) == 0
    assert "kode verifikasi IKU-" in capsys.readouterr().out
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")
    assert printed(db_path) == before + 1


def test_a_template_on_a_full_disk(full, capsys):
    check_refused(capsys, cli(["template", "all", "-o", str(full / "templat.xlsx")]))
    assert leftovers(full) == ["lama.pdf", "lama.xlsx"]


def test_the_print_window_saves_a_pdf_whole_or_says_why(db_path, full, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from iku_desktop.services import printing
    from ui.print_dialog import PrintDialog

    db = open_database(db_path)
    try:
        said = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]))
        dialog = PrintDialog(2023, [2023])
        qtbot.addWidget(dialog)
        dialog.printout = printing.make("dokumen", archive=False)
        dialog.save(str(full / "lama.pdf"))
        assert said and "disk penuh" in said[0]
        assert (full / "lama.pdf").read_bytes() == b"isi lama"
        assert leftovers(full) == ["lama.pdf", "lama.xlsx"]
    finally:
        db.close()
