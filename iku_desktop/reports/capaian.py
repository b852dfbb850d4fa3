"""Laporan Capaian IKU (the LKjIP table): No, Sasaran Strategis, Indikator, Satuan, Target,
Realisasi, Capaian (%) with its band, and the realisasi of the previous years."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dokumen import Penandatangan
from ..domain.formatting import DASH, format_number, satuan_label
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
        return out

    return build_flowing(story, setup, title=f"Laporan Capaian IKU {year}")
