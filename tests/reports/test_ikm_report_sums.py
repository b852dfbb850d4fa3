"""The printed survey report's sums (Laporan Survei Kepuasan Masyarakat) against the pure
rule of rule book §5 on the same responses.

The golden figures are worked out by hand from DOMAIN.md §5, not from the code: the book's
example of 29 responses whose per-unsur sums are 105, 101, 100, 116, 102, 105, 106, 105, 115
(each unsur: every respondent answers 3, and as many as the sum exceeds 87 answer 4), so
NRR(u) = sum/29, IKM = 955/261 = 3,65900…, nilai = 91,4751… → 91,48, mutu A (≥ 88,31)."""

import io
import re
from datetime import date
from decimal import Decimal as D

import pypdf

from iku_desktop.domain import ikm
from iku_desktop.services import printing, printouts
from iku_desktop.store import models as m

YEAR = 2023
SUMS = dict(zip(ikm.KODE_UNSUR, (105, 101, 100, 116, 102, 105, 106, 105, 115)))
# NRR = sum / 29 and NRR × 1/9 = sum / 261, both to three decimals, half up
NRR = dict(zip(ikm.KODE_UNSUR, ("3.621", "3.483", "3.448", "4.000", "3.517", "3.621",
                                "3.655", "3.621", "3.966")))
WEIGHTED = dict(zip(ikm.KODE_UNSUR, ("0.402", "0.387", "0.383", "0.444", "0.391", "0.402",
                                     "0.406", "0.402", "0.441")))


def book_example() -> list[dict]:
    """The 29 responses of the rule book's example."""
    return [{k: 4 if i < s - 87 else 3 for k, s in SUMS.items()} for i in range(29)]


# a second survey of the year: blank answers, and one deleted response that never counts
OTHER = [{"U1": 1, "U2": 2, "U3": None, "U4": 4, "U5": 4, "U6": 4, "U7": 4, "U8": 4, "U9": 1},
         {"U1": 2, "U2": None, "U3": None, "U4": 3, "U5": 3, "U6": 3, "U7": 3, "U8": 3, "U9": 2}]
DELETED = {k: 1 for k in ikm.KODE_UNSUR}


def _store(db) -> None:
    a = m.IkmSurvei.create(nama="SKM A", tahun=YEAR, populasi=30)
    b = m.IkmSurvei.create(nama="SKM B", tahun=YEAR)
    later = m.IkmSurvei.create(nama="SKM lain tahun", tahun=YEAR + 1)
    for survei, rows, deleted in ((a, book_example(), False), (b, OTHER, False),
                                  (b, [DELETED], True), (later, [DELETED], False)):
        for r in rows:
            m.IkmRespon.create(survei=survei, tanggal=date(survei.tahun, 3, 1),
                               jenis_layanan="Konsultasi", deleted=deleted,
                               **{k.lower(): v for k, v in r.items()})


def _by_kode(snap) -> dict:
    return {u["kode"]: u for u in snap["unsur"]}


def test_book_example_gives_the_book_figures(db):
    _store(db)
    snap = printouts.snapshot_ikm(YEAR, "SKM A")
    unsur = _by_kode(snap)
    assert {k: u["jumlah"] for k, u in unsur.items()} == SUMS
    assert {k: u["dijawab"] for k, u in unsur.items()} == {k: 29 for k in ikm.KODE_UNSUR}
    assert {k: u["nrr"] for k, u in unsur.items()} == {k: D(v) for k, v in NRR.items()}
    assert {k: u["nrr_tertimbang"] for k, u in unsur.items()} == \
        {k: D(v) for k, v in WEIGHTED.items()}
    assert snap["responden"] == 29
    assert snap["ikm"] == D("3.6590")
    assert snap["nilai"] == D("91.48")
    assert (snap["mutu"], snap["kinerja"]) == ("A", "Sangat Baik")
    assert snap["sampel_minimum"] == 28  # Krejcie & Morgan for N = 30: 27,9… → 28


def test_report_sums_equal_the_pure_rule_on_the_same_responses(db):
    _store(db)
    for survey, responses in (("SKM A", book_example()), ("SKM B", OTHER),
                              (None, book_example() + OTHER)):
        snap = printouts.snapshot_ikm(YEAR, survey)
        pure = ikm.sum_responses(responses)
        unsur = _by_kode(snap)
        assert snap["responden"] == pure.responses
        assert {k: u["jumlah"] for k, u in unsur.items()} == pure.sums
        assert {k: u["dijawab"] for k, u in unsur.items()} == pure.counts
        assert snap["nilai"] == ikm.compute_ikm(pure).nilai.value
    # SKM B by hand: U1 answered 1 and 2, U3 by nobody (so no IKM), U2 by one respondent
    b = _by_kode(printouts.snapshot_ikm(YEAR, "SKM B"))
    assert (b["U1"]["jumlah"], b["U1"]["dijawab"], b["U1"]["nrr"]) == (3, 2, D("1.500"))
    assert (b["U2"]["jumlah"], b["U2"]["dijawab"]) == (2, 1)
    assert (b["U3"]["jumlah"], b["U3"]["dijawab"], b["U3"]["nrr"]) == (0, 0, None)


def test_the_printed_report_shows_the_book_figures(db):
    _store(db)
    pdf = printing.make("ikm", {"year": YEAR, "survey": "SKM A"}).pdf
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
                    .split())
    assert re.search(r"U1 Persyaratan 105 29 3,621 0,402", text)
    assert re.search(r"U4 Biaya/Tarif 116 29 4,000 0,444", text)
    assert "3,6590" in text and "91,48" in text and "Sangat Baik" in text
