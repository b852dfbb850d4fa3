from datetime import date
from decimal import Decimal as D
from fractions import Fraction

from iku_desktop.domain import richtext
from iku_desktop.domain.dokumen import DokumenIku
from iku_desktop.domain.formatting import (
    format_date, format_month_year, format_number, format_percent, format_rupiah,
)
from iku_desktop.domain.numbers import round_half_up
from iku_desktop.domain.wilayah import KABUPATEN_KOTA, WilayahError, find_kabupaten

import pytest


def test_indonesian_numbers_and_dates():
    assert format_number(D("1234567.891")) == "1.234.567,89"
    assert format_percent(D("85.5")) == "85,50%"
    assert format_rupiah(1250000) == "Rp 1.250.000"
    assert format_date(date(2026, 11, 26)) == "26 November 2026"
    assert format_month_year(1, 2022) == "Januari 2022"
    assert format_number(None) == "–"


def test_round_half_up_once():
    assert round_half_up(Fraction(91475, 1000)) == D("91.48")
    assert round_half_up(D("2.675")) == D("2.68")  # a float would give 2.67
    assert round_half_up(Fraction(-5, 1000)) == D("-0.01")


def test_sanitiser_keeps_only_the_subset():
    dirty = ('<p style="x" onclick="y">A <strong>b</strong> <script>evil()</script>'
             '<a href="http://x">c</a><img src=x onerror=1></p><ul><li>d<sup>2</sup></li></ul>')
    assert richtext.sanitise(dirty) == "<p>A <b>b</b> c</p><ul><li>d<sup>2</sup></li></ul>"
    assert richtext.sanitise("a < b & c") == "a &lt; b &amp; c"
    assert richtext.sanitise("<p>unclosed <i>x") == "<p>unclosed <i>x</i></p>"


def test_blocks_and_plain_text():
    b = richtext.blocks("<p>x</p><ol><li>a</li><li>b</li></ol>")
    assert [(x.kind, x.inline, x.list_kind, x.number) for x in b] == [
        ("p", "x", None, 0), ("li", "a", "ol", 1), ("li", "b", "ol", 2)]
    assert richtext.plain_text("<p>a &amp; <b>b</b></p>") == "a & b"


def test_kabupaten_codes_differ_for_four():
    differ = [k.nama for k in KABUPATEN_KOTA if k.bps[2:] != k.kemendagri[3:]]
    assert sorted(differ) == sorted(["Kabupaten Tanjung Jabung Timur",
                                     "Kabupaten Tanjung Jabung Barat", "Kabupaten Tebo",
                                     "Kabupaten Bungo"])
    assert find_kabupaten("1506").nama == find_kabupaten("15.07").nama == \
        "Kabupaten Tanjung Jabung Timur"
    assert find_kabupaten("15.06").nama == "Kabupaten Tanjung Jabung Barat"
    assert find_kabupaten("Kab. Bungo").bps == "1509"
    assert find_kabupaten("kota sungai penuh").bps == "1572"
    with pytest.raises(WilayahError):
        find_kabupaten("1601")


def test_fungsi_letters():
    assert [DokumenIku.fungsi_huruf(i) for i in (0, 3, 25, 26)] == ["a.", "d.", "z.", "aa."]


def test_styled_spans_of_rich_text_editors_become_the_subset():
    qt = ('<!DOCTYPE HTML><html><head><style type="text/css">p { white-space: pre-wrap; }</style>'
          '</head><body style=" font-family:\'Sans\';"><p style="margin-top:0px;">Rumus '
          '<span style=" font-weight:700;">tebal</span> dan <span style=" font-style:italic; '
          'text-decoration: underline;">miring</span></p><p style="-qt-paragraph-type:empty;">'
          '<br /></p><ul style="margin-left: 0px;"><li style="">butir</li></ul></body></html>')
    assert richtext.sanitise(qt) == ("<p>Rumus <b>tebal</b> dan <i><u>miring</u></i></p>"
                                     "<ul><li>butir</li></ul>")


def test_a_value_with_its_unit():
    from iku_desktop.domain.formatting import format_figure, satuan_label

    assert format_figure(D("85.2"), "%") == "85,20%"
    assert format_figure(D("73.5"), "") == "73,50"  # a score: the bare number
    assert format_figure(D("3.6206"), "%", 3) == "3,621%"
    assert format_figure(1234567, "orang") == "1.234.567,00"
    assert format_figure(None, "%") == "–"
    assert (satuan_label("%"), satuan_label("")) == ("%", "nilai")
