"""The tables whose rows travel between offices in data packages, declared once: their
order (parents before children: a package is written and merged in this order), the
label a user reads for each (Indonesian), and whose rows they are (``ownership``: a
regional table's rows belong to the kabupaten/kota of the row, the others to the
province). Everything that lists these tables — the package export and merge, their
checks, the window's and the command line's reports — reads them from here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SyncedTable:
    """Attributes: name: the SQL table; label: what a user reads for its rows;
    regional: its rows belong to a kabupaten/kota office (else to the province)."""

    name: str
    label: str
    regional: bool = False


TABLES = (
    SyncedTable("dokumen", "Dokumen IKU"),
    SyncedTable("fungsi", "Fungsi"),
    SyncedTable("sasaran", "Sasaran strategis"),
    SyncedTable("indikator", "Indikator"),
    SyncedTable("target", "Target"),
    SyncedTable("realisasi_manual", "Realisasi"),
    SyncedTable("koperasi", "Koperasi", regional=True),
    SyncedTable("koperasi_tahun_buku", "Tahun buku koperasi", regional=True),
    SyncedTable("usaha_kecil", "Usaha kecil", regional=True),
    SyncedTable("sakip", "SAKIP"),
    SyncedTable("ikm_survei", "Survei IKM"),
    SyncedTable("ikm_respon", "Responden IKM"),
)

ORDER = tuple(t.name for t in TABLES)
LABELS = {t.name: t.label for t in TABLES}
REGIONAL = tuple(t.name for t in TABLES if t.regional)
PROVINCIAL = tuple(t.name for t in TABLES if not t.regional)


def label(table: str) -> str:
    """What a user reads for ``table`` (its own name when it is not a synced table)."""
    return LABELS.get(table, table)
