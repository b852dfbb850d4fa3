"""Laporan Capaian IKU (the LKjIP table): No, Sasaran Strategis, Indikator, Satuan, Target,
Realisasi, Capaian (%) with its band, and the realisasi of the previous years; then, on a
page of its own, the charts: each indikator's target and realisasi over the period, and the
realisasi per kabupaten/kota of an indikator counted per kabupaten."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from ..domain.charts import Bar, trend_points
from ..domain.dokumen import Penandatangan
from ..domain.formatting import DASH, format_number, satuan_label
from .blocks import (blank_date, grid_table, right, signature_apart, signature_block,
                     title_block)
from .charts import kabupaten_drawing, trend_drawing
from .columns import content_widths
from .layout import PageSetup, build_flowing, frame_width
from .styles import make_styles


def _num(value) -> str:
    return DASH if value is None else format_number(value)


# The table's type size and cell padding, tried in turn until every column holds its
# longest word (the more earlier years, the more columns): make_styles size, padding.
FITS = ((10, 6), (10, 3), (9, 3), (8, 3))


def render(snap: dict, setup: PageSetup) -> bytes:
    st = make_styles(setup.font, 10)
    width = frame_width(setup)
    year = snap["tahun"]
    notes = []
    for r in snap["baris"]:
        if r["realisasi"] is None:
            notes.append(f"Indikator {r['nomor']}: {r['alasan']}")
        elif r["capaian"] is None:
            notes.append(f"Capaian indikator {r['nomor']}: {r['capaian_alasan']}")

    def story(split_in_row: bool) -> list:
        sig = signature_block(blank_date(snap["tempat"]),
                              Penandatangan(**snap["penandatangan"]), st, width)
        out = title_block(["Laporan Capaian Indikator Kinerja Utama",
                           snap["unit_organisasi"], f"Tahun {year}"], st)
        out.append(table(snap, setup.font, width, sig, split_in_row))
        if signature_apart(sig, width, split_in_row):  # the signature block follows the table
            out += [Spacer(1, 8 * mm), sig]
        if notes:
            out.append(Paragraph("<b>Catatan</b>", st.small))
            out += [Paragraph(f"– {n}", st.small) for n in notes]
        return out + chart_pages(snap, setup.font, width, st)

    return build_flowing(story, setup, title=f"Laporan Capaian IKU {year}")


def table(snap: dict, font: str, width: float, signature, split_in_row: bool):
    """The table, its columns as wide as their content (no word broken): the numbers as
    wide as their longest figure, sasaran and indikator sharing the rest; the earlier years
    under one header "Realisasi tahun sebelumnya". In the first of ``FITS`` that fits (the
    last otherwise: a word longer than the page's width is broken)."""
    year = snap["tahun"]
    earlier = [y for y in snap["tahun_riwayat"] if y < year]
    first = ["No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan", f"Target {year}",
             f"Realisasi {year}", "Capaian (%)"]
    head = [first + (["Realisasi tahun sebelumnya"] + [""] * (len(earlier) - 1)
                     if earlier else [])]
    extra = []
    if earlier:
        head.append([""] * len(first) + [str(y) for y in earlier])
        extra = [("SPAN", (c, 0), (c, 1)) for c in range(len(first))]
        extra.append(("SPAN", (len(first), 0), (-1, 0)))
    spans = [(0, len(first), len(first) + len(earlier) - 1)] if earlier else []
    weights = [0, 1, 1] + [0] * (len(first) - 3 + len(earlier))
    for size, padding in FITS:
        st = make_styles(font, size)
        data = [[Paragraph(escape(c), st.cell_head) for c in r] for r in head]
        data += [_row(r, earlier, st) for r in snap["baris"]]
        widths = content_widths(data, weights, width, padding, spans)
        if widths is not None:
            break
    else:
        widths = [width / len(weights) * 0.6] * 3 + [width * 0.4 / (len(weights) - 3)] * (
            len(weights) - 3)
    return grid_table(data, widths, st, header_rows=len(head), signature=signature,
                      split_in_row=split_in_row, padding=padding, extra=extra)


def _row(r: dict, earlier: list[int], st) -> list:
    capaian = DASH if r["capaian"] is None else \
        f"{format_number(r['capaian'])}<br/><i>{escape(r['predikat'])}</i>"
    return ([Paragraph(str(r["nomor"]), st.cell),
             Paragraph(escape(f"{r['sasaran_nomor']}. {r['sasaran']}"), st.cell),
             Paragraph(escape(r["indikator"]), st.cell),
             Paragraph(escape(satuan_label(r["satuan"])), st.cell),
             right(_num(r["target"]), st), right(_num(r["realisasi"]), st),
             Paragraph(capaian, st.cell)]
            + [right(_num(r["riwayat"][str(y)]), st) for y in earlier])


def chart_pages(snap: dict, font: str, width: float, st) -> list:
    """The charts, from the snapshot alone: the trend of each indikator over the period (two
    side by side), then the realisasi per kabupaten/kota. A snapshot frozen before the charts
    existed has the realisasi up to its year and that year's target only."""
    years = snap.get("tahun_periode") or snap["tahun_riwayat"]
    first, last = years[0], years[-1]
    out = [PageBreak(), Paragraph(f"Grafik Target dan Realisasi IKU {first}–{last}", st.title)]
    half = (width - 6 * mm) / 2
    drawings = []
    for r in snap["baris"]:
        targets = r.get("target_periode") or {str(snap["tahun"]): r["target"]}
        points = trend_points(years, r["riwayat"], targets)
        title = f"{r['nomor']}. {r['indikator']} ({satuan_label(r['satuan'])})"
        drawings.append(trend_drawing(title, points, font, half))
    cells = [drawings[i:i + 2] + [""] * (2 - len(drawings[i:i + 2]))
             for i in range(0, len(drawings), 2)]
    if cells:
        grid = Table(cells, colWidths=[half + 3 * mm, half + 3 * mm])
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm)]))
        out.append(grid)
    for r in snap["baris"]:
        bars = tuple(Bar(label, value) for label, value in r.get("kabupaten") or ())
        if bars:
            out.append(KeepTogether([Spacer(1, 2 * mm), kabupaten_drawing(
                f"{r['nomor']}. {r['indikator']}: realisasi {snap['tahun']} per kabupaten/kota "
                f"({satuan_label(r['satuan'])})", bars, font, width)]))
    return out
