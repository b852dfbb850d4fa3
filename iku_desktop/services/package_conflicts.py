"""The conflicts a package merge leaves (``package_merge``): rows changed here and at the
other office without either seeing the other's change. Each is listed with the fields that
differ, ours beside theirs, until the user keeps ours or takes theirs (``resolve``); a
resolved conflict stays listed (and the row marked, ``had_conflict``)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import errors
from ..domain.identifiers import shown_value
from ..store import audit
from ..store import models as m
from ..store.fields import utc_now
from . import ownership, row_names
from .changes import OpChanges
from .package_merge import write_row
from .package_order import join, parse_versi, versi_text
from .sync_rows import Mapper, MissingParent, content_hash

BOOKKEEPING = ("updated_at", "versi")  # not shown as a difference


@dataclass(frozen=True)
class ConflictView:
    id: int
    tabel: str
    row_uuid: str
    kantor: str
    ditemukan_at: str
    keputusan: str | None
    diselesaikan_at: str | None
    fields: list[tuple[str, object, object]]  # (field, ours, theirs) that differ
    nama: str = ""  # what a user reads for the row (row_names), not its uuid

    @property
    def resolved(self) -> bool:
        return self.keputusan is not None

    def shown_fields(self, reveal: bool = False) -> list[tuple[str, object, object]]:
        """``fields`` as they may be shown: personal data (a NIK) masked unless ``reveal``."""
        return [(f, shown_value(f, ours, reveal), shown_value(f, theirs, reveal))
                for f, ours, theirs in self.fields]


def conflicts(include_resolved: bool = False) -> list[ConflictView]:
    q = m.Konflik.select().order_by(m.Konflik.id)
    if not include_resolved:
        q = q.where(m.Konflik.diselesaikan_at.is_null())
    out = []
    rows = list(q)
    named = row_names.names((k.tabel, k.row_uuid) for k in rows)
    for k in rows:
        ours, theirs = json.loads(k.milik_kita), json.loads(k.milik_mereka)
        diff = [(f, ours.get(f), theirs.get(f)) for f in sorted(set(ours) | set(theirs))
                if f not in BOOKKEEPING and ours.get(f) != theirs.get(f)]
        out.append(ConflictView(k.id, k.tabel, k.row_uuid, k.kantor, k.ditemukan_at,
                                k.keputusan, k.diselesaikan_at, diff,
                                named[(k.tabel, k.row_uuid)]))
    return out


class ConflictError(errors.Refused, ValueError):
    """``str()`` is the user's message."""


def resolve(conflict_id: int, keputusan: str) -> OpChanges:
    """Keep ours (``"kita"``: our version is sent back at the next package) or take theirs
    (``"mereka"``). Either way the row's version becomes the join of both, so the decision
    is newer than both versions when it travels. Returns what changed: the conflict's
    table (any year: the row may count in any)."""
    if keputusan not in ("kita", "mereka"):
        raise ConflictError("Pilih 'kita' (pertahankan data di sini) atau 'mereka' (ambil "
                            "data kiriman)")
    k = m.Konflik.get_or_none(m.Konflik.id == conflict_id)
    if k is None:
        raise ConflictError(f"Konflik {conflict_id} tidak ada")
    if k.diselesaikan_at is not None:
        raise ConflictError(f"Konflik {conflict_id} sudah diselesaikan ({k.keputusan})")
    ownership.check_writable()
    theirs = json.loads(k.milik_mereka)
    digest = content_hash(theirs)
    conn = m.database.connection()
    here = conn.execute(f"SELECT versi FROM {k.tabel} WHERE uuid = ?", (k.row_uuid,)).fetchone()
    joined = versi_text(join(parse_versi(here[0] if here else None),
                             parse_versi(theirs.get("versi"))))
    with audit.recording(m.database, f"Penyelesaian konflik {conflict_id}"):
        if keputusan == "mereka":
            try:
                values = Mapper(conn).to_local(k.tabel, theirs)
            except MissingParent as exc:
                raise ConflictError(f"Data kiriman merujuk data yang tidak ada di sini ({exc})") \
                    from exc
            values["updated_at"], values["versi"] = utc_now(), joined
            write_row(conn, k.tabel, k.row_uuid, values, digest)
        else:
            # ours stays, now as a change on top of their version: it travels next time
            conn.execute(f"UPDATE {k.tabel} SET sync_hash = ?, versi = ?, updated_at = ? "
                         "WHERE uuid = ?", (digest, joined, utc_now(), k.row_uuid))
        k.diselesaikan_at, k.keputusan, k.pengguna = utc_now(), keputusan, audit.os_user()
        k.save()
    return OpChanges.of({k.tabel})


def had_conflict(table: str, uuid: str) -> bool:
    """Whether a row was ever in conflict (shown as a mark in the registers)."""
    return m.Konflik.select().where((m.Konflik.tabel == table)
                                    & (m.Konflik.row_uuid == uuid)).exists()
