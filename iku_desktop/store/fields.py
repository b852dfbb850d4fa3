"""Column types that keep values exact."""

from __future__ import annotations

import os
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
    """``n`` random (version 4) UUIDs as hex, from one read of the OS random source."""
    raw = os.urandom(16 * n)
    out = []
    for i in range(0, 16 * n, 16):
        b = bytearray(raw[i:i + 16])
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        out.append(b.hex())
    return out


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
