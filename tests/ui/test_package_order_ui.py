"""The receive preview says what a package's number tells (a package missing before it) and
counts the rows held back until their parent arrives."""

from __future__ import annotations

import os
from pathlib import Path

from iku_desktop.services import editing, packages
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database
from tests.services.test_packages import MUARO_JAMBI, new_office
from ui import exchange_dialogs, tasks
from ui.main_window import MainWindow


def district_packages(tmp_path: Path) -> list[Path]:
    """Three packages of a district: its koperasi, a tahun buku, another tahun buku."""
    new_office(tmp_path, "provinsi")
    db = open_database(new_office(tmp_path, "muaro", MUARO_JAMBI))
    out = []
    try:
        editing.prepare_koperasi("12/BH/2019", "KSP Maju", "01/02/2019", "Muaro Jambi",
                                 "Simpan Pinjam").write()
        kop = m.Koperasi.get().id
        for n, tahun in enumerate((None, "2022", "2023"), start=1):
            if tahun:
                editing.prepare_tahun_buku(kop, tahun, "1.000.000", "5.000.000").write()
            out.append(tmp_path / f"a{n}.ikupkg")
            packages.export_package(out[-1])
    finally:
        db.close()
    return out


def test_the_preview_shows_a_gap_and_held_rows(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    first, _lost, third = district_packages(tmp_path)
    w = MainWindow(tmp_path / "provinsi.sqlite")
    qtbot.addWidget(w)
    dialog = exchange_dialogs.PackageImportDialog(third, w)
    qtbot.addWidget(dialog)
    dialog.resize(900, 520)
    assert "Paket ke-3 dari" in dialog.heading.text()
    assert "1 baris tertahan" in dialog.heading.text()
    assert "Paket ke-2 dari kantor Kabupaten Muaro Jambi (1505) belum diterima" in \
        dialog.order.text() and not dialog.order.isHidden()
    row = [dialog.table.item(0, c).text() for c in range(7)]
    assert row == ["Tahun buku koperasi", "0", "0", "0", "0", "0", "1"]
    assert dialog.refused.item(0).text().startswith(
        "Tertahan — Tahun buku koperasi: tahun buku 2023 — koperasi yang belum ada di sini: ")
    shot = os.environ.get("IKU_SCREENSHOT")
    if shot:  # the picture for the README / review
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(shot)
    dialog.merge()
    assert "sudah digabungkan" in dialog.heading.text() and "1 baris tertahan" in \
        dialog.heading.text()
    assert m.KoperasiTahunBuku.select().count() == 0
    # the koperasi arrives: the held tahun buku goes in with it
    later = exchange_dialogs.PackageImportDialog(first, w)
    qtbot.addWidget(later)
    assert "1 baris yang tertahan dari paket sebelumnya akan digabungkan" in \
        later.heading.text()
    later.merge()
    assert m.KoperasiTahunBuku.select().count() == 1
    assert "tertahan</b>" not in later.heading.text()
