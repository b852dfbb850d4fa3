import pytest

from iku_desktop.services import document_edit as de
from iku_desktop.services.editing import EditError
from iku_desktop.store import document_repo
from iku_desktop.store import models as m


def doc():
    return document_repo.load_active()


def test_nip_and_pangkat_are_validated(db):
    with pytest.raises(EditError, match="Tanggal lahir"):
        de.set_dokumen_field("nip_penandatangan", "19630231 198503 1 008", "Ubah NIP")
    with pytest.raises(EditError, match="bukan pangkat"):
        de.set_dokumen_field("pangkat_penandatangan", "Pembina Uama Muda", "Ubah pangkat")
    change = de.set_dokumen_field("nip_penandatangan", "19700101 199503 2 001", "Ubah NIP")
    change.write()
    assert doc().penandatangan.nip == "197001011995032001"
    change.undo()
    assert doc().penandatangan.nip == "196304211985031008"


def test_adding_a_sasaran_and_indikator_numbers_follow(db):
    change = de.add_sasaran("Sasaran baru")
    change.write()
    s4 = doc().sasaran[-1]
    assert (s4.nomor, s4.teks, len(doc().sasaran)) == (4, "Sasaran baru", 4)
    de.add_indikator(s4.id, "Indikator baru").write()
    # insert one into sasaran 1: numbering runs across the whole table
    de.add_indikator(doc().sasaran[0].id, "Indikator kedua sasaran 1").write()
    nums = [(i.nomor, i.nama) for i in doc().semua_indikator]
    assert nums[:2] == [(1, "Persentase Koperasi Berkualitas"), (2, "Indikator kedua sasaran 1")]
    assert nums[-1] == (6, "Indikator baru")


def test_move_remove_and_undo_restore_the_order(db):
    before = [f for f in doc().fungsi]
    first_id = m.Fungsi.select().order_by(m.Fungsi.urutan).first().id
    change = de.move("fungsi", first_id, +1)
    change.write()
    assert doc().fungsi[:2] == (before[1], before[0])
    change.undo()
    assert list(doc().fungsi) == before
    s3 = doc().sasaran[2]
    removal = de.remove("sasaran", s3.id)
    removal.write()
    assert len(doc().sasaran) == 2 and len(doc().semua_indikator) == 2
    assert m.Sasaran.get_by_id(s3.id).deleted  # a tombstone, not a hard delete
    removal.undo()
    assert [i.nomor for i in doc().semua_indikator] == [1, 2, 3, 4]


def test_formulasi_is_stored_sanitised(db):
    ind = doc().semua_indikator[2]
    de.set_indikator_field(ind.id, "formulasi",
                           "<p onclick='x'>A <script>y</script><b>B</b></p>").write()
    assert doc().semua_indikator[2].formulasi == "<p>A <b>B</b></p>"


def test_empty_names_are_refused(db):
    with pytest.raises(EditError, match="wajib"):
        de.add_fungsi("   ")
    with pytest.raises(EditError, match="wajib"):
        de.set_dokumen_field("unit_organisasi", "", "Ubah unit")
