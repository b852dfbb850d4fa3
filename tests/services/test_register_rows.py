"""The rows the register services hand the window: plain values, tombstones left out, and
the same figures the screens showed when they queried the store themselves."""

from datetime import date
from decimal import Decimal as D

from iku_desktop.services import (audit_log, document_view, ikm_register, locking, registers,
                                  sakip_register, setting_edit, year_values)
from iku_desktop.services.indicators import compute_indikator, trend
from iku_desktop.store import document_repo
from iku_desktop.store import models as m


def test_surveys_count_their_live_respondents_in_one_block(db):
    a = m.IkmSurvei.create(nama="SKM B", tahun=2022, populasi=100)
    b = m.IkmSurvei.create(nama="SKM A", tahun=2022)
    other = m.IkmSurvei.create(nama="SKM 2023", tahun=2023)
    gone = m.IkmSurvei.create(nama="SKM dihapus", tahun=2022, deleted=True)
    for survei, deleted in ((a, False), (a, False), (a, True), (other, False)):
        m.IkmRespon.create(survei=survei, tanggal=date(survei.tahun, 5, 1), u1=4,
                           deleted=deleted)
    assert ikm_register.survey_ids(2022) == [b.id, a.id]  # by name, tombstone left out
    assert ikm_register.survey_names(2022) == ["SKM A", "SKM B"]
    rows = ikm_register.survey_rows([a.id, b.id, gone.id])
    assert (rows[a.id].responden, rows[a.id].populasi, rows[a.id].nama) == (2, 100, "SKM B")
    assert rows[b.id].responden == 0 and rows[b.id].populasi is None
    ids = ikm_register.response_ids(a.id)
    assert len(ids) == 2
    r = ikm_register.response_rows(ids)[ids[0]]
    assert (r.tanggal, r.u1, r.u9, r.jenis_kelamin) == (date(2022, 5, 1), 4, None, None)


def test_sakip_rows_carry_their_evaluation(db):
    m.Sakip.create(tahun=2022, skema="88/2021", perencanaan=D("25.50"), pengukuran=D(20),
                   pelaporan=D(10), evaluasi_internal=D(18), nomor_lhe="700/1")
    m.Sakip.create(tahun=2021, skema="12/2015", nilai_lhe=D("71.25"))
    m.Sakip.create(tahun=2020, skema="12/2015", nilai_lhe=D(60), deleted=True)
    rows = sakip_register.sakip_rows()
    assert [r.tahun for r in rows] == [2021, 2022]
    assert (rows[0].evaluasi.nilai, rows[0].evaluasi.predikat) == (D("71.25"), "BB")
    assert (rows[1].evaluasi.nilai, rows[1].values["nomor_lhe"]) == (D("73.50"), "700/1")
    assert rows[1].values["capaian_kinerja"] is None


def test_year_values_tahun_buku_kabupaten_and_fungsi(db):
    doc = document_repo.load_active()
    ind = doc.semua_indikator[0]
    m.Target.create(indikator=ind.id, tahun=2022, nilai=D("40.5"))
    shown = year_values.year_values(ind.id)
    assert shown.years == tuple(doc.tahun) and shown.target[2022] == D("40.5")
    assert shown.locked == frozenset()
    kab = registers.kabupaten()
    assert len(kab) == 11 and kab[0][1] == "Kabupaten Kerinci"  # BPS 1501 first
    k = m.Koperasi.create(nomor_badan_hukum="1/BH", nama="KSP A", kabupaten_id=kab[0][0],
                          jenis="jasa", tanggal_badan_hukum=date(2010, 1, 1))
    m.KoperasiTahunBuku.create(koperasi=k, tahun=2022, volume_usaha=110, aset=90)
    m.KoperasiTahunBuku.create(koperasi=k, tahun=2021, volume_usaha=100, aset=100)
    m.KoperasiTahunBuku.create(koperasi=k, tahun=2020, volume_usaha=1, aset=1, deleted=True)
    books = registers.tahun_buku_rows(k.id)
    assert [(b.tahun, b.aset) for b in books] == [(2021, 100), (2022, 90)]
    assert [t for _, t in document_view.fungsi_rows(doc.id)] == list(doc.fungsi)
    label, help_text = setting_edit.describe("koperasi_hanya_aktif")
    assert label and help_text and setting_edit.current("koperasi_hanya_aktif") in (True, False)


def test_trend_is_the_realisasi_of_each_year(db):
    m.Sakip.create(tahun=2022, skema="88/2021", nilai_lhe=D("73.50"))
    doc = document_repo.load_active()
    sakip = next(i for i in doc.semua_indikator if i.metode == "nilai_sakip")
    got = trend(sakip, doc.tahun)
    assert list(got) == list(doc.tahun)
    assert got[2022] == D("73.50") == compute_indikator(sakip, 2022).result.value
    assert all(v is None for y, v in got.items() if y != 2022)


def test_document_state_locks_and_audit_log(db):
    state = locking.document_state()
    assert state.revisi == 1 and state.ditetapkan_at is None
    assert locking.year_locks() == []
    locking.lock_year(2022)
    [lock] = locking.year_locks()
    assert lock.tahun == 2022 and len(lock.kode) > 4
    assert any(e.tabel == "kunci_tahun" for e in audit_log.entries(limit=50))
    assert audit_log.verify().ok
