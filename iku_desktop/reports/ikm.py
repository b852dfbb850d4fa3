"""Laporan Survei Kepuasan Masyarakat (PermenPANRB 14/2017): respondents and their profile,
NRR per unsur, weighted NRR, IKM, konversi, mutu and kinerja, the sample size against
Krejcie–Morgan, and a bar chart of NRR per unsur."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..domain.dokumen import Penandatangan
from ..domain.formatting import DASH, format_number
from .blocks import blank_date, grid_table, right, signature_block, title_block
from .columns import Share
from .layout import PageSetup, build_flowing, frame_width
from .styles import make_styles


def _n(value, places=2) -> str:
    return DASH if value is None else format_number(value, places)


def _chart(unsur: list[dict], width: float, font: str) -> Drawing:
    d = Drawing(width, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 12 * mm
    chart.width, chart.height = width - 20 * mm, 44 * mm
    chart.data = [[float(u["nrr"] or 0) for u in unsur]]
    chart.categoryAxis.categoryNames = [u["kode"] for u in unsur]
    chart.categoryAxis.labels.fontName = font
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 4, 1
    chart.valueAxis.labels.fontName = font
    chart.bars[0].fillColor = colors.HexColor("#2f6690")
    chart.barLabelFormat = lambda v: format_number(v, 2) if v else ""
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    d.add(chart)
    d.add(String(width / 2, 2 * mm, "Nilai rata-rata (NRR) per unsur, skala 1–4",
                 fontName=font, fontSize=8, textAnchor="middle"))
    return d


def render(snap: dict, setup: PageSetup) -> bytes:
    st = make_styles(setup.font, 10)
    return build_flowing(lambda split: _story(snap, st, frame_width(setup), setup.font, split),
                         setup, title=f"Laporan SKM {snap['tahun']}")


def _story(snap: dict, st, width: float, font: str, split: bool) -> list:
    """The report's flowables; with ``split`` a table row may continue on the next page."""
    scope = f"Survei {snap['survei']}" if snap["survei"] else "Semua survei"
    story = title_block(["Laporan Survei Kepuasan Masyarakat", snap["unit_organisasi"],
                         f"Tahun {snap['tahun']} — {scope}"], st)
    story.append(Paragraph("<b>1. Survei dan responden</b>", st.body))
    rows = [["Survei", "Periode", "Jenis layanan", "Populasi", "Responden"]]
    for s in snap["surveys"]:
        rows.append([s["nama"], s["periode"] or DASH, s["jenis_layanan"] or DASH,
                     right(_n(s["populasi"], 0), st), right(_n(s["responden"], 0), st)])
    story.append(grid_table(rows, Share((0.24, 0.22, 0.28, 0.13, 0.13), width), st,
                            split_in_row=split))
    story.append(Spacer(1, 2 * mm))
    minimum = snap["sampel_minimum"]
    if minimum is None:
        sample = "Populasi penerima layanan belum diisi: kecukupan sampel tidak dapat diperiksa."
    else:
        enough = snap["responden"] >= minimum
        sample = (f"Sampel minimum (Krejcie &amp; Morgan) untuk populasi "
                  f"{format_number(snap['populasi'], 0)}: {minimum} responden; terkumpul "
                  f"{format_number(snap['responden'], 0)} — "
                  + ("<b>memenuhi</b>." if enough else "<b>KURANG dari sampel minimum</b>."))
    story.append(Paragraph(sample, st.small))
    story.append(Spacer(1, 4 * mm))

    story.append(Paragraph("<b>2. Profil responden</b>", st.body))
    labels = {"jenis_kelamin": "Jenis kelamin", "umur": "Umur", "pendidikan": "Pendidikan",
              "pekerjaan": "Pekerjaan", "layanan": "Jenis layanan"}
    rows = [["Profil", "Kategori", "Jumlah", "Persentase"]]
    total = snap["responden"] or 1
    for key, label in labels.items():
        for i, (cat, n) in enumerate(snap["profil"][key]):
            rows.append([label if i == 0 else "", cat, right(_n(n, 0), st),
                         right(format_number(n * 100 / total) + "%", st)])
    story.append(grid_table(rows, Share((0.22, 0.38, 0.18, 0.22), width), st,
                            split_in_row=split))
    story.append(Spacer(1, 4 * mm))

    story.append(Paragraph("<b>3. Nilai per unsur pelayanan</b>", st.body))
    rows = [["Kode", "Unsur pelayanan", "Jumlah nilai", "Menjawab", "NRR", "NRR × 1/9"]]
    for u in snap["unsur"]:
        rows.append([u["kode"], u["nama"], right(_n(u["jumlah"], 0), st),
                     right(_n(u["dijawab"], 0), st), right(_n(u["nrr"], 3), st),
                     right(_n(u["nrr_tertimbang"], 3), st)])
    story.append(grid_table(rows, Share((0.08, 0.42, 0.14, 0.12, 0.12, 0.12), width), st,
                            split_in_row=split))
    story.append(Spacer(1, 3 * mm))
    if snap["nilai"] is None:
        result = [["IKM", f"{DASH} ({snap['alasan']})"]]
    else:
        result = [["IKM (skala 1–4) = Σ NRR × 1/9", _n(snap["ikm"], 4)],
                  ["Nilai IKM unit pelayanan = IKM × 25", _n(snap["nilai"])],
                  ["Mutu pelayanan", snap["mutu"]],
                  ["Kinerja unit pelayanan", snap["kinerja"]]]
    # the result, the chart and the signature on one page: the signature never alone
    story.append(KeepTogether([
        grid_table([["Hasil", "Nilai"]] + result, [width * 0.6, width * 0.4], st),
        Spacer(1, 4 * mm), Paragraph("<b>4. Grafik NRR per unsur</b>", st.body),
        _chart(snap["unsur"], width, font), Spacer(1, 6 * mm),
        signature_block(blank_date(snap["tempat"]), Penandatangan(**snap["penandatangan"]),
                        st, width)]))
    return story
