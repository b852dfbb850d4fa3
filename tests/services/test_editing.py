from datetime import date
from decimal import Decimal

import pytest

from iku_desktop.services import editing
from iku_desktop.services.indicators import affected_methods, compute_year
from iku_desktop.store import document_repo
from iku_desktop.store import models as m
from tests.conftest import table_dump


@pytest.fixture
def kop(db):
    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    k = m.Koperasi.create(nomor_badan_hukum="1/BH", nama="KSP A", kabupaten_id=kab, jenis="jasa",
                          tanggal_badan_hukum=date(2010, 1, 1))
    m.KoperasiTahunBuku.create(koperasi=k, tahun=2021, volume_usaha=100, aset=100,
                               tanggal_rat=date(2022, 3, 1))
    t = m.KoperasiTahunBuku.create(koperasi=k, tahun=2022, volume_usaha=110, aset=90,
                                   tanggal_rat=date(2023, 3, 1))
    return k, t


def value_2022():
    doc = document_repo.load_active()
    return compute_year(doc, 2022)[0].result.value


def test_edit_aset_changes_the_indicator_and_undo_restores_it(kop):
    _, t = kop
    assert value_2022() == Decimal("0.00")  # aset fell
    change = editing.prepare_edit("koperasi_tahun_buku", t.id, "aset", "1.000.000")
    change, changes = editing.apply(change)
    assert affected_methods(changes.tables) == {"koperasi_berkualitas"}
    # a tahun buku counts in its own year and, as the year before, in the next one
    assert changes.years == {t.tahun, t.tahun + 1}
    assert value_2022() == Decimal("100.00")
    editing.revert(change)
    assert value_2022() == Decimal("0.00")
    assert m.KoperasiTahunBuku.get_by_id(t.id).aset == 90


@pytest.mark.parametrize("table,field,raw,message", [
    ("koperasi_tahun_buku", "aset", "-5", "negatif"),
    ("koperasi_tahun_buku", "aset", "sejuta", "bilangan bulat"),
    ("koperasi_tahun_buku", "aset", "", "wajib"),
    ("koperasi_tahun_buku", "tanggal_rat", "01/01/2099", "masa depan"),
    ("koperasi_tahun_buku", "tanggal_rat", "01/06/2021", "setelah tahun buku 2022 ditutup"),
    ("koperasi_tahun_buku", "tanggal_rat", "31/12/2022", "setelah tahun buku 2022 ditutup"),
    ("koperasi", "status", "Dibubarkan", "Tanggal Bubar"),
    ("koperasi", "kabupaten_id", "Bogor", "bukan nama"),
])
def test_invalid_input_never_reaches_the_database(kop, db, table, field, raw, message):
    k, t = kop
    row_id = t.id if table == "koperasi_tahun_buku" else k.id
    before = table_dump(db)
    with pytest.raises(editing.EditError, match=message):
        editing.prepare_edit(table, row_id, field, raw)
    assert table_dump(db) == before


def test_unchanged_value_is_no_change(kop):
    _, t = kop
    assert editing.prepare_edit("koperasi_tahun_buku", t.id, "aset", "90") is None


def test_new_tahun_buku_and_its_undo_is_a_tombstone(kop):
    k, _ = kop
    change, _ = editing.apply(editing.prepare_tahun_buku(k.id, "2023", "120", "95"))
    row = m.KoperasiTahunBuku.get_by_id(change.row_id)
    assert (row.tahun, row.aset, row.deleted) == (2023, 95, False)
    with pytest.raises(editing.EditError, match="sudah ada"):
        editing.prepare_tahun_buku(k.id, "2023", "1", "1")
    editing.revert(change)
    assert m.KoperasiTahunBuku.get_by_id(change.row_id).deleted
    editing.apply(change)  # redo revives it
    assert not m.KoperasiTahunBuku.get_by_id(change.row_id).deleted


def test_delete_is_a_tombstone(kop):
    k, _ = kop
    change, _ = editing.apply(editing.prepare_delete("koperasi", k.id, "Hapus koperasi"))
    assert m.Koperasi.get_by_id(k.id).deleted
    assert value_2022() is None
    editing.revert(change)
    assert value_2022() == Decimal("0.00")


def test_sakip_component_checked_against_its_maximum(db):
    change, _ = editing.apply(editing.prepare_sakip("2022"))
    with pytest.raises(editing.EditError, match="melebihi nilai maksimum 15"):
        editing.prepare_edit("sakip", change.row_id, "pelaporan", "15,5")
    with pytest.raises(editing.EditError, match="tidak ada pada skema"):
        editing.prepare_edit("sakip", change.row_id, "capaian_kinerja", "10")
    editing.apply(editing.prepare_edit("sakip", change.row_id, "pelaporan", "14,25"))
    assert m.Sakip.get_by_id(change.row_id).pelaporan == Decimal("14.25")


def test_target_and_manual_realisasi_with_undo(db):
    ind = document_repo.load_active().semua_indikator[0]
    change, changes = editing.apply(editing.prepare_year_value("target", ind.id, 2022, "25,5"))
    assert changes.tables == {"target"} and changes.years == {2022} and document_repo.load_active().semua_indikator[0].targets == {
        2022: Decimal("25.5")}
    editing.revert(change)
    assert document_repo.load_active().semua_indikator[0].targets == {}
    with pytest.raises(editing.EditError, match="angka"):
        editing.prepare_year_value("realisasi_manual", ind.id, 2022, "banyak")


def test_new_koperasi_and_usaha_are_validated(db):
    with pytest.raises(editing.EditError, match="wajib"):
        editing.prepare_koperasi("9/BH", "", "01/01/2020", "Kota Jambi", "Jasa")
    with pytest.raises(editing.EditError, match="masa depan"):
        editing.prepare_koperasi("9/BH", "K", "01/01/2099", "Kota Jambi", "Jasa")
    change, _ = editing.apply(editing.prepare_koperasi("9/BH", "K", "01/01/2020", "15.09", "KSP"))
    k = m.Koperasi.get_by_id(change.row_id)
    assert (k.kabupaten.nama, k.jenis, k.status) == ("Kabupaten Tebo", "simpan pinjam", "aktif")
    with pytest.raises(editing.EditError, match="sudah ada"):
        editing.prepare_koperasi("9/BH", "K2", "01/01/2020", "15.09", "KSP")
    change, _ = editing.apply(editing.prepare_usaha("Warung", "Siti", "1571", "2022-02-02"))
    u = change.row_id
    with pytest.raises(editing.EditError, match="13 digit"):
        editing.prepare_edit("usaha_kecil", u, "nib", "123")
    with pytest.raises(editing.EditError, match="nomor NIB dahulu"):
        editing.prepare_edit("usaha_kecil", u, "tanggal_nib", "03/03/2022")
    editing.apply(editing.prepare_edit("usaha_kecil", u, "nib", "9120001234567"))
    editing.apply(editing.prepare_edit("usaha_kecil", u, "tanggal_nib", "03/03/2022"))
    assert m.UsahaKecil.get_by_id(u).tanggal_nib == date(2022, 3, 3)


def test_an_edit_may_not_add_an_inconsistency_but_an_old_one_does_not_block(kop):
    k, _ = kop
    # stored inconsistent (data from before the rule): dissolved without its date
    m.Koperasi.update(status="dibubarkan").where(m.Koperasi.id == k.id).execute()
    change = editing.prepare_edit("koperasi", k.id, "tanggal_badan_hukum", "02/01/2010")
    assert change.after == {"tanggal_badan_hukum": date(2010, 1, 2)}
    editing.apply(change)
    # a new inconsistency is refused: dissolved before its badan hukum
    with pytest.raises(editing.EditError, match="lebih awal dari Tanggal Badan Hukum"):
        editing.prepare_edit("koperasi", k.id, "tanggal_bubar", "01/01/2009")


def test_a_change_of_values_names_its_row_an_insert_or_a_deletion_does_not(kop):
    """What the window refreshes from: a change of values only (and its undo) names its row,
    so that a register keeps its ids and repaints that row; a row added, deleted or revived
    names none (the ids may differ)."""
    from iku_desktop.services.changes import OpChanges

    k, t = kop
    change, changes = editing.apply(
        editing.prepare_edit("koperasi_tahun_buku", t.id, "aset", "95"))
    assert changes.values_only("koperasi_tahun_buku") == {t.id}
    assert changes.values_only("koperasi") is None  # it says nothing of another table
    assert editing.revert(change).values_only("koperasi_tahun_buku") == {t.id}
    added, changes = editing.apply(editing.prepare_tahun_buku(k.id, "2023", "120", "95"))
    assert changes.values_only("koperasi_tahun_buku") is None
    assert editing.revert(added).values_only("koperasi_tahun_buku") is None  # a tombstone
    _, changes = editing.apply(editing.prepare_tahun_buku(k.id, "2023", "1", "1"))  # revived
    assert changes.values_only("koperasi_tahun_buku") is None
    _, changes = editing.apply(editing.prepare_delete("koperasi", k.id, "Hapus koperasi"))
    assert changes.values_only("koperasi") is None
    # two changes of values: both rows; with any other change: none
    one = OpChanges.of({"ikm_respon"}, {2022}, rows={("ikm_respon", 1)})
    two = OpChanges.of({"ikm_respon"}, {2022}, rows={("ikm_respon", 2)})
    assert (one | two).values_only("ikm_respon") == {1, 2}
    assert (OpChanges() | one).values_only("ikm_respon") == {1}
    assert (one | OpChanges.of({"ikm_respon"}, {2022})).values_only("ikm_respon") is None
