"""The benchmarks stay runnable: every script compiles, and the daily-open benchmark
measures with the loop it shares with the interaction benchmark (``interaction.ticks``)."""

from __future__ import annotations

import py_compile
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.mark.parametrize("script", sorted(p.name for p in BENCHMARKS.glob("*.py")))
def test_every_benchmark_compiles(script, tmp_path):
    py_compile.compile(str(BENCHMARKS / script), cfile=str(tmp_path / "x.pyc"), doraise=True)


@pytest.mark.background
def test_the_daily_open_benchmark_measures_an_open(qapp, template_db, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS.parent))
    sys.modules.pop("benchmarks.daily_open", None)
    from benchmarks import daily_open

    usable, done, frozen = daily_open.one_run(qapp, template_db, 2023)
    assert 0 < usable <= done and frozen >= 0
