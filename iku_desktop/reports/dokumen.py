"""The IKU document as printed and signed (the seed of January 2022): title, 1. Nama Unit
Organisasi, 2. Tugas, 3. Fungsi (a.–d.), 4. the three-column table whose sasaran cell spans
its indikator rows (drawn by its borders, so that a page may break inside a sasaran), place and date, and the signature block — which never stands alone on
a page: it is the last row of the table, kept with the last indikator row (NOSPLIT)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from ..domain.dokumen import DokumenIku, Penandatangan
from .blocks import formulasi_flowables, signature_apart, signature_block, splitting
from .layout import PageSetup, build_flowing, frame_width
from .styles import make_styles

class ClosedTable(Table):
    """A table whose part on each page is closed by a line under its last row (reportlab
    closes a split GRID, but not a column whose inner lines are drawn per group)."""

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            parts[0].setStyle([("LINEBELOW", (0, -1), (-1, -1), 0.6, "#000000")])
        return parts


COLUMNS = ("Sasaran Strategis", "Indikator Kinerja Utama", "Formulasi Data")
WIDTHS = (0.29, 0.29, 0.42)


def snapshot(doc: DokumenIku) -> dict:
    """Exactly what the printout shows, as plain data (the verification code hashes it)."""
    return {
        "jenis": "dokumen",
        "judul": doc.judul,
        "unit_organisasi": doc.unit_organisasi,
        "tugas": doc.tugas,
        "fungsi": list(doc.fungsi),
        "tabel": [{"nomor": s.nomor, "sasaran": s.teks,
                   "indikator": [{"nomor": i.nomor, "judul": i.judul, "formulasi": i.formulasi}
                                 for i in s.indikator]} for s in doc.sasaran],
        "tempat_tanggal": doc.tempat_tanggal,
        "penandatangan": {"jabatan": doc.penandatangan.jabatan, "nama": doc.penandatangan.nama,
                          "pangkat": doc.penandatangan.pangkat, "nip": doc.penandatangan.nip},
        "revisi": doc.revisi,
    }


def render(snap: dict, setup: PageSetup) -> bytes:
    st = make_styles(setup.font)
    width = frame_width(setup)
    title = f"{snap['judul']} — {snap['unit_organisasi']}"
    return build_flowing(lambda split: _story(snap, st, width, split)
                         + _table(snap, st, width, split_in_row=split), setup, title)


def _story(snap: dict, st, width: float, split_in_row: bool) -> list:
    """Title and the numbered parts 1.–3. (a very long unit name or tugas may continue on
    the next page when ``split_in_row``)."""
    e = escape
    story: list = [Paragraph(e(snap["judul"]), st.title)]
    if snap.get("revisi", 1) > 1:  # the first version carries no number (as the seed)
        story.append(Paragraph(f"Revisi ke-{snap['revisi']}",
                               ParagraphStyle("revisi", parent=st.body, alignment=TA_CENTER)))
    story.append(Spacer(1, 3 * mm))

    def numbered(label: str, text: str | None = None) -> Table:
        cells = [[Paragraph(label, st.body), Paragraph(":", st.body),
                  Paragraph(e(text), st.body) if text is not None else ""]]
        t = Table(cells, colWidths=[52 * mm, 5 * mm, width - 57 * mm],
                  **splitting(split_in_row))
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return t

    story.append(numbered("1. Nama Unit Organisasi", snap["unit_organisasi"]))
    story.append(numbered("2. Tugas", snap["tugas"]))
    story.append(numbered("3. Fungsi"))
    letters = [[Paragraph(DokumenIku.fungsi_huruf(i), st.body), Paragraph(e(f), st.body)]
               for i, f in enumerate(snap["fungsi"])]
    if letters:
        t = Table(letters, colWidths=[12 * mm, width - 17 * mm], hAlign="RIGHT",
                  **splitting(split_in_row))
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        story.append(t)
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph("4. Indikator Kinerja Utama", st.body))
    story.append(Spacer(1, 2 * mm))
    return story


def _table(snap: dict, st, width: float, split_in_row: bool) -> list:
    e = escape
    rows: list[list] = [[Paragraph(c, st.cell_head) for c in COLUMNS]]
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), "#e8e8e8"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    groups = []
    for s in snap["tabel"]:
        first = len(rows)
        inds = s["indikator"] or [{"nomor": "", "judul": "", "formulasi": ""}]
        for n, i in enumerate(inds):
            rows.append([
                Paragraph(f"{s['nomor']}. {e(s['sasaran'])}", st.cell) if n == 0 else "",
                Paragraph(f"{i['nomor']}. {e(i['judul'])}", st.cell) if i["judul"] else "",
                formulasi_flowables(i["formulasi"], st) or "",
            ])
        groups.append((first, len(rows) - 1))
    last = len(rows) - 1
    # The sasaran cell spans its indikator rows by its borders, not by a SPAN: reportlab
    # cannot break a page inside a spanned range, and one sasaran may hold more indikator
    # than a page. The sasaran column has lines only around each group.
    line = (0.6, "#000000")
    commands += [("GRID", (1, 0), (-1, last), *line), ("BOX", (0, 0), (-1, 0), *line),
                 ("BOX", (0, 0), (-1, last), *line)]
    for first, end in groups:
        commands += [("LINEABOVE", (0, first), (0, first), *line),
                     ("LINEBELOW", (0, end), (0, end), *line)]
    # the signature block: a borderless last row spanning the table, kept with the last
    # indikator row so that it never stands alone on a page
    sig = signature_block(snap["tempat_tanggal"], Penandatangan(**snap["penandatangan"]),
                          st, width)
    if signature_apart(sig, width, split_in_row):  # a tall signature: after the table
        t = ClosedTable(rows, colWidths=[width * w for w in WIDTHS], repeatRows=1,
                        **splitting(split_in_row))
        t.setStyle(TableStyle(commands))
        return [t, Spacer(1, 8 * mm), sig]
    rows.append([sig, "", ""])
    commands += [("SPAN", (0, last + 1), (-1, last + 1)),
                 ("TOPPADDING", (0, last + 1), (-1, last + 1), 8 * mm),
                 ("LEFTPADDING", (0, last + 1), (-1, last + 1), 0),
                 ("NOSPLIT", (0, last), (-1, last + 1))]
    t = ClosedTable(rows, colWidths=[width * w for w in WIDTHS], repeatRows=1,
                    **splitting(split_in_row))
    t.setStyle(TableStyle(commands))
    return [t]
