"""The audit chain heads data packages carry (``store.audit_witness``): a package sent
carries this office's head (``audit_head`` in the signed outer manifest) and the head is
written down here; a package received is checked against the heads of its office
witnessed here, and its head is kept with it.

A package whose chain does not extend the one witnessed here (the sender's log was cut,
wiped or rewritten since) is *flagged*, not refused: it is merged, with a prominent
warning in the preview, the result and the command line, and the finding is kept with the
witnessed head (``audit_saksi.catatan``). Refusing would hold back an office's data for
what may be a repaired disk; the warning makes sure the office is asked about it.
"""

from __future__ import annotations

from ..exchange import package as pkgfile
from ..store import audit_witness
from ..store import models as m
from . import ownership


def _conn():
    return m.database.connection()


def outgoing() -> dict:
    """The ``audit_head`` of a package written now."""
    return audit_witness.outgoing(_conn())


def record_sent(package_id: str, receivers: list[str], created_at: str, head: dict) -> None:
    audit_witness.record(_conn(), "keluar", package_id, ",".join(receivers), created_at,
                         audit_witness.Head(head["rows"], head["sha256"]))


def check(env: pkgfile.Envelope) -> audit_witness.Check:
    office = env.sender.office
    return audit_witness.check_incoming(_conn(), office, ownership.describe(office),
                                        env.created_at, env.manifest.get("audit_head"))


def record_received(env: pkgfile.Envelope, found: audit_witness.Check) -> None:
    """Keep the sender's head with the package (and what its check found)."""
    carried = audit_witness.parse(env.manifest.get("audit_head"))
    if carried is not None:
        audit_witness.record(_conn(), "masuk", env.package_id, env.sender.office,
                             env.created_at, carried.head, "\n".join(found.messages) or None)


def findings(package_id: str, arah: str) -> list[str]:
    """What the check of a received package's audit chain found (kept with its head)."""
    if arah != "masuk":
        return []
    row = _conn().execute("SELECT catatan FROM audit_saksi WHERE arah = 'masuk' AND "
                          "rujukan = ? ORDER BY id DESC LIMIT 1", (package_id,)).fetchone()
    return row[0].split("\n") if row and row[0] else []
