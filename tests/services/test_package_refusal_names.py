"""A package's rows refused or held back are told by the rows' names — the koperasi's name
and nomor badan hukum, the usaha's name — never by a uuid: neither the row's own nor that of
the row it clashes with or waits for."""

from __future__ import annotations

import re

import pytest

from iku_desktop.services import editing, packages
from iku_desktop.store import models as m

from .test_package_order import KOP, add_koperasi, add_tahun_buku, export, receive, run
from .test_packages import MUARO_JAMBI, at, new_office, signed_package, write

UUID = re.compile(r"[0-9a-f]{32}|[0-9a-f]{8}…")


def _uuids(db) -> set[str]:
    with at(db):
        return {k.uuid for k in m.Koperasi.select()} | \
            {t.uuid for t in m.KoperasiTahunBuku.select()}


def test_a_nomor_badan_hukum_held_by_another_koperasi_names_both(tmp_path, capsys):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(prov):  # the province recorded the same koperasi on its own, before the package
        write(editing.prepare_koperasi(KOP, "KSP Maju Provinsi", "01/02/2019", "Muaro Jambi",
                                       "Simpan Pinjam"))
    add_koperasi(a)
    package = export(a, tmp_path, "a1")
    r = receive(prov, package, dry_run=True)
    assert [(x.name, x.reason) for x in r.refused] == [(
        "KSP Maju (BH 12/BH/2019)",
        "nomor badan hukum 12/BH/2019 sudah dipakai koperasi lain: "
        "KSP Maju Provinsi (BH 12/BH/2019)")]
    code, out, _ = run(capsys, "--db", prov, "package", "import", package)
    assert "KSP Maju Provinsi (BH 12/BH/2019)" in out
    assert not UUID.search(out) and not _uuids(a) & set(out.split())


def test_two_rows_of_one_package_with_one_nib_are_named(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(a):
        write(editing.prepare_usaha("Kopi Ali", "Ali", "Muaro Jambi", "01/03/2021"))
        write(editing.prepare_edit("usaha_kecil", m.UsahaKecil.get().id, "nib",
                                   "1234567890123"))

    def twice(tables):  # a forged package: the same NIB under a second uuid
        rows = tables["usaha_kecil"]
        rows.append(dict(rows[0], uuid="f" * 32, nama_usaha="Kopi Ali Kedua"))

    forged = tmp_path / "forged.ikupkg"
    signed_package(a, forged, twice)
    r = receive(prov, forged)
    assert [(x.name, x.reason) for x in r.refused] == [(
        "Kopi Ali Kedua (pemilik Ali)",
        "NIB 1234567890123 sudah dipakai usaha kecil lain: Kopi Ali (pemilik Ali)")]


def test_a_held_tahun_buku_does_not_quote_its_koperasis_uuid(tmp_path, capsys):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    add_koperasi(a)
    export(a, tmp_path, "a1")  # lost on the way
    add_tahun_buku(a, "2022")
    r = receive(prov, export(a, tmp_path, "a2"))
    assert [(x.name, x.reason) for x in r.held] == [(
        "tahun buku 2022 — koperasi yang belum ada di sini",
        "menunggu data koperasinya, yang belum ada di sini")]
    with at(prov):
        assert [h.alasan for h in packages.held_rows()] == [r.held[0].reason]
    code, out, _ = run(capsys, "--db", prov, "package", "held")
    assert code == 0 and "menunggu data koperasinya" in out
    assert not _uuids(a) & set(re.split(r"[\s:()]+", out)) and not UUID.search(out)


def test_a_package_repeating_a_row_is_refused_by_row_numbers(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    add_koperasi(a)

    def repeat(tables):
        tables["koperasi"].append(dict(tables["koperasi"][0], nama="KSP Maju Ganda"))

    forged = tmp_path / "forged.ikupkg"
    signed_package(a, forged, repeat)
    with at(prov), pytest.raises(packages.PackageError) as refused:
        packages.import_package(forged)
    assert "koperasi baris 2 memakai pengenal (uuid) yang sama dengan baris 1" in \
        str(refused.value)
    assert not UUID.search(str(refused.value))
