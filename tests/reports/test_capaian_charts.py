"""The charts of the Laporan Capaian: reportlab charts of each indikator's period and of the
realisasi per kabupaten/kota; a year without data is a gap, never 0; the code still verifies."""

import io
from decimal import Decimal

import pypdf
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import String

from iku_desktop.domain.charts import Bar, trend_points
from iku_desktop.reports import capaian
from iku_desktop.reports.charts import kabupaten_drawing, trend_drawing
from iku_desktop.services import printing
from iku_desktop.store import document_repo
from iku_desktop.store import models as m
from tests.conftest import koperasi_2022_only


def _text(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _strings(drawing) -> list[str]:
    return [s.text for s in drawing.contents if isinstance(s, String)]


def test_the_trend_chart_leaves_a_gap_for_a_year_without_data():
    points = trend_points([2021, 2022, 2023], {2021: Decimal("18.91"), 2022: None},
                          {2021: Decimal("20"), 2022: Decimal("21"), 2023: Decimal("22")})
    d = trend_drawing("1. Koperasi", points, "Helvetica", 250)
    chart = next(c for c in d.contents if isinstance(c, VerticalBarChart))
    assert chart.categoryAxis.categoryNames == ["2021", "2022", "2023"]
    assert chart.data == [(20.0, 21.0, 22.0), (18.91, None, None)]  # gaps, not 0
    assert _strings(d).count("–") == 2 and chart.barLabelFormat(18.91) == "18,91"


def test_the_kabupaten_chart_leaves_a_gap():
    d = kabupaten_drawing("1. Koperasi", (Bar("Kabupaten Kerinci", None),
                                          Bar("Kota Jambi", Decimal("100.00"))), "Helvetica", 400)
    chart = next(c for c in d.contents if isinstance(c, HorizontalBarChart))
    assert chart.data == [(None, 100.0)]
    assert chart.categoryAxis.categoryNames == ["Kabupaten Kerinci", "Kota Jambi"]
    assert "–" in _strings(d)


def test_the_report_draws_the_period_and_the_kabupaten_and_still_verifies(db):
    koperasi_2022_only()
    ind = document_repo.load_active().semua_indikator[0]
    document_repo.set_target(ind.id, 2024, Decimal("30.00"))
    out = printing.make("capaian", {"year": 2022})
    pages = _text(out.pdf)
    charts = next(p for p in pages if "Grafik Target dan Realisasi IKU 2021–2026" in p)
    assert "Grafik" not in pages[0]  # the table and its signature come first
    assert "2021 2022 2023 2024 2025 2026" in charts  # year labels under the bars
    assert "realisasi 2022 per kabupaten/kota" in charts
    assert "Kota Jambi" in charts and "Kabupaten Kerinci" in charts and "100,00" in charts
    assert f"Kode verifikasi: {out.code}" in charts
    snap = printing.snapshot_of("capaian", {"year": 2022})
    row = snap["baris"][0]
    assert row["target_periode"]["2024"] == Decimal("30.00")  # the chart is part of the code
    assert row["riwayat"] == {"2021": None, "2022": Decimal("100.00")}
    assert dict(row["kabupaten"])["Kabupaten Kerinci"] is None
    assert printing.verify(out.code).still_matches is True
    document_repo.set_target(ind.id, 2024, Decimal("31.00"))  # only the chart shows it
    assert printing.verify(out.code).still_matches is False


def test_a_year_locked_before_the_charts_still_prints(db):
    """A snapshot frozen by an earlier version lacks the period's targets and the
    kabupaten: the report draws what it holds (realisasi up to its year, its target)."""
    snap = printing.snapshot_of("capaian", {"year": 2022})
    snap.pop("tahun_periode")
    for r in snap["baris"]:
        r.pop("target_periode")
        r.pop("kabupaten")
    pdf = capaian.render(snap, printing.page_setup("IKU-00000-00000"))
    charts = _text(pdf)[-1]
    assert "Grafik Target dan Realisasi IKU 2021–2022" in charts
    assert "per kabupaten/kota" not in charts


def test_a_locked_year_draws_its_frozen_figures(db):
    from iku_desktop.services import locking

    koperasi_2022_only()
    before = printing.make("capaian", {"year": 2022}, archive=False)
    locking.lock_year(2022)
    m.KoperasiTahunBuku.delete().execute()  # the data changes after the lock
    after = printing.make("capaian", {"year": 2022}, archive=False)
    assert after.code == before.code
    charts = _text(after.pdf)[-1]
    assert "100,00" in charts and "Kota Jambi" in charts  # the frozen kabupaten figures
