"""Table columns are as wide as their content: no word of a printout's table is broken
inside or spills over its column's border (a header may wrap between words), in every year
of the period — however many earlier years the Laporan Capaian shows — and on both papers."""

import io
import re

import pypdf
from decimal import Decimal

import pytest
from reportlab.platypus import Paragraph, Table

from iku_desktop.reports import capaian
from iku_desktop.services import printing
from iku_desktop.store import document_repo

YEARS = range(2021, 2027)


@pytest.fixture
def tables(monkeypatch):
    """Every table laid out while the test renders."""
    laid: list[Table] = []
    wrap = Table.wrap

    def recording(self, aw, ah):
        out = wrap(self, aw, ah)
        laid.append(self)
        return out

    monkeypatch.setattr(Table, "wrap", recording)
    return laid


def _paragraphs(value):
    for f in value if isinstance(value, (list, tuple)) else [value]:
        if isinstance(f, Paragraph):
            yield f


def narrow_cells(t: Table) -> list[str]:
    """The cells whose longest word is wider than the room their column(s) leave it."""
    out = []
    for r, row in enumerate(t._cellvalues):
        for c, value in enumerate(row):
            span = getattr(t, "_spanRanges", {}).get((c, r), (c, r, c, r))
            if span is None:
                continue  # covered by a spanned cell
            s = t._cellStyles[r][c]
            room = sum(t._colWidths[span[0]:span[2] + 1]) - s.leftPadding - s.rightPadding
            for p in _paragraphs(value):
                need = p.minWidth() + p.style.leftIndent + p.style.rightIndent
                if need > room:
                    out.append(f"{p.getPlainText()!r}: {need:.1f} > {room:.1f}")
    return out


def _words(pdf: bytes) -> set[str]:
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return set(text.split())


def _table_words(snap: dict) -> set[str]:
    texts = ["No Sasaran Strategis Indikator Kinerja Utama Satuan Target Realisasi Capaian",
             "100,00 101,46 sangat tinggi"]
    for r in snap["baris"]:
        texts += [r["sasaran"], r["indikator"]]
    return {w for t in texts for w in re.split(r"\s+", t) if w}


def _full(snap: dict) -> dict:
    """Every figure of the snapshot filled: the widest figures of a real year."""
    for r in snap["baris"]:
        r.update(target=Decimal("100.00"), realisasi=Decimal("100.00"),
                 capaian=Decimal("101.46"), predikat="sangat tinggi")
        r["riwayat"] = {y: Decimal("100.00") for y in r["riwayat"]}
    return snap


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_capaian_columns_hold_their_longest_word_in_every_year(db, tables, paper):
    for year in YEARS:
        tables.clear()
        snap = _full(printing.snapshot_of("capaian", {"year": year}))
        pdf = capaian.render(snap, printing.page_setup("IKU-00000-00000", paper))
        grid = next(t for t in tables if len(t._cellvalues[0]) > 6)
        assert narrow_cells(grid) == [], (year, paper)
        missing = _table_words(snap) - _words(pdf)  # a word broken in two is missing
        assert missing == set(), (year, paper)


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_the_capaian_shows_every_earlier_year(db, paper):
    ind = document_repo.load_active().semua_indikator[0]
    out = printing.make("capaian", {"year": 2026}, paper=paper, archive=False)
    first = " ".join(pypdf.PdfReader(io.BytesIO(out.pdf)).pages[0].extract_text().split())
    assert "Realisasi tahun sebelumnya" in first
    assert "2021 2022 2023 2024 2025" in first
    assert ind.nama in first


@pytest.mark.parametrize("kind", ["dokumen", "perhitungan", "ikm"])
def test_the_other_printouts_tables_hold_their_longest_word(db, tables, kind):
    printing.make(kind, {"year": 2023} if kind != "dokumen" else {}, archive=False)
    assert [c for t in tables for c in narrow_cells(t)] == []
