"""Shared flowables: formulasi rich text as real paragraphs and lists, and the signature
block."""

from __future__ import annotations

from typing import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from ..domain import richtext
from ..domain.dokumen import Penandatangan
from ..domain.identifiers import format_nip
from .columns import PADDING, Share, content_widths
from .styles import Styles

BULLET = "\u25aa"  # ▪, the bullet of the official document


def formulasi_flowables(markup: str, styles: Styles) -> list:
    """Sanitised formulasi → Paragraphs; list items get their bullet or number. An empty
    formulasi gives no flowable (an empty cell)."""
    out = []
    for b in richtext.blocks(markup):
        # reportlab's paragraph markup knows b, i, u, sup, sub and <br/> — the same subset
        if b.kind == "li":
            bullet = f"{b.number}." if b.list_kind == "ol" else BULLET
            out.append(Paragraph(b.inline, styles.bullet, bulletText=bullet))
        else:
            out.append(Paragraph(b.inline, styles.cell))
        out.append(Spacer(1, 1.5 * mm))
    if out:
        out.pop()
    return out


def signature_block(tempat_tanggal: str, sig: Penandatangan, styles: Styles,
                    width: float) -> Table:
    """Place and date, jabatan (may span lines), room for the wet signature and stamp, the
    name in bold and underlined, pangkat, NIP — on the right half of the page. One line of
    the block per row, every text wrapping: a block taller than what is left of a page (a
    very long place, jabatan or name) continues on the next page, even inside a text."""
    e = escape
    jabatan = "<br/>".join(e(x) for x in sig.jabatan.splitlines())
    lines = [
        Paragraph(e(tempat_tanggal), styles.body),
        Spacer(1, 2 * mm),
        Paragraph(jabatan, styles.body),
        Paragraph(f"<b><u>{e(sig.nama)}</u></b>", styles.body),
        Paragraph(e(sig.pangkat), styles.body),
        Paragraph(f"NIP. {format_nip(sig.nip)}", styles.body),
    ]
    t = Table([["", x] for x in lines], colWidths=[width * 0.5, width * 0.5],
              splitByRow=1, splitInRow=1)
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                           # room for the wet signature and stamp, above the name
                           ("TOPPADDING", (0, 3), (-1, 3), 24 * mm)]))
    return t


def grid_table(rows: list[list], widths: list[float] | Share, st: Styles, header_rows: int = 1,
               signature=None, align_right: tuple[int, ...] = (),
               split_in_row: bool = False, padding: float = PADDING,
               extra: Sequence[tuple] = ()) -> Table:
    """A bordered table whose header repeats on every page; with ``signature`` (a flowable
    or a list of them) the last row is a borderless signature block kept with the last data
    row (never alone on a page). Rows are kept whole on a page; with ``split_in_row`` a row
    may continue on the next page (for a row taller than a page: a very long text).
    ``widths`` as a ``Share``: fitted to the content (columns.content_widths), or the
    weights' shares of the width when the longest words alone are wider. ``extra``: more
    style commands (spans)."""
    data = [[Paragraph(str(c), st.cell_head) if isinstance(c, str) else c for c in r]
            for r in rows[:header_rows]]
    for r in rows[header_rows:]:
        data.append([Paragraph(escape(str(c)), st.cell) if isinstance(c, (str, int)) else c
                     for c in r])
    if isinstance(widths, Share):
        total = sum(widths.weights)
        widths = content_widths(data, widths.weights, widths.width, padding) or \
            [w / total * widths.width for w in widths.weights]
    last = len(data) - 1
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), "#e8e8e8"),
                ("GRID", (0, 0), (-1, last), 0.6, "#000000"),
                *extra]
    if padding != PADDING:
        commands += [("LEFTPADDING", (0, 0), (-1, last), padding),
                     ("RIGHTPADDING", (0, 0), (-1, last), padding)]
    for col in align_right:
        commands.append(("ALIGN", (col, header_rows), (col, last), "RIGHT"))
    if signature is not None and not signature_apart(signature, sum(widths),
                                                     split_in_row):
        data.append([signature] + [""] * (len(widths) - 1))
        commands += [("SPAN", (0, last + 1), (-1, last + 1)),
                     ("TOPPADDING", (0, last + 1), (-1, last + 1), 8 * mm),
                     ("LEFTPADDING", (0, last + 1), (-1, last + 1), 0),
                     ("NOSPLIT", (0, last), (-1, last + 1))]
    t = GridTable(data, colWidths=widths, repeatRows=header_rows, **splitting(split_in_row))
    t.setStyle(TableStyle(commands))
    return t


class GridTable(Table):
    """A Table whose "too large for the page" error can be told: reportlab names the
    tallest row in it, and fails (TypeError) on a table whose header cells span rows when
    the heights below the page's end were never measured (None) — the layout would stop
    instead of being tried again with rows split."""

    def _culprit(self):
        if None not in self._rowHeights:
            return super()._culprit()
        known = [h for h in self._rowHeights if h is not None]
        return f"a row of {max(known, default=0):.0f} points or more"


# The third layout (after rows kept whole, then rows split): the signature block follows
# the table instead of being its last row, and may continue on the next page — for a
# signature block taller than a page (a very long place, jabatan or name).
LOOSE = 2
# A signature block taller than this never rides as a table's last row when rows may split:
# reportlab cannot split that spanned row and lays out empty pages without end.
SIGNATURE_IN_TABLE_MAX = 300


def signature_apart(signature, width: float, split_in_row: int) -> bool:
    """Whether ``signature`` (a flowable or a list of them) follows the table instead of
    being its last row: in the LOOSE layout, and when rows may split and it is tall."""
    if split_in_row == LOOSE:
        return True
    parts = signature if isinstance(signature, list) else [signature]
    return bool(split_in_row) and \
        sum(f.wrap(width, 1e6)[1] for f in parts) > SIGNATURE_IN_TABLE_MAX


def splitting(split_in_row: bool) -> dict:
    """Table options: rows kept whole on a page, or — for a row taller than a page — every
    row split at the page's end (in-row first: a split between rows would leave the rest of
    a page empty under a header repeated mid-page)."""
    return {"splitByRow": 0, "splitInRow": 1} if split_in_row else {"splitByRow": 1,
                                                                     "splitInRow": 0}


def right(text: str, st: Styles) -> Paragraph:
    """A right-aligned cell (numbers)."""
    return Paragraph(escape(text), ParagraphStyle("right", parent=st.cell, alignment=TA_RIGHT))


def title_block(lines: list[str], st: Styles) -> list:
    """The title, then centred bold lines (unit, year)."""
    centre = ParagraphStyle("centre", parent=st.body, alignment=TA_CENTER)
    out = [Paragraph(escape(lines[0]), st.title)]
    out += [Paragraph(f"<b>{escape(x)}</b>", centre) for x in lines[1:]]
    out.append(Spacer(1, 4 * mm))
    return out


def blank_date(tempat: str) -> str:
    """Place and a dotted date, filled in by hand at signing (keeps the printout's data —
    and so its verification code — independent of the day it is printed)."""
    return f"{tempat}, ............................"
