"""What the document editor lists beside the document value itself: the fungsi rows with
their ids (the ids the edits name)."""

from __future__ import annotations

from ..store import models as m


def fungsi_rows(dokumen_id: int) -> list[tuple[int, str]]:
    """(id, teks) of the live fungsi of a document, in their order."""
    return [(f.id, f.teks) for f in
            m.Fungsi.live().where(m.Fungsi.dokumen == dokumen_id).order_by(m.Fungsi.urutan)]
