"""The column-wise fast path of ``parse_rows`` and the cell-by-cell path give the same
parsed rows and the same errors, for random cells of every type a workbook or a CSV hands
over (text, numbers, booleans, dates, times, durations, decimals, blanks, control
characters, non-ASCII digits)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iku_desktop.exchange import schema
from iku_desktop.exchange.kinds import KINDS
from iku_desktop.exchange.readers import Table
from iku_desktop.validation import ValidationReport

TEXTS = st.sampled_from([
    "", " ", "KSP Satu", "1509", "15.07", "Kota Jambi", "1571010101900003", "1,57101E+15",
    "9120001234567", "1.250.000", "-5", "24,50", "31/12/2022", "2022-03-01", "1 Januari 2022",
    "Ya", "Tidak", "Aktif", "Simpan Pinjam", "3", "Sangat sesuai", "²", "١٢", "１２", "a\x00b",
    "x_x0007_", "\x1b", "inf", "nan", "1e400", "0000000000000", "518.08/96/BH",
]) | st.text(max_size=12)
NUMBERS = (st.integers(min_value=-(2**70), max_value=2**70)
           | st.floats(allow_nan=True, allow_infinity=True)
           | st.sampled_from([1509.0, 15.07, 1234567890123.0, 123456789012.0,
                              1571010101900003.0, 45000.0, 3.0, 24.5, 10**19]))
OTHERS = (st.none() | st.booleans() | st.dates() | st.datetimes() | st.times()
          | st.timedeltas() | st.decimals(allow_nan=True, allow_infinity=True))
CELLS = TEXTS | NUMBERS | OTHERS


def _parse(spec, cells_by_row):
    table = Table("Data", [c.header for c in spec.columns],
                  [(i + 2, list(cells)) for i, cells in enumerate(cells_by_row)])
    report = ValidationReport()
    mapping = schema.map_columns(spec, table, report)
    rows = schema.parse_rows(spec, table, mapping, report)
    return rows, report


def _summary(rows, report):
    return ([(r.row, r.invalid, r.vals) for r in rows],
            [(i.row, i.column, i.code, i.message, i.value) for i in report.issues])


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_and_slow_paths_agree(kind, data):
    spec = KINDS[kind].SPEC
    width = len(spec.columns)
    table = data.draw(st.lists(st.lists(CELLS, min_size=width, max_size=width),
                               min_size=1, max_size=6))
    fast = _summary(*_parse(spec, table))
    # the same cells, every column forced through the cell-by-cell path
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(schema, "_fast_column", lambda raw, parse: None)
        slow = _summary(*_parse(spec, table))
    assert fast == slow
    # and each row alone gives the same values and errors as in the whole table
    for i, cells in enumerate(table):
        rows, issues = _summary(*_parse(spec, [cells]))
        assert [r[1:] for r in rows] == [fast[0][i][1:]]
        assert [e[1:] for e in issues] == [e[1:] for e in fast[1] if e[0] == i + 2]

def test_the_fast_path_is_the_one_taken_on_clean_columns(monkeypatch):
    """The test above compares two paths only if the fast one really runs."""
    calls = []
    real = schema._fast_column
    monkeypatch.setattr(schema, "_fast_column",
                        lambda raw, parse: calls.append(1) or real(raw, parse))
    spec = KINDS["koperasi"].SPEC
    _parse(spec, [["1/BH", "KSP", date(2020, 1, 1), 1571, "Jasa", "Aktif", None, None, None,
                   None]])
    assert calls

