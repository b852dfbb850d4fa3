"""Lembar Perhitungan: for each indikator the rule applied, its inputs, numerator,
denominator, intermediate values and the rounding — every number checkable by hand."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dokumen import Penandatangan
from ..domain.formatting import DASH, format_figure, format_number
from .blocks import blank_date, grid_table, signature_apart, signature_block, title_block
from .layout import PageSetup, build_flowing, frame_width
from .styles import make_styles


def render(snap: dict, setup: PageSetup) -> bytes:
    st = make_styles(setup.font, 10)
    return build_flowing(lambda split: _story(snap, st, frame_width(setup), split), setup,
                         title=f"Lembar Perhitungan IKU {snap['tahun']}")


def _story(snap: dict, st, width: float, split_in_row: bool) -> list:
    """The tables; the closing note and the signature are the last row of the last table,
    kept with its last row (never alone on a page)."""
    e = escape
    heading = ParagraphStyle("kwn", parent=st.body, keepWithNext=1, spaceAfter=1.5 * mm)
    closing = [Paragraph("Semua perhitungan memakai aritmetika eksak dan dibulatkan sekali, di "
                         "akhir, ke dua desimal (setengah ke atas).", st.small),
               Spacer(1, 6 * mm),
               signature_block(blank_date(snap["tempat"]),
                               Penandatangan(**snap["penandatangan"]), st, width)]
    story = title_block(["Lembar Perhitungan Indikator Kinerja Utama",
                         snap["unit_organisasi"], f"Tahun {snap['tahun']}"], st)
    story.append(Paragraph("<b>Keputusan perhitungan yang berlaku</b>", st.body))
    items = snap["indikator"]
    story.append(grid_table([["Pengaturan", "Nilai"]] + [[a, b] for a, b in snap["keputusan"]],
                            [width * 0.75, width * 0.25], st,
                            signature=None if items else closing, split_in_row=split_in_row))
    story.append(Spacer(1, 5 * mm))
    for n, item in enumerate(items, start=1):
        rows = [["Langkah", "Nilai"]]
        rows.append(["Cara memperoleh realisasi", item["metode"]])
        rows += [[a, b] for a, b in item["langkah"]]
        if item["pembilang"] is not None and item["penyebut"] is not None:
            rows.append(["Pembilang / penyebut", f"{format_number(item['pembilang'], 0)} / "
                                                 f"{format_number(item['penyebut'], 0)}"])
        rows.append(["Realisasi", format_figure(item["nilai"], item["satuan"])
                     + (f" ({item['alasan']})" if item["nilai"] is None else "")])
        rows.append(["Target", format_figure(item["target"], item["satuan"])])
        rows.append(["Capaian (" + item["rumus_capaian"] + ")",
                     format_figure(item["capaian"], "%") if item["capaian"] is not None
                     else f"{DASH} ({item['capaian_alasan']})"])
        for w in item["peringatan"]:
            rows.append(["Peringatan", w])
        story.append(Paragraph(f"<b>{item['nomor']}. {e(item['judul'])}</b>", heading))
        story.append(grid_table(rows, [width * 0.38, width * 0.62], st,
                                signature=closing if n == len(items) else None,
                                split_in_row=split_in_row))
        story.append(Spacer(1, 5 * mm))
    if signature_apart(closing, width, split_in_row):  # the closing note and signature follow the last table
        story += closing
    return story
