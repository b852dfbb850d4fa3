"""Argument types of the ``iku`` command: whole numbers written with the ASCII digits 0-9
only (``int()`` would take "٢٠٢٣" or "²") and within bounds (a 20-digit year or conflict
number would overflow SQLite with a traceback). Refusals are Indonesian."""

from __future__ import annotations

import argparse
import re

_DIGITS = re.compile(r"[0-9]{1,18}")
YEAR_MIN, YEAR_MAX = 1900, 2100
SCALE_MAX = 100
COUNT_MAX = 10**9
NUMBER_MAX = 2**63 - 1  # the largest SQLite row id


def whole(text: str, low: int, high: int, what: str) -> int:
    """``text`` as a whole number from ``low`` to ``high``; ``ArgumentTypeError`` with an
    Indonesian message otherwise."""
    value = str(text).strip()
    if not _DIGITS.fullmatch(value) or not low <= int(value) <= high:
        raise argparse.ArgumentTypeError(
            f"{what} harus bilangan bulat {low}–{high} dengan angka 0-9, bukan {text!r}")
    return int(value)


def year(text: str) -> int:
    return whole(text, YEAR_MIN, YEAR_MAX, "tahun")


def scale(text: str) -> int:
    return whole(text, 1, SCALE_MAX, "skala")


def count(text: str) -> int:
    return whole(text, 1, COUNT_MAX, "batas")


def conflict_number(text: str | None) -> int | None:
    """A conflict number as typed ("12" or "#12"); None when it is not one."""
    try:
        return whole((text or "").removeprefix("#"), 1, NUMBER_MAX, "nomor")
    except argparse.ArgumentTypeError:
        return None
