"""Reading the audit log of the open database: its entries, newest first and filtered, and
the check of its running hash (store.audit)."""

from __future__ import annotations

from ..store import audit
from ..store import models as m

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
