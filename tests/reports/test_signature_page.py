"""The signature block never stands alone on a page: the page that holds the signatory's
name also holds the last row of the last table (on an empty database the Lembar
Perhitungan put the signature alone on page 3). Checked on every printout, as printed and
with the content moved down line by line (a longer unit name) across a whole page, so the
page break falls at every place near the end."""

import io
import re

import pypdf
import pytest

from iku_desktop.services import printing

KINDS = [("dokumen", {}), ("capaian", {"year": 2023}), ("ikm", {"year": 2023}),
         ("perhitungan", {"year": 2023})]


def last_row_text(kind: str, snap: dict) -> str:
    """Text of the last row of the printout's last table, from its snapshot."""
    if kind == "dokumen":
        return snap["tabel"][-1]["indikator"][-1]["judul"]
    if kind == "capaian":
        return snap["baris"][-1]["indikator"]
    if kind == "ikm":  # the Hasil table
        return snap["alasan"] if snap["nilai"] is None else snap["kinerja"]
    last = snap["indikator"][-1]
    return last["capaian_alasan"] if last["capaian"] is None else "Capaian ("


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def signature_page_holds_last_row(kind: str, params: dict, snap: dict | None = None
                                  ) -> tuple[bool, str]:
    out = printing.make(kind, params, archive=False)
    snap = snap or printing.snapshot_of(kind, params)
    pages = [squeeze(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(out.pdf)).pages]
    name = squeeze(snap["penandatangan"]["nama"])
    with_name = [i for i, p in enumerate(pages) if name in p]
    assert len(with_name) == 1, with_name
    page = pages[with_name[0]]
    row = squeeze(last_row_text(kind, snap))
    return row in page, f"page {with_name[0] + 1} of {len(pages)}: {page[:300]}"


@pytest.mark.parametrize("kind,params", KINDS, ids=[k for k, _ in KINDS])
def test_on_an_empty_database(db, kind, params):
    ok, where = signature_page_holds_last_row(kind, params)
    assert ok, where


@pytest.mark.slow
@pytest.mark.parametrize("kind,params", KINDS, ids=[k for k, _ in KINDS])
def test_wherever_the_page_breaks(db, kind, params):
    """The unit name grows by about a line at a time, over most of a page's height."""
    unit = db.execute_sql("SELECT unit_organisasi FROM dokumen WHERE aktif").fetchone()[0]
    snap = printing.snapshot_of(kind, params)  # the last row does not change
    for step in range(36):
        longer = unit + "".join(f" Bagian{i:02d} Seksi Pelaksana" for i in range(step * 2))
        db.execute_sql("UPDATE dokumen SET unit_organisasi = ?", (longer,))
        ok, where = signature_page_holds_last_row(kind, params, snap)
        assert ok, (step, where)
