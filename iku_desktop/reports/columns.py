"""Column widths from a table's content: every column at least as wide as its longest word (a
number is one word), so that no word is broken inside or spills over a border; a header wraps
between its words. What is left of the width goes to the columns by their weights."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from reportlab.platypus import Paragraph

PADDING = 6  # reportlab's cell padding on each side
# Room beyond the longest word: a word exactly as wide as its room may still be broken by
# reportlab's rounding.
SLACK = 1


@dataclass(frozen=True)
class Share:
    """Widths to be fitted to the content within ``width``: a column's share of what its
    longest word leaves free is its weight (0: exactly as wide as its longest word)."""

    weights: Sequence[float]
    width: float


def least_width(cell) -> float:
    """The width of a cell's longest unbreakable word (a list of flowables: the widest), with
    ``SLACK``."""
    parts = cell if isinstance(cell, (list, tuple)) else [cell]
    return max((p.minWidth() + p.style.leftIndent + p.style.rightIndent + SLACK
                for p in parts if isinstance(p, Paragraph)), default=0)


def content_widths(data: list[list], weights: Sequence[float], width: float,
                   padding: float = PADDING,
                   spans: Sequence[tuple[int, int, int]] = ()) -> list[float] | None:
    """Widths of the columns of ``data`` (rows of cells) within ``width``; ``spans`` are the
    cells (row, first column, last column) spanning columns, measured against their columns
    together. None when the longest words alone are wider than ``width``."""
    spanned = {(r, c) for r, first, last in spans for c in range(first, last + 1)}
    mins = [0.0] * len(weights)
    for r, row in enumerate(data):
        for c, cell in enumerate(row):
            if (r, c) not in spanned:
                mins[c] = max(mins[c], least_width(cell) + 2 * padding)
    for r, first, last in spans:
        short = least_width(data[r][first]) + 2 * padding - sum(mins[first:last + 1])
        if short > 0:  # the spanned columns share the lack evenly
            for c in range(first, last + 1):
                mins[c] += short / (last + 1 - first)
    return fit(mins, weights, width)


def fit(mins: Sequence[float], weights: Sequence[float], width: float) -> list[float] | None:
    """Widths ``max(min, weight × level)`` adding up to ``width`` (the level found by
    bisection); None when the minimums alone exceed it. Without weights, the minimums
    widened evenly."""
    spare = width - sum(mins)
    if spare < -0.01:
        return None
    if not any(weights):
        return [m + spare / len(mins) for m in mins]

    def total(level: float) -> float:
        return sum(max(m, w * level) for m, w in zip(mins, weights))

    low, high = 0.0, width / min(w for w in weights if w)
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if total(mid) < width else (low, mid)
    return [max(m, w * high) for m, w in zip(mins, weights)]
