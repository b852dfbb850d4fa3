"""The figures the window shows for a locked year are those of its locked Laporan Capaian,
whatever the data says today; an open year's are today's."""

from decimal import Decimal

from iku_desktop.services import editing, frozen_year, locking, session
from iku_desktop.services.indicators import compute_year
from iku_desktop.store import models as m


def test_locked_figures_replace_todays(db):
    ind = m.Indikator.get(m.Indikator.urutan == 4)
    editing.prepare_year_value("target", ind.id, 2022, "80").write()
    locking.lock_year(2022)
    m.Target.update(nilai=Decimal("90")).where(m.Target.indikator == ind.id).execute()
    doc = session.active_document()
    live = compute_year(doc, 2022)
    assert live[3].target == Decimal("90") and live[3].dikunci is None
    shown = frozen_year.as_shown(live, 2022)
    assert shown[3].target == Decimal("80") and shown[3].dikunci.tahun == 2022
    assert shown[3].dikunci.kode == locking.year_locks()[0].kode
    assert frozen_year.as_shown(shown, 2022) == shown  # already frozen: as it is
    open_year = compute_year(doc, 2023)
    assert frozen_year.as_shown(open_year, 2023) is open_year


def test_the_trend_takes_a_locked_years_realisasi_as_locked(db):
    from datetime import date

    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    k = m.Koperasi.create(nomor_badan_hukum="1/BH", nama="KSP", kabupaten_id=kab, jenis="jasa",
                          tanggal_badan_hukum=date(2010, 1, 1))
    m.KoperasiTahunBuku.create(koperasi=k, tahun=2021, volume_usaha=100, aset=100,
                               tanggal_rat=date(2022, 3, 1))
    row = m.KoperasiTahunBuku.create(koperasi=k, tahun=2022, volume_usaha=110, aset=120,
                                     tanggal_rat=date(2023, 3, 1))
    locking.lock_year(2022)
    m.KoperasiTahunBuku.update(aset=90).where(m.KoperasiTahunBuku.id == row.id).execute()
    ind = session.active_document().semua_indikator[0]
    from iku_desktop.services.indicators import trend

    assert trend(ind, range(2021, 2024))[2022] == Decimal("0.00")  # today's data
    shown = frozen_year.trend(ind, range(2021, 2024))
    assert shown[2022] == Decimal("100.00") and shown[2023] is None
