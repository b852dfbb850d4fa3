"""Rule book §2: a year nobody has reported yet is "–" with its reason — in the computation,
the JSON, the printouts — never 0,00 %."""

import io
import json
import re
from datetime import date

import pypdf

from iku_desktop.cli import main
from iku_desktop.services import printing
from iku_desktop.services.indicators import compute_year
from iku_desktop.store import document_repo
from iku_desktop.store import models as m

REASON = "Belum ada data tahun buku 2023"


def fill():
    """Two koperasi that grew every year 2020–2022 (100,00 % each year); 2023 not reported."""
    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    for n in (1, 2):
        k = m.Koperasi.create(nomor_badan_hukum=f"{n}/BH", nama=f"K{n}", jenis="jasa",
                              tanggal_badan_hukum=date(2010, 1, 1), kabupaten_id=kab)
        for y, v in ((2020, 100), (2021, 101), (2022, 102)):
            m.KoperasiTahunBuku.create(koperasi=k, tahun=y, volume_usaha=v, aset=v,
                                       tanggal_rat=date(y + 1, 3, 1))


def iku1(year):
    return next(r for r in compute_year(document_repo.load_active(), year)
                if r.indikator.metode == "koperasi_berkualitas").result


def test_the_computation_says_unknown_with_the_reason(db):
    fill()
    assert str(iku1(2022).value) == "100.00"
    r = iku1(2023)
    assert r.value is None and r.reason == REASON
    assert (r.numerator, r.denominator) == (0, 2)
    assert not any("tidak lengkap" in w for w in r.warnings)
    kota = next(row for row in r.breakdowns["kabupaten"] if row.key == "1571")
    assert kota.value is None and kota.reason == REASON and kota.denominator == 2
    assert any(REASON in t.value for t in r.trace)


def test_json_gives_null_and_the_reason(db_path, capsys):
    from iku_desktop.store.database import open_database

    db = open_database(db_path)
    fill()
    db.close()
    assert main(["--db", str(db_path), "compute", "--year", "2023", "--json"]) == 0
    item = json.loads(capsys.readouterr().out)["indicators"][0]
    assert item["value"] is None and item["reason"] == REASON
    assert item["capaian"] is None
    kota = next(b for b in item["breakdown"] if b["bps"] == "1571")
    assert kota["value"] is None and kota["reason"] == REASON


def test_printouts_show_a_dash_with_the_reason(db):
    fill()
    for kind in ("capaian", "perhitungan"):
        pdf = printing.make(kind, {"year": 2023}).pdf
        text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
        assert REASON in " ".join(text.split()), kind
        assert not re.search(r"(?<![\d.])0,00", text), kind  # (100,00 for 2021 and 2022)
