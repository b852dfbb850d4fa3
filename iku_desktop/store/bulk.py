"""Inserting many rows at once through the connection (peewee builds a query object per
row, which costs more than SQLite itself for 200.000 rows). Values go through each field's
``db_value``, so dates, decimals and booleans are stored exactly as peewee stores them;
rows without sync columns get a new uuid and ``updated_at``."""

from __future__ import annotations

from datetime import date

from peewee import AutoField, ForeignKeyField, IntegerField, TextField

from .fields import ExactDecimalField, IsoDateField, new_uuids, utc_now
from .models import SyncModel, database


PLAIN = (AutoField, IntegerField, ForeignKeyField)
SYNC = ("uuid", "updated_at", "deleted")


def _is_plain(field) -> bool:
    return isinstance(field, PLAIN) or (isinstance(field, TextField)
                                        and not isinstance(field, ExactDecimalField))


_DATE_FIELD = IsoDateField()


def _iso(value):
    if value is None:
        return None
    return value.isoformat() if value.__class__ is date else _DATE_FIELD.db_value(value)


def insert_rows(model, rows: list[dict]) -> int:
    """Insert ``rows`` (dicts of field name → value, all with the same keys; a sync model's
    rows may carry their own ``uuid``)."""
    if not rows:
        return 0
    names = [n for n in rows[0] if n not in SYNC]
    uuids = [r.get("uuid") for r in rows] if "uuid" in rows[0] else None
    return insert_tuples(model, names, ([r[n] for n in names] for r in rows), len(rows), uuids)


def insert_tuples(model, names, rows, count: int, uuids: list | None = None,
                  converted: bool = False) -> int:
    """Insert ``count`` rows given as sequences of values in the order of ``names`` (field
    names, "…_id" for foreign keys; no sync columns). A sync model's rows get a new
    time-ordered uuid (or theirs from ``uuids``), ``updated_at`` now and ``deleted`` 0.
    ``converted``: the values are already as stored (dates as ISO text)."""
    if not count:
        return 0
    fields = model._meta.combined  # field names and "…_id" names of foreign keys
    sync = issubclass(model, SyncModel)
    columns = [fields[n].column_name for n in names] + (list(SYNC) if sync else [])
    # text and integers go to sqlite3 as they are; dates, booleans and decimals are
    # converted as peewee converts them
    convert = [(i, _iso if isinstance(fields[n], IsoDateField) else fields[n].db_value)
               for i, n in enumerate(names) if not _is_plain(fields[n])]
    sql = (f"INSERT INTO {model._meta.table_name} ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    if convert and not converted:
        rows = (_converted(r, convert) for r in rows)
    if sync:
        now = utc_now()
        fresh = new_uuids(count)
        ids = fresh if uuids is None else [u or f for u, f in zip(uuids, fresh)]
        rows = ((*r, u, now, 0) for r, u in zip(rows, ids))
    database.connection().executemany(sql, rows)
    return count


def _converted(row, convert) -> list:
    row = list(row)
    for i, c in convert:
        row[i] = c(row[i])
    return row
