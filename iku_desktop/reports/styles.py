"""Paragraph styles of the printouts, in the embedded font."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle


def make_styles(font: str, size: float = 11) -> Styles:
    body = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.35,
                          alignment=TA_JUSTIFY)
    cell = ParagraphStyle("cell", parent=body, fontSize=size - 1, leading=(size - 1) * 1.3,
                          alignment=TA_LEFT)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=font + "-Bold", fontSize=size + 3,
                             leading=(size + 3) * 1.3, alignment=TA_CENTER, spaceAfter=6 * 2),
        heading=ParagraphStyle("heading", parent=body, fontName=font + "-Bold", spaceBefore=6),
        body=body,
        cell=cell,
        # header cells never break inside a word
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=font + "-Bold",
                                 alignment=TA_CENTER, splitLongWords=0),
        bullet=ParagraphStyle("bullet", parent=cell, leftIndent=12, bulletIndent=2,
                              bulletFontSize=size - 4.5),
        small=ParagraphStyle("small", parent=body, fontSize=size - 2, leading=(size - 2) * 1.3),
    )
