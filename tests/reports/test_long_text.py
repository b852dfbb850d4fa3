"""Long texts print: a 5.000-character unit name and a 3.000-character indikator name made
every printout fail with LayoutError (a table row taller than a page). Now the row
continues on the next page and every word is printed; a long letterhead line wraps in the
space beside the logo."""

import io
import re

import pypdf
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from iku_desktop.reports import fonts
from iku_desktop.reports.kop import layout_kop
from iku_desktop.reports.layout import PAPER, MARGINS
from iku_desktop.services import printing, setting_edit
from iku_desktop.store import settings
from tests.reports.test_logo import LOGO
from tests.reports.test_printing import FOOTER

KINDS = [("dokumen", {}), ("capaian", {"year": 2023}), ("ikm", {"year": 2023}),
         ("perhitungan", {"year": 2023})]


def tokens(prefix: str, length: int) -> str:
    """Distinct words, ``length`` characters in all."""
    return " ".join(f"{prefix}{i:04d}" for i in range(length // 8 + 1))[:length].strip()


def all_text(pdf: bytes) -> str:
    """The text of every page without its footer (code, "Halaman x dari y")."""
    return "\n".join(line for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
                     for line in p.extract_text().splitlines() if not FOOTER.match(line))


def in_order(words: list[str], text: str) -> bool:
    pos = 0
    for w in words:
        pos = text.find(w, pos)
        if pos < 0:
            return False
        pos += len(w)
    return True


@pytest.fixture
def long_names(db):
    unit = tokens("Unit", 5000)
    judul = tokens("Ind", 3000)
    db.execute_sql("UPDATE dokumen SET unit_organisasi = ?", (unit,))
    db.execute_sql("UPDATE indikator SET nama = ? WHERE id = (SELECT MIN(id) FROM indikator)",
                   (judul,))
    return unit, judul


@pytest.mark.parametrize("kind,params", KINDS, ids=[k for k, _ in KINDS])
def test_a_very_long_unit_and_indikator_name_print_whole(long_names, kind, params):
    unit, judul = long_names
    out = printing.make(kind, params, archive=False)
    text = all_text(out.pdf)
    assert in_order(unit.split(), text), "the unit name is not printed whole"
    if kind != "ikm":  # the SKM report names no indikator
        assert in_order(judul.split(), text), "the indikator name is not printed whole"


def test_a_long_word_without_spaces_prints(db):
    db.execute_sql("UPDATE dokumen SET unit_organisasi = ?", ("Q" * 5000,))
    db.execute_sql("UPDATE indikator SET nama = ?", ("J" * 3000,))
    for kind, params in KINDS:
        text = re.sub(r"\s", "", all_text(printing.make(kind, params, archive=False).pdf))
        assert "Q" * 5000 in text, kind


def test_long_letterhead_lines_wrap_beside_the_logo(db):
    lines = ["PEMERINTAH PROVINSI JAMBI DINAS KOPERASI DAN USAHA KECIL DAN MENENGAH BIDANG "
             "PENGAWASAN DAN PEMBINAAN KOPERASI",
             "Jalan R.M. Nur Atmadibrata Nomor 3 Kelurahan Telanaipura Kecamatan Telanaipura "
             "Kota Jambi Kode Pos 36122 Telepon (0741) 123456 Laman diskopukm.jambiprov.go.id",
             "AlamatSuratElektronikTanpaSpasiYangLebihLebarDaripadaRuangDiSampingLogoKopSurat"]
    settings.set_value("kop_surat_baris", lines)
    setting_edit.set_from_text("kop_surat_logo", [], LOGO)
    out = printing.make("dokumen", archive=False)
    page = pypdf.PdfReader(io.BytesIO(out.pdf)).pages[0]
    starts = []  # where each line of the letterhead begins (x, in points)
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: starts.append(
        (tm[4] * cm[0] + cm[4], text)) if text.strip() else None)
    first = re.sub(r"\s", "", page.extract_text())
    for line in lines:
        assert re.sub(r"\s", "", line) in first
    font = fonts.register("sans")
    width = PAPER["A4"][0] - MARGINS["left"] - MARGINS["right"]
    laid = layout_kop(tuple(lines), True, font, width)
    kop_starts = [x for x, text in starts[:len(laid.lines)]]
    assert min(kop_starts) >= MARGINS["left"] + laid.logo_side, starts[:len(laid.lines)]
    # every drawn line fits between the logo and the right margin, centred on the page
    assert laid.logo_side > 0 and len(laid.lines) > len(lines)
    for text, face, size in laid.lines:
        assert stringWidth(text, face, size) <= width - 2 * laid.logo_side
    assert [w for t, _, _ in laid.lines for w in t.split()][:12] == lines[0].split()[:12]


def test_a_letterhead_too_long_for_a_page_is_refused_with_a_message(db):
    settings.set_value("kop_surat_baris", ["Dinas Koperasi " * 200])
    with pytest.raises(printing.PrintError, match="Kop surat terlalu panjang"):
        printing.make("dokumen", archive=False)
