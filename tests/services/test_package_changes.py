"""What a package merge and a conflict's resolution say they changed: the tables they
actually wrote (``OpChanges``), so the window refreshes from them without guessing."""

from __future__ import annotations

from iku_desktop.services import editing, packages
from iku_desktop.services.changes import OpChanges
from iku_desktop.store import models as m
from tests.services.test_packages import MUARO_JAMBI, at, koperasi_id, new_office, send, write


def test_a_merge_names_the_tables_it_wrote_and_a_dry_run_those_it_would(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(a):
        write(editing.prepare_koperasi("12/BH/2019", "KSP Maju", "01/02/2019", "Muaro Jambi",
                                       "Simpan Pinjam"))
        write(editing.prepare_tahun_buku(koperasi_id("12/BH/2019"), "2022", "1.000.000",
                                         "5.000.000"))
        packages.export_package(tmp_path / "a1.ikupkg")
    with at(prov):
        preview = packages.import_package(tmp_path / "a1.ikupkg", dry_run=True)
        assert preview.changes.tables == {"koperasi", "koperasi_tahun_buku"}
        merged = packages.import_package(tmp_path / "a1.ikupkg")
        assert merged.changes == OpChanges.of({"koperasi", "koperasi_tahun_buku"})
        # the same package again changes nothing, and says so
        assert packages.import_package(tmp_path / "a1.ikupkg").changes.empty
    # the next package holds only the edited koperasi: only that table was written
    with at(a):
        write(editing.prepare_edit("koperasi", koperasi_id("12/BH/2019"), "alamat", "Jl. Baru"))
    assert send(a, prov, tmp_path, "a2").changes.tables == {"koperasi"}


def test_the_province_document_put_in_force_at_a_district_names_the_document_tables(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(prov):
        ind = m.Indikator.select().order_by(m.Indikator.urutan).first().id
        write(editing.prepare_year_value("target", ind, 2023, "75"))
    r = send(prov, a, tmp_path, "p1")
    # the district's own copy of the document was replaced by the province's
    assert {"dokumen", "fungsi", "sasaran", "indikator", "target"} <= r.changes.tables
    assert r.changes.document and r.changes.years is None


def test_resolving_a_conflict_returns_the_table_of_the_conflict(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(a):
        write(editing.prepare_usaha("Keripik", "Siti", "Muaro Jambi", "01/03/2021"))
    send(a, prov, tmp_path, "a1")
    send(prov, a, tmp_path, "p1")
    with at(a):
        usaha = m.UsahaKecil.get().id
        write(editing.prepare_edit("usaha_kecil", usaha, "alamat", "Jl. Satu"))
    with at(prov):
        write(editing.prepare_edit("usaha_kecil", m.UsahaKecil.get().id, "alamat", "Jl. Dua"))
    r = send(prov, a, tmp_path, "p2")
    assert r.counts["usaha_kecil"].conflicts == 1
    assert "usaha_kecil" not in r.changes.tables  # ours stays until decided: nothing written
    with at(a):
        [c] = packages.conflicts()
        assert packages.resolve(c.id, "mereka") == OpChanges.of({"usaha_kecil"})
        assert m.UsahaKecil.get().alamat == "Jl. Dua"
