"""The office this database belongs to: the province (default) or one kabupaten/kota
office. Set once: ``iku office set --kabupaten KODE`` / ``--provinsi``, or Pengaturan in the
window. New rows carry the office's code as their origin, and its packages are signed with
the key pair made for that code (``office_keys``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Refused
from ..domain.ownership import PROVINSI
from ..domain.wilayah import WilayahError, find_kabupaten
from ..store import audit
from ..store import models as m
from . import ownership

OFFICE_PROVINSI = "Dinas Koperasi dan UKM Provinsi Jambi"


class OfficeError(Refused, ValueError):
    """``str()`` is the user's message."""


@dataclass(frozen=True)
class OfficeInfo:
    code: str  # "provinsi" or the BPS code
    nama: str
    kabupaten_nama: str | None = None

    @property
    def is_provinsi(self) -> bool:
        return self.code == PROVINSI

    def describe(self) -> str:
        return self.nama if self.is_provinsi else f"{self.nama} (kode BPS {self.code})"


def current() -> OfficeInfo:
    row = m.Office.select().first()
    if row is None or row.kind == "provinsi":
        return OfficeInfo(PROVINSI, row.nama if row else OFFICE_PROVINSI)
    return OfficeInfo(row.kabupaten.bps, row.nama, row.kabupaten.nama)


def load() -> OfficeInfo:
    """Read the office of the open database and make its code the origin of new rows."""
    info = current()
    m.set_current_office(info.code)
    return info


def _kantor_nama(kabupaten_nama: str) -> str:
    return f"Dinas yang membidangi Koperasi dan UKM {kabupaten_nama}"


def set_office(kabupaten: str | None, force: bool = False) -> OfficeInfo:
    """Make this database the province's (``kabupaten`` None) or a kabupaten/kota office's
    (BPS or Kemendagri code, or name). Refused once packages were sent as another office
    (the others know this database by that identity) unless ``force``."""
    before = current()
    if kabupaten is None:
        kind, kab_row, nama = "provinsi", None, OFFICE_PROVINSI
    else:
        try:
            k = find_kabupaten(kabupaten)
        except WilayahError as exc:
            raise OfficeError(str(exc)) from exc
        kind, nama = "kabupaten", _kantor_nama(k.nama)
        kab_row = m.Kabupaten.get(m.Kabupaten.bps == k.bps)
    code = PROVINSI if kab_row is None else kab_row.bps
    if code != before.code and not force and m.Paket.select().where(
            m.Paket.arah == "keluar").exists():
        raise OfficeError(
            f"Basis data ini sudah mengirim paket data sebagai {before.describe()}; kantornya "
            "tidak dapat diganti (gunakan --force bila memang salah pasang)")
    with audit.recording(m.database, "Pengaturan kantor"):
        row = m.Office.select().first()
        if row is None:
            m.Office.create(kind=kind, kabupaten=kab_row, nama=nama)
        else:
            row.kind, row.kabupaten, row.nama = kind, kab_row, nama
            row.save()
    info = load()
    if not ownership.read_only():
        from . import office_keys  # the signing library: loaded when an office is set

        with m.database.atomic():  # a key speaks for one office: a new code, a new key pair
            office_keys.own_secret()
    return info
