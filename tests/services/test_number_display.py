"""Every figure the program shows goes through the Indonesian formatter (rule book §8):
thousands grouped with dots, decimals after a comma — in traces, warnings and messages."""

import re
from datetime import date
from decimal import Decimal

import pytest

from iku_desktop.domain import sakip
from iku_desktop.domain.formatting import format_decimal
from iku_desktop.services.indicators import compute_year
from iku_desktop.store import document_repo
from iku_desktop.store import models as m

# a number of four or more digits without grouping; years (1990–2100) are not grouped
UNGROUPED = re.compile(r"(?<![\d.,/\w])(?!(?:199\d|20\d\d|2100)(?![\d]))\d{4,}(?![\d,.])")


def ungrouped(text: str) -> list[str]:
    return UNGROUPED.findall(text)


def test_the_scan_finds_what_it_should():
    assert ungrouped("15510 / 5000 = 3,102000…") == ["15510", "5000"]
    assert ungrouped("15.510 / 5.000 = 3,102000… tahun 2023, PP 7/2021, U1") == []


def fill_ikm(responses=1250, populasi=20_000):
    s = m.IkmSurvei.create(nama=f"SKM 2022 ({responses})", tahun=2022, populasi=populasi)
    cols = ", ".join(f"u{i}" for i in range(1, 10))
    m.database.execute_sql("BEGIN")
    m.database.connection().executemany(
        f"INSERT INTO ikm_respon (uuid, updated_at, survei_id, tanggal, jenis_layanan, {cols}) "
        "VALUES (?, 't', ?, '2022-05-01', 'Izin', 4, 4, 4, 4, 4, 4, 4, 4, 3)",
        [(f"r{responses}-{i}", s.id) for i in range(responses)])
    m.database.execute_sql("COMMIT")
    return s


def ikm_result():
    return next(r for r in compute_year(document_repo.load_active(), 2022)
                if r.indikator.metode == "nilai_ikm").result


def test_ikm_trace_and_warnings_group_thousands(db):
    fill_ikm(responses=250, populasi=20_000)  # fewer than the minimum 377
    r = ikm_result()
    trace = {t.label: t.value for t in r.trace}
    assert trace["Jumlah responden"] == "250"
    assert any("kurang dari sampel minimum 377 untuk populasi 20.000" in w for w in r.warnings)
    m.IkmRespon.delete().execute()
    m.IkmSurvei.delete().execute()
    fill_ikm(responses=1250, populasi=20_000)
    r = ikm_result()
    trace = {t.label: t.value for t in r.trace}
    assert trace["Jumlah responden"] == "1.250"
    assert trace["NRR U1 Persyaratan"].startswith("5.000 / 1.250 = 4,000000")
    assert trace["NRR U9 Sarana dan Prasarana"].startswith("3.750 / 1.250 = 3,000000")
    for text in [*r.warnings, *(f"{t.label} {t.value}" for t in r.trace)]:
        assert not ungrouped(text), text


def test_sakip_messages_use_a_decimal_comma():
    with pytest.raises(sakip.SakipError) as exc:
        sakip.check_score(Decimal("31.5"), Decimal("30"), "Perencanaan Kinerja")
    assert str(exc.value) == "Perencanaan Kinerja 31,5 melebihi nilai maksimum 30"


@pytest.mark.parametrize("value,text", [(Decimal("7.5"), "7,5"), (Decimal("24.50"), "24,50"),
                                        (30, "30"), (15000, "15.000"), (None, "–")])
def test_format_decimal_keeps_the_written_decimals(value, text):
    assert format_decimal(value) == text


def test_koperasi_traces_group_thousands(db):
    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    m.database.execute_sql("BEGIN")
    m.database.connection().executemany(
        "INSERT INTO koperasi (uuid, updated_at, nomor_badan_hukum, nama, tanggal_badan_hukum, "
        "kabupaten_id, jenis) VALUES (?, 't', ?, 'K', '2010-01-01', ?, 'jasa')",
        [(f"k{i}", f"{i}/BH", kab) for i in range(1200)])
    m.database.connection().executemany(
        "INSERT INTO koperasi_tahun_buku (uuid, updated_at, koperasi_id, tahun, volume_usaha, "
        "aset) VALUES (?, 't', ?, 2022, 1, 1)", [(f"t{i}", i + 1) for i in range(1200)])
    m.database.execute_sql("COMMIT")
    r = next(r for r in compute_year(document_repo.load_active(), 2022)
             if r.indikator.metode == "koperasi_berkualitas").result
    texts = [*r.warnings, *(f"{t.label} {t.value}" for t in r.trace)]
    assert any("1.200" in t for t in texts)
    for text in texts:
        assert not ungrouped(text), text
