"""The documented contract of ``iku compute --json`` (README): which fields, which
precision, numbers (not strings), null with a reason when unknown. Golden values from the
rule book §5 (29 responses: IKM 91,48) worked out by hand."""

import json
from datetime import date
from decimal import Decimal

from iku_desktop.cli import main
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database

SUMS = [105, 101, 100, 116, 102, 105, 106, 105, 115]  # rule book §5, 29 responses


def fill(db_path):
    db = open_database(db_path)
    s = m.IkmSurvei.create(nama="SKM 2022", tahun=2022, populasi=100)
    rows = [dict() for _ in range(29)]
    for u, total in enumerate(SUMS, start=1):
        fours = total - 3 * 29
        for i, r in enumerate(rows):
            r[f"u{u}"] = 4 if i < fours else 3
    for r in rows:
        m.IkmRespon.create(survei=s, tanggal=date(2022, 5, 1), jenis_layanan="Izin", **r)
    m.Sakip.create(tahun=2022, skema="88/2021", perencanaan=Decimal("27.5"),
                   pengukuran=Decimal("27"), pelaporan=Decimal("13.25"),
                   evaluasi_internal=Decimal("22.51"))
    db.close()


def compute(db_path, capsys):
    assert main(["--db", str(db_path), "compute", "--year", "2022", "--json"]) == 0
    return {i["method"]: i for i in json.loads(capsys.readouterr().out)["indicators"]}


def test_ikm_fields_and_their_precision(db_path, capsys):
    fill(db_path)
    ikm = compute(db_path, capsys)["nilai_ikm"]
    assert ikm["value"] == 91.48 and ikm["mutu"] == "A"
    # IKM on the 1–4 scale: 955/261 = 3,659003… to four decimals (not 3.66)
    assert ikm["ikm"] == 3.659
    # NRR per unsur to three decimals, as printed: U1 105/29 = 3,620689…, U4 116/29 = 4
    assert ikm["nrr"]["U1"] == 3.621 and ikm["nrr"]["U4"] == 4
    assert (ikm["responses"], ikm["populasi"], ikm["sampel_minimum"]) == (29, 100, 80)
    unsur = {r["key"]: r for r in ikm["breakdowns"]["unsur"]}
    assert unsur["U1"]["value"] == 3.621 and unsur["U1"]["numerator"] == 105
    assert unsur["U1"]["denominator"] == 29


def test_figures_are_numbers_and_counts_integers(db_path, capsys):
    fill(db_path)
    items = compute(db_path, capsys)
    sakip = items["nilai_sakip"]
    assert sakip["value"] == 90.26 and sakip["predikat"] == "AA"
    komponen = {r["key"]: r for r in sakip["breakdowns"]["komponen"]}
    assert komponen["pelaporan"]["value"] == 13.25 and komponen["pelaporan"]["maksimum"] == 15
    for item in items.values():
        for key in ("value", "target", "capaian"):
            assert item[key] is None or type(item[key]) is float, (key, item[key])
        for key in ("numerator", "denominator"):
            assert item[key] is None or type(item[key]) is int, (key, item[key])
        assert (item["value"] is None) == (item["reason"] is not None)
    assert type(items["nilai_ikm"]["responses"]) is int
