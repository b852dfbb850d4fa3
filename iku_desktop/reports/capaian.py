"""Laporan Capaian IKU (the LKjIP table): No, Sasaran Strategis, Indikator, Satuan, Target,
Realisasi, Capaian (%) with its band, and the realisasi of the previous years; then, on a
page of its own, the charts: each indikator's target and realisasi over the period, and the
realisasi per kabupaten/kota of an indikator counted per kabupaten."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from ..domain.charts import Bar, trend_points
from ..domain.dokumen import Penandatangan
from ..domain.formatting import DASH, format_number, satuan_label
from .charts import kabupaten_drawing, trend_drawing
from .blocks import (blank_date, grid_table, right, signature_apart, signature_block,
                     title_block)
from .layout import PageSetup, build_flowing, frame_width
from .styles import make_styles


def _num(value) -> str:
    return DASH if value is None else format_number(value)


def render(snap: dict, setup: PageSetup) -> bytes:
    st = make_styles(setup.font, 10)
    width = frame_width(setup)
    year = snap["tahun"]
    earlier = [y for y in snap["tahun_riwayat"] if y < year]
    head = ["No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan", f"Target {year}",
            f"Realisasi {year}", "Capaian (%)"] + [f"Realisasi {y}" for y in earlier]
    rows = [head]
    notes = []
    for r in snap["baris"]:
        capaian = DASH if r["capaian"] is None else \
            f"{format_number(r['capaian'])}<br/><i>{r['predikat']}</i>"
        realisasi = _num(r["realisasi"])
        if r["realisasi"] is None:
            notes.append(f"Indikator {r['nomor']}: {r['alasan']}")
        elif r["capaian"] is None:
            notes.append(f"Capaian indikator {r['nomor']}: {r['capaian_alasan']}")
        rows.append([str(r["nomor"]), f"{r['sasaran_nomor']}. {r['sasaran']}", r["indikator"],
                     satuan_label(r["satuan"]), right(_num(r["target"]), st), right(realisasi, st),
                     Paragraph(capaian, st.cell)]
                    + [right(_num(r["riwayat"][str(y)]), st) for y in earlier])
    fixed = [8 * mm, None, None, 14 * mm, 17 * mm, 18 * mm, 20 * mm] + [15 * mm] * len(earlier)
    free = width - sum(w for w in fixed if w)
    widths = [w if w else free / 2 for w in fixed]
    def story(split_in_row: bool) -> list:
        sig = signature_block(blank_date(snap["tempat"]),
                              Penandatangan(**snap["penandatangan"]), st, width)
        out = title_block(["Laporan Capaian Indikator Kinerja Utama",
                           snap["unit_organisasi"], f"Tahun {year}"], st)
        out.append(grid_table(rows, widths, st, signature=sig, split_in_row=split_in_row))
        if signature_apart(sig, width, split_in_row):  # the signature block follows the table
            out += [Spacer(1, 8 * mm), sig]
        if notes:
            out.append(Paragraph("<b>Catatan</b>", st.small))
            out += [Paragraph(f"– {n}", st.small) for n in notes]
        return out + chart_pages(snap, setup.font, width, st)

    return build_flowing(story, setup, title=f"Laporan Capaian IKU {year}")


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
