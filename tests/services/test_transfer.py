"""The transfer service: an import names the tables it wrote; exports and templates refuse
an unknown kind as a refusal the front ends show; a refused file's rows are written back."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from iku_desktop.errors import Refused
from iku_desktop.services import transfer
from iku_desktop.services.changes import OpChanges
from tests.conftest import write_csv
from tests.exchange.test_import_csv import KOP_HEADER, KOP_ROWS, TB_HEADER

TB_ROWS = [["518.08/96/BH/XIV.10/VIII/2008", "2022", "01/03/2023", "Ya", "10", "12", "100",
            "200", "50", "50", "5"]]


def test_an_import_names_the_tables_it_wrote(db, tmp_path):
    kop = write_csv(tmp_path / "kop.csv", KOP_HEADER, KOP_ROWS)
    checked = transfer.import_file(kop, dry_run=True)
    assert checked.report.ok and checked.changes.empty  # a check writes nothing
    done = transfer.import_file(kop)
    assert done.counts["koperasi"].added == 3
    assert done.changes == OpChanges.of({"koperasi"})
    # the same file again: every row unchanged, nothing written
    again = transfer.import_file(kop)
    assert again.counts["koperasi"].unchanged == 3 and again.changes.empty
    tb = write_csv(tmp_path / "tb.csv", TB_HEADER, TB_ROWS)
    assert transfer.import_file(tb).changes.tables == {"koperasi_tahun_buku"}


def test_a_refused_import_changes_nothing_and_its_rows_go_back_with_the_errors(db, tmp_path):
    bad = [row[:] for row in KOP_ROWS]
    bad[1][3] = "Bogor"
    result = transfer.import_file(write_csv(tmp_path / "kop.csv", KOP_HEADER, bad))
    assert not result.report.ok and result.changes.empty
    out = tmp_path / "perbaikan.xlsx"
    assert transfer.write_errors(result, out) == 1
    sheet = load_workbook(out).worksheets[0]
    assert any("Kesalahan" == c.value for c in sheet[1])


@pytest.mark.parametrize("act", [lambda p: transfer.export("rahasia", p),
                                 lambda p: transfer.write_template("rahasia", p)])
def test_an_unknown_kind_is_a_refusal(db, tmp_path, act):
    with pytest.raises(Refused, match="tidak dikenal"):
        act(tmp_path / "x.xlsx")


def test_an_export_and_a_template_through_the_service(db, tmp_path):
    transfer.import_file(write_csv(tmp_path / "kop.csv", KOP_HEADER, KOP_ROWS))
    assert transfer.export("koperasi", tmp_path / "kop.xlsx") == 3
    assert transfer.write_template("all", tmp_path / "t.xlsx").exists()
    assert set(transfer.EXPORT_LABELS) == set(transfer.EXPORT_KINDS)
