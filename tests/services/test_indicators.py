"""Indicator computations on small registers whose answers are worked out by hand."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iku_desktop.services.indicators import affected_methods, compute_year
from iku_desktop.store import document_repo
from iku_desktop.store import models as m
from iku_desktop.store import settings as office_settings


def kab(bps):
    return m.Kabupaten.get(m.Kabupaten.bps == bps).id


def add_kop(n, bps="1571", status="aktif", bh=date(2010, 1, 1), bubar=None, books=()):
    k = m.Koperasi.create(nomor_badan_hukum=f"BH/{n}", nama=f"K{n}", tanggal_badan_hukum=bh,
                          kabupaten_id=kab(bps), jenis="jasa", status=status, tanggal_bubar=bubar)
    for tahun, vu, aset, rat in books:
        m.KoperasiTahunBuku.create(koperasi=k, tahun=tahun, volume_usaha=vu, aset=aset,
                                   tanggal_rat=date(tahun + 1, 3, 1) if rat else None)
    return k


def report(year, metode):
    doc = document_repo.load_active()
    return next(r for r in compute_year(doc, year) if r.indikator.metode == metode)


def test_koperasi_berkualitas_by_hand(db):
    add_kop(1, books=[(2021, 100, 100, True), (2022, 110, 120, True)])      # meningkat
    add_kop(2, books=[(2021, 100, 100, True), (2022, 100, 120, True)])      # equal volume
    add_kop(3, "1508", books=[(2022, 110, 120, True)])                      # Y−1 missing
    add_kop(4, "1508", status="tidak aktif", books=[(2021, 1, 1, True), (2022, 2, 2, False)])
    add_kop(5, status="dibubarkan", bubar=date(2021, 12, 31))               # out of scope
    r = report(2022, "koperasi_berkualitas")
    # 1 of 4 in scope → 25,00 %
    assert (r.result.value, r.result.numerator, r.result.denominator) == (Decimal("25.00"), 1, 4)
    assert r.result.extra["tidak_lengkap"] == 1 and "1 koperasi" in r.result.warnings[0]
    by_kab = {row.key: row for row in r.result.breakdowns["kabupaten"]}
    assert (by_kab["1571"].numerator, by_kab["1571"].denominator) == (1, 2)
    assert by_kab["1508"].value == Decimal("0.00") and by_kab["1501"].value is None
    assert len(by_kab) == 11
    assert r.target is None and r.capaian.value is None and "Target" in r.capaian.reason

    office_settings.set_value("koperasi_hanya_aktif", True)
    r = report(2022, "koperasi_berkualitas")
    assert (r.result.numerator, r.result.denominator) == (1, 3)
    assert r.result.value == Decimal("33.33")


def test_capaian_with_target(db):
    add_kop(1, books=[(2021, 100, 100, True), (2022, 110, 120, True)])
    add_kop(2, books=[(2021, 100, 100, True), (2022, 90, 120, True)])
    ind = document_repo.load_active().semua_indikator[0]
    document_repo.set_target(ind.id, 2022, Decimal("40"))
    r = report(2022, "koperasi_berkualitas")
    assert r.result.value == Decimal("50.00") and r.capaian.value == Decimal("125.00")
    assert r.band.value == "sangat tinggi"


def test_usaha_kecil_wirausaha_by_hand(db):
    common = dict(nama_pemilik="P", kabupaten_id=kab("1505"), tanggal_terdata=date(2022, 1, 1))
    m.UsahaKecil.create(nama_usaha="A", nib="1" * 13, tanggal_nib=date(2022, 12, 31), **common)
    m.UsahaKecil.create(nama_usaha="B", nib="2" * 13, tanggal_nib=date(2023, 1, 1), **common)
    m.UsahaKecil.create(nama_usaha="C", nomor_iumk="IUMK/1", tanggal_iumk=date(2020, 1, 1), **common)
    m.UsahaKecil.create(nama_usaha="D", nib="3" * 13, **common)  # no date: not counted, warned
    m.UsahaKecil.create(nama_usaha="E", deleted=True, nib="4" * 13, tanggal_nib=date(2020, 1, 1),
                        **common)
    r = report(2022, "usaha_kecil_wirausaha")
    assert (r.result.numerator, r.result.denominator, r.result.value) == (2, 4, Decimal("50.00"))
    assert r.result.extra["izin_tanpa_tanggal"] == 1 and r.result.warnings


def test_sakip_value_and_predikat(db):
    m.Sakip.create(tahun=2022, skema="88/2021", perencanaan=Decimal("27"),
                   pengukuran=Decimal("27"), pelaporan=Decimal("13.5"),
                   evaluasi_internal=Decimal("22.51"))
    r = report(2022, "nilai_sakip")
    assert r.result.value == Decimal("90.01") and r.result.extra["predikat"] == "AA"
    assert report(2023, "nilai_sakip").result.value is None


def test_ikm_pooled_over_surveys_with_sample_warning(db):
    s1 = m.IkmSurvei.create(nama="SKM 1", tahun=2022, populasi=100)
    s2 = m.IkmSurvei.create(nama="SKM 2", tahun=2022)
    for s, ans in ((s1, 4), (s1, 3), (s2, 2)):
        m.IkmRespon.create(survei=s, tanggal=date(2022, 5, 1), jenis_layanan="X",
                           **{f"u{i}": ans for i in range(1, 10)})
    r = report(2022, "nilai_ikm")
    # pooled NRR = 3 for every unsur → IKM 3 → 75,00 → mutu C
    assert r.result.value == Decimal("75.00") and r.result.extra["mutu"] == "C"
    assert r.result.denominator == 3
    per_survey = {row.label: row.value for row in r.result.breakdowns["survei"]}
    assert per_survey == {"SKM 1": Decimal("87.50"), "SKM 2": Decimal("50.00")}
    assert any("kurang dari sampel minimum 80" in w for w in r.result.warnings)
    assert any("SKM 2" in w and "Populasi" in w for w in r.result.warnings)


def test_manual_method(db):
    doc = document_repo.load_active()
    ind = doc.semua_indikator[3]
    m.Indikator.update(metode="manual").where(m.Indikator.id == ind.id).execute()
    document_repo.set_realisasi_manual(ind.id, 2022, Decimal("81.2"))
    assert report(2022, "manual").result.value == Decimal("81.2")
    assert "belum diisi" in report(2023, "manual").result.reason


def test_dependencies():
    assert affected_methods({"sakip"}) == {"nilai_sakip"}
    assert affected_methods({"koperasi_tahun_buku"}) == {"koperasi_berkualitas"}
    assert len(affected_methods({"target"})) == 5


def test_the_built_in_methods_are_registered_once_in_order():
    from iku_desktop.services.indicators import registry

    assert registry.names() == ("koperasi_berkualitas", "usaha_kecil_wirausaha", "nilai_sakip",
                                "nilai_ikm", "manual")
    assert [m.name for m in registry.methods() if m.typed_in] == ["manual"]
    with pytest.raises(ValueError, match="already registered"):
        registry.register(registry.get("manual"))
    assert registry.label("sihir") == "sihir"
    assert "koperasi_berkualitas" in registry.unknown_message("sihir")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["1501", "1506", "1571"]), st.booleans(),
                          st.booleans()), max_size=20))
def test_breakdown_sums_to_the_province_figure(db, koperasi):
    with m.database.atomic() as txn:
        for n, (bps, grows, has_prev) in enumerate(koperasi):
            books = [(2022, 200 if grows else 50, 200 if grows else 50, True)]
            if has_prev:
                books.append((2021, 100, 100, True))
            add_kop(n, bps, books=books)
        r = report(2022, "koperasi_berkualitas").result
        txn.rollback()
    for name in ("kabupaten", "jenis"):
        rows = r.breakdowns[name]
        assert sum(x.numerator for x in rows) == r.numerator
        assert sum(x.denominator for x in rows) == r.denominator


def test_usaha_kecil_size_class_setting(db):
    common = dict(nama_pemilik="P", kabupaten_id=kab("1571"), tanggal_terdata=date(2022, 1, 1))
    M = 1_000_000_000
    m.UsahaKecil.create(nama_usaha="kecil", modal_usaha=M + 1, nib="1" * 13,
                        tanggal_nib=date(2022, 2, 1), **common)
    m.UsahaKecil.create(nama_usaha="mikro", modal_usaha=M, nib="2" * 13,
                        tanggal_nib=date(2022, 2, 1), **common)
    m.UsahaKecil.create(nama_usaha="tanpa data", **common)
    m.UsahaKecil.create(nama_usaha="ditetapkan", modal_usaha=M, skala_penetapan="kecil",
                        skala_alasan="verifikasi", **common)
    r = report(2022, "usaha_kecil_wirausaha").result
    # kecil + unknown + operator's kecil = 3; only "kecil" has a NIB → 1/3
    assert (r.numerator, r.denominator, r.value) == (1, 3, Decimal("33.33"))
    assert r.extra["bukan_kecil"] == 1 and r.extra["tanpa_skala"] == 1
    assert any("mikro" in w and "tidak dihitung" in w for w in r.warnings)
    office_settings.set_value("usaha_hanya_skala_kecil", False)
    r = report(2022, "usaha_kecil_wirausaha").result
    assert (r.numerator, r.denominator) == (2, 4)
