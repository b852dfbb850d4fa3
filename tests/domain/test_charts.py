from decimal import Decimal

from iku_desktop.domain.charts import axis_top, kabupaten_bars, trend_points, value_label
from iku_desktop.domain.results import BreakdownRow


def test_a_year_without_data_is_a_gap_never_zero():
    points = trend_points([2021, 2022, 2023], {2021: Decimal("18.91"), 2022: None},
                          {2022: Decimal("20")})
    assert [p.label for p in points] == ["2021", "2022", "2023"]
    assert [p.realisasi for p in points] == [Decimal("18.91"), None, None]
    assert [p.target for p in points] == [None, Decimal("20"), None]
    assert [value_label(p.realisasi) for p in points] == ["18,91", "–", "–"]


def test_a_snapshot_keyed_by_text_gives_the_same_points():
    points = trend_points(["2021", "2022"], {"2021": "18.91", "2022": None}, {"2021": "20.00"})
    assert points[0].year == 2021 and points[0].realisasi == Decimal("18.91")
    assert points[1].realisasi is None and points[1].target is None


def test_kabupaten_bars_keep_gaps_and_order():
    rows = (BreakdownRow("1501", "Kabupaten Kerinci", Decimal("20.37"), 66, 324),
            BreakdownRow("1571", "Kota Jambi", None, 0, 0, reason="Tidak ada koperasi"))
    bars = kabupaten_bars({"kabupaten": rows, "jenis": ()})
    assert [(b.label, b.value) for b in bars] == [("Kabupaten Kerinci", Decimal("20.37")),
                                                   ("Kota Jambi", None)]
    assert kabupaten_bars({"unsur": rows}) == ()


def test_axis_top_is_round_and_above_every_value():
    assert axis_top([Decimal("18.91"), None]) == 20
    assert axis_top([Decimal("73.5")]) == 80
    assert axis_top([Decimal("100")]) == 100
    assert axis_top([None, None]) == 1
    assert axis_top([Decimal("0.4")]) == 1
