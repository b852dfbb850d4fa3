"""Which office owns which data (the data-exchange rule between the province and the
kabupaten/kota offices; DOMAIN.md does not set it — it is the issue's rule):

- a kabupaten/kota office owns the koperasi (with their tahun buku) and the usaha kecil of
  its own area;
- the province owns the IKU document (unit, fungsi, sasaran, indikator), the targets and
  realisasi, SAKIP and IKM — and may edit everything.

An office code is ``"provinsi"`` or the BPS code of a kabupaten/kota ("1505").
"""

from __future__ import annotations

# REGIONAL: tables whose rows belong to the kabupaten/kota of the row (koperasi_tahun_buku:
# of its koperasi); PROVINCIAL: the province's (declared with the synced tables)
from .synced_tables import PROVINCIAL, REGIONAL  # noqa: F401  (read from here too)

PROVINSI = "provinsi"


def owner(table: str, kabupaten_bps: str | None) -> str:
    """The office that owns a row of ``table`` (in ``kabupaten_bps`` for regional rows)."""
    if table in REGIONAL:
        if not kabupaten_bps:
            raise ValueError(f"a row of {table} needs its kabupaten/kota")
        return kabupaten_bps
    if table in PROVINCIAL:
        return PROVINSI
    raise ValueError(f"no owner rule for table {table}")


def can_write(office: str, owner_code: str) -> bool:
    """Whether ``office`` may change a row owned by ``owner_code``."""
    return office == PROVINSI or office == owner_code
