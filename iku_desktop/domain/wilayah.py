"""Kabupaten/kota of Provinsi Jambi with both official codes (rule book §6).

BPS codes (Peraturan BPS on the Master File Desa) and Kemendagri codes (Kepmendagri
100.1.1-6117/2022 on the codes of administrative areas) DIFFER for four of them
(Tanjung Jabung Timur/Barat, Tebo, Bungo): both are kept, never one derived from the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import Refused


@dataclass(frozen=True)
class KabupatenKota:
    """Attributes:
    nama: official name, "Kabupaten Kerinci" / "Kota Jambi".
    bps: four-digit BPS code, "1501".
    kemendagri: Kemendagri code with its dot, "15.01".
    """

    nama: str
    bps: str
    kemendagri: str

    @property
    def nama_pendek(self) -> str:
        """The name without "Kabupaten": "Kerinci", "Kota Jambi"."""
        return self.nama.removeprefix("Kabupaten ")


KABUPATEN_KOTA: tuple[KabupatenKota, ...] = (
    KabupatenKota("Kabupaten Kerinci", "1501", "15.01"),
    KabupatenKota("Kabupaten Merangin", "1502", "15.02"),
    KabupatenKota("Kabupaten Sarolangun", "1503", "15.03"),
    KabupatenKota("Kabupaten Batang Hari", "1504", "15.04"),
    KabupatenKota("Kabupaten Muaro Jambi", "1505", "15.05"),
    KabupatenKota("Kabupaten Tanjung Jabung Timur", "1506", "15.07"),
    KabupatenKota("Kabupaten Tanjung Jabung Barat", "1507", "15.06"),
    KabupatenKota("Kabupaten Tebo", "1508", "15.09"),
    KabupatenKota("Kabupaten Bungo", "1509", "15.08"),
    KabupatenKota("Kota Jambi", "1571", "15.71"),
    KabupatenKota("Kota Sungai Penuh", "1572", "15.72"),
)

_BY_BPS = {k.bps: k for k in KABUPATEN_KOTA}
_BY_KEMENDAGRI = {k.kemendagri: k for k in KABUPATEN_KOTA}


def _name_key(text: str) -> str:
    t = text.lower().strip()
    t = re.sub(r"^(kabupaten|kab\.?)\s*", "", t)
    t = re.sub(r"[^a-z0-9]", "", t)
    return t


_BY_NAME: dict[str, KabupatenKota] = {}
for _k in KABUPATEN_KOTA:
    _BY_NAME[_name_key(_k.nama)] = _k
    # "Jambi" alone means Kota Jambi (there is no Kabupaten Jambi)
    if _k.nama.startswith("Kota "):
        _BY_NAME.setdefault(_name_key(_k.nama.removeprefix("Kota ")), _k)
    # "Tanjab Timur"/"Tanjab Barat" are the usual abbreviations in Jambi
    _BY_NAME[_name_key(_k.nama.replace("Tanjung Jabung", "Tanjab"))] = _k


class WilayahError(Refused, ValueError):
    """The text names no kabupaten/kota of Provinsi Jambi."""


@lru_cache(maxsize=512)
def _find_text(t: str) -> KabupatenKota:
    return _find(t)


def find_kabupaten(text) -> KabupatenKota:
    """See ``_find``; text is looked up once (a register repeats the same eleven names)."""
    return _find_text(str(text).strip())


def _find(text: str) -> KabupatenKota:
    """Find by name (with or without "Kabupaten"/"Kab."/"Kota"), BPS code (1506) or
    Kemendagri code (15.07). A code that is both is read by its form: four digits without a
    dot are BPS, "15.xx" is Kemendagri.
    """
    t = str(text).strip()
    if not t:
        raise WilayahError("Kabupaten/kota kosong")
    if re.fullmatch(r"[0-9]{4}", t):
        if t in _BY_BPS:
            return _BY_BPS[t]
        raise WilayahError(f"Kode BPS {t} bukan kabupaten/kota di Provinsi Jambi")
    if re.fullmatch(r"[0-9]{2}\.[0-9]{2}", t):
        if t in _BY_KEMENDAGRI:
            return _BY_KEMENDAGRI[t]
        raise WilayahError(f"Kode Kemendagri {t} bukan kabupaten/kota di Provinsi Jambi")
    key = _name_key(t)
    if key in _BY_NAME:
        return _BY_NAME[key]
    raise WilayahError(f"'{t}' bukan nama kabupaten/kota di Provinsi Jambi")


def by_bps(code: str) -> KabupatenKota:
    return _BY_BPS[code]
