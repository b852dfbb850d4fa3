"""Pages of an official Indonesian document: paper, margins, optional letterhead (kop
surat), and a footer on every page with the verification code, its QR code and
"Halaman x dari y"."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from typing import Callable

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ..errors import Refused
from .kop import LINE_STEP, KopLayout, layout_kop

PAPER = {"A4": (210 * mm, 297 * mm), "F4": (215 * mm, 330 * mm)}
# Margins of an official letter (Tata Naskah Dinas): left 3 cm for binding, 2 cm elsewhere;
# the footer with the verification code sits inside the bottom margin area.
MARGINS = {"left": 30 * mm, "right": 20 * mm, "top": 20 * mm, "bottom": 28 * mm}
FOOTER_Y = 10 * mm
QR_SIZE = 16 * mm
# A printout longer than this is a layout gone wrong (reportlab can split a flowable into
# ever more pieces without end): the layout stops with a message instead of running on.
MAX_PAGES = 1000


class LayoutFailed(Refused, ValueError):
    """A printout whose pages cannot be laid out; ``str()`` is the user's message."""


@dataclass(frozen=True)
class Kop:
    """Letterhead: address lines (the first in bold) and an optional PNG/JPEG logo."""

    lines: tuple[str, ...] = ()
    logo: bytes | None = None

    @property
    def empty(self) -> bool:
        return not self.lines and not self.logo

    @classmethod
    def from_settings(cls, lines: list[str], logo_base64: str) -> "Kop":
        logo = base64.b64decode(logo_base64) if logo_base64 else None
        return cls(tuple(x for x in lines if x.strip()), logo)


@dataclass
class PageSetup:
    paper: str = "A4"
    code: str = ""
    font: str = "LiberationSans"
    kop: Kop = field(default_factory=Kop)

    @property
    def size(self) -> tuple[float, float]:
        if self.paper not in PAPER:
            raise ValueError(f"Ukuran kertas '{self.paper}' tidak dikenal; pilih A4 atau F4")
        return PAPER[self.paper]

    @property
    def kop_layout(self) -> KopLayout | None:
        """The letterhead as drawn (None: no letterhead); ``KopError`` when too long."""
        if self.kop.empty:
            return None
        return layout_kop(self.kop.lines, bool(self.kop.logo), self.font, frame_width(self))

    @property
    def kop_height(self) -> float:
        laid = self.kop_layout
        return laid.height if laid else 0


def numbered_canvas(setup: PageSetup):
    """A canvas class that holds the pages back so every footer can say "Halaman x dari y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                draw_footer(self, setup, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def draw_footer(c: Canvas, setup: PageSetup, page: int, total: int) -> None:
    width, _ = setup.size
    left, right = MARGINS["left"], width - MARGINS["right"]
    c.saveState()
    c.setStrokeColorRGB(0.6, 0.6, 0.6)
    c.setLineWidth(0.4)
    c.line(left, FOOTER_Y + QR_SIZE + 1 * mm, right, FOOTER_Y + QR_SIZE + 1 * mm)
    c.setFont(setup.font, 8)
    if setup.code:
        qr = QrCodeWidget(f"IKU-DESKTOP:{setup.code}", barLevel="M")
        x0, y0, x1, y1 = qr.getBounds()
        d = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0,
                                                 QR_SIZE / (y1 - y0), 0, 0])
        d.add(qr)
        renderPDF.draw(d, c, left, FOOTER_Y)
        c.drawString(left + QR_SIZE + 2 * mm, FOOTER_Y + 9 * mm, f"Kode verifikasi: {setup.code}")
        c.drawString(left + QR_SIZE + 2 * mm, FOOTER_Y + 5 * mm,
                     "Periksa keaslian: iku verify KODE, atau menu Berkas › Verifikasi di IKU Desktop")
    c.drawRightString(right, FOOTER_Y + 5 * mm, f"Halaman {page} dari {total}")
    c.restoreState()


def draw_kop(c: Canvas, setup: PageSetup) -> None:
    """The letterhead on the first page: logo on the left, lines centred (wrapped to the
    space beside the logo), a double rule."""
    laid = setup.kop_layout
    if laid is None:
        return
    width, height = setup.size
    left, right = MARGINS["left"], width - MARGINS["right"]
    top = height - MARGINS["top"]
    h = laid.height
    c.saveState()
    if setup.kop.logo:
        img = ImageReader(io.BytesIO(setup.kop.logo))
        c.drawImage(img, left, top - laid.logo_side, laid.logo_side, laid.logo_side,
                    preserveAspectRatio=True, mask="auto")
    centre = (left + right) / 2
    y = top - 5 * mm
    for text, face, size in laid.lines:
        c.setFont(face, size)
        c.drawCentredString(centre, y, text)
        y -= LINE_STEP
    c.setLineWidth(1.6)
    c.line(left, top - h + 2 * mm, right, top - h + 2 * mm)
    c.setLineWidth(0.5)
    c.line(left, top - h + 1 * mm, right, top - h + 1 * mm)
    c.restoreState()


def kop_strip(setup: PageSetup, below: float = 8 * mm) -> bytes:
    """A one-page PDF of the top of a first page, as wide as the paper, down to ``below``
    under the letterhead: the letterhead exactly as ``draw_kop`` draws it on a printout
    (its preview). An empty letterhead gives the top margin alone."""
    width, height = setup.size
    strip = MARGINS["top"] + setup.kop_height + below
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, strip), invariant=1)
    c.translate(0, strip - height)  # the page's top edge at the strip's top edge
    draw_kop(c, setup)
    c.showPage()
    c.save()
    return buf.getvalue()


def build(flowables: list, setup: PageSetup, title: str) -> bytes:
    """Lay the flowables out on the pages and return the PDF bytes. ``invariant`` fixes the
    creation date and document id, so identical data gives identical bytes."""
    buf = io.BytesIO()
    width, height = setup.size
    doc = _GuardedDoc(
        buf, pagesize=setup.size, leftMargin=MARGINS["left"], rightMargin=MARGINS["right"],
        topMargin=MARGINS["top"], bottomMargin=MARGINS["bottom"], title=title,
        author="IKU Desktop", creator="IKU Desktop", invariant=1,
    )
    frame_w = width - MARGINS["left"] - MARGINS["right"]
    first = Frame(MARGINS["left"], MARGINS["bottom"], frame_w,
                  height - MARGINS["top"] - MARGINS["bottom"] - setup.kop_height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="first")
    later = Frame(MARGINS["left"], MARGINS["bottom"], frame_w,
                  height - MARGINS["top"] - MARGINS["bottom"],
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="later")
    doc.addPageTemplates([
        PageTemplate("first", [first], onPage=lambda c, d: draw_kop(c, setup),
                     autoNextPageTemplate="later"),
        PageTemplate("later", [later]),
    ])
    doc.build(flowables, canvasmaker=numbered_canvas(setup))
    return buf.getvalue()


class _GuardedDoc(BaseDocTemplate):
    def handle_pageBegin(self):
        if self.page >= MAX_PAGES:
            raise LayoutError(f"more than {MAX_PAGES} pages")
        super().handle_pageBegin()


def build_flowing(make_story: Callable[[int], list], setup: PageSetup, title: str) -> bytes:
    """``build`` of ``make_story(split_in_row)``: first (0) with every table row kept whole
    on a page (as the official documents are laid out); only when a row is taller than a
    page (a very long name or text) again (1) with rows allowed to continue on the next
    page; when still too tall (a signature block taller than a page) a last time (2,
    ``blocks.LOOSE``) with the signature block after the table, free to continue on the next
    page. ``LayoutFailed`` when no layout fits (or one runs past ``MAX_PAGES`` pages)."""
    for split_in_row in (0, 1, 2):
        try:
            return build(make_story(split_in_row), setup, title)
        except LayoutError:
            continue
    raise LayoutFailed("Cetakan tidak dapat ditata ke halaman: ada teks yang terlalu panjang "
                       f"(lebih dari {MAX_PAGES} halaman, atau satu bagian lebih tinggi dari "
                       "satu halaman). Persingkat teks yang sangat panjang — nama unit, "
                       "sasaran, indikator, tempat, jabatan atau nama penandatangan — lalu "
                       "cetak lagi.")


def frame_width(setup: PageSetup) -> float:
    return setup.size[0] - MARGINS["left"] - MARGINS["right"]
