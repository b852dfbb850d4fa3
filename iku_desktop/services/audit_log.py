"""Reading the audit log of the open database: its entries, newest first and filtered, the
rows they changed named (``row_names``), and the check of its running hash (store.audit)."""

from __future__ import annotations

from ..store import audit
from ..store import models as m
from . import row_names

#: the source shown for a change made outside the program
OUTSIDE = audit.OUTSIDE
Entry = audit.Entry
Verification = audit.Verification


def entries(since: str | None = None, table: str | None = None, source: str | None = None,
            limit: int | None = None) -> list[Entry]:
    """Audit rows, newest first, filtered by time (ISO prefix), table and source text."""
    return audit.entries(m.database.connection(), since=since, table=table, source=source,
                         limit=limit)


def verify() -> Verification:
    """Whether the hash chain holds and reaches every recorded printout and package."""
    return audit.verify(m.database.connection())


def names(entries: list[Entry]) -> dict[int, str]:
    """Entry id → the name of the row it changed ("KSP Maju (BH 12/2020)", "tahun buku
    2022 — …"), not its uuid; an entry of many rows (a bulk import) has none."""
    found = row_names.names((e.tabel, e.row_uuid) for e in entries if e.row_uuid)
    return {e.id: found[(e.tabel, e.row_uuid)] for e in entries if e.row_uuid}
