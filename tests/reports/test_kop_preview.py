"""The letterhead preview of the settings dialog is the letterhead as the printouts draw
it: the same lines, wrapped the same way, the logo, on the paper's width — before the
settings are stored; what cannot be printed is said instead."""

import base64
import io
from pathlib import Path

import pypdf
from reportlab.lib.units import mm

from iku_desktop.services import printing

LOGO = Path(__file__).resolve().parents[1] / "data" / "logo.png"
LOGO_B64 = base64.b64encode(LOGO.read_bytes()).decode("ascii")
LINES = ["PEMERINTAH PROVINSI JAMBI", "DINAS KOPERASI DAN USAHA KECIL MENENGAH",
         "Jl. R.M. Nur Atmadibrata No. 1 Telanaipura, Jambi 36124 — Telp. (0741) 61234"]


def page(pdf: bytes):
    return pypdf.PdfReader(io.BytesIO(pdf)).pages[0]


def test_the_preview_draws_the_letterhead_as_printed(db):
    made = printing.kop_preview(LINES, LOGO_B64, "A4", "sans")
    assert made.problem == ""
    first = page(made.pdf)
    assert round(float(first.mediabox.width)) == round(210 * mm)  # the paper's width
    text = first.extract_text()
    assert "PEMERINTAH PROVINSI JAMBI" in text and "DINAS KOPERASI" in text
    assert len(first.images) == 1  # the logo
    # the printed first page holds the same lines, wrapped the same way
    from iku_desktop.reports import fonts
    from iku_desktop.reports.layout import Kop, PageSetup

    setup = PageSetup("A4", "", fonts.register("sans"), Kop.from_settings(LINES, LOGO_B64))
    for drawn, _, _ in setup.kop_layout.lines:
        assert drawn in text


def test_paper_and_font_change_the_preview(db):
    a4 = page(printing.kop_preview(LINES, "", "A4", "sans").pdf)
    f4 = page(printing.kop_preview(LINES, "", "F4", "serif").pdf)
    assert round(float(f4.mediabox.width)) == round(215 * mm) > round(float(a4.mediabox.width))
    fonts = str(f4["/Resources"]["/Font"].get_object())
    assert "Serif" in str([f.get_object()["/BaseFont"] for f in
                           f4["/Resources"]["/Font"].get_object().values()]), fonts


def test_what_cannot_be_printed_is_said(db):
    too_long = printing.kop_preview([f"Baris {n}" for n in range(13)], "", "A4", "sans")
    assert too_long.pdf == b"" and too_long.problem.startswith("Kop surat terlalu panjang")
    bad_logo = printing.kop_preview(LINES, base64.b64encode(b"bukan gambar").decode(), "A4",
                                    "sans")
    assert bad_logo.pdf == b"" and "PNG atau JPEG" in bad_logo.problem
