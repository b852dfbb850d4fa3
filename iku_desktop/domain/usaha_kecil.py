"""IKU 2 — Persentase Usaha Kecil menjadi Wirausaha (rule book §3).

Formula of the IKU document: (jumlah usaha kecil yang menjadi wirausaha / jumlah usaha kecil
keseluruhan) × 100. A usaha kecil "menjadi wirausaha" when it is registered and holds an
IUMK (Izin Usaha Mikro dan Kecil, Perpres 98/2014) or a NIB (Nomor Induk Berusaha, OSS).
Size classes: PP 7/2021 pasal 35.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

MILIAR = 1_000_000_000


class Skala(str, Enum):
    MIKRO = "mikro"
    KECIL = "kecil"
    MENENGAH = "menengah"
    BESAR = "besar"

    @property
    def label(self) -> str:
        return {"mikro": "Usaha Mikro", "kecil": "Usaha Kecil", "menengah": "Usaha Menengah",
                "besar": "Usaha Besar"}[self.value]


class DasarSkala(str, Enum):
    """Which figure the class was taken from."""

    MODAL = "modal usaha"
    PENJUALAN = "hasil penjualan tahunan"
    PENETAPAN = "ditetapkan petugas"
    TIDAK_DIKETAHUI = "tidak diketahui"


# PP 7/2021 pasal 35 ayat (3) (modal usaha, excluding land and buildings) and ayat (5)
# (hasil penjualan tahunan): upper bounds, inclusive.
MODAL_BATAS = ((MILIAR, Skala.MIKRO), (5 * MILIAR, Skala.KECIL), (10 * MILIAR, Skala.MENENGAH))
PENJUALAN_BATAS = ((2 * MILIAR, Skala.MIKRO), (15 * MILIAR, Skala.KECIL), (50 * MILIAR, Skala.MENENGAH))


def _by_bounds(amount: int, bounds: tuple[tuple[int, Skala], ...]) -> Skala:
    for upper, skala in bounds:
        if amount <= upper:
            return skala
    return Skala.BESAR


@dataclass(frozen=True)
class KlasifikasiSkala:
    skala: Skala | None
    dasar: DasarSkala
    alasan: str | None = None  # the operator's reason for an override


def classify_skala(
    modal_usaha: int | None,
    hasil_penjualan: int | None,
    override: Skala | None = None,
    override_alasan: str | None = None,
) -> KlasifikasiSkala:
    """(decision) The class comes from modal usaha (the criterion PP 7/2021 sets for
    registration); when modal is unknown, from hasil penjualan tahunan; an operator may
    override it with a reason. The result names the basis used.
    """
    if override is not None:
        if not override_alasan or not override_alasan.strip():
            raise ValueError("Penetapan skala oleh petugas memerlukan alasan")
        return KlasifikasiSkala(override, DasarSkala.PENETAPAN, override_alasan.strip())
    return KlasifikasiSkala(*skala_dasar(modal_usaha, hasil_penjualan))


def skala_dasar(modal_usaha: int | None,
                hasil_penjualan: int | None) -> tuple[Skala | None, DasarSkala]:
    """The class without an override and the basis it came from (``classify_skala``'s
    rule, as a plain pair for callers that classify 200.000 rows)."""
    if modal_usaha is not None:
        return _by_bounds(modal_usaha, MODAL_BATAS), DasarSkala.MODAL
    if hasil_penjualan is not None:
        return _by_bounds(hasil_penjualan, PENJUALAN_BATAS), DasarSkala.PENJUALAN
    return None, DasarSkala.TIDAK_DIKETAHUI


@dataclass(frozen=True)
class UsahaKecil:
    """The fields of a usaha kecil that the rule reads.

    Attributes:
        id: any key unique on the register.
        kabupaten_bps: BPS code of its kabupaten/kota.
        sektor: free text sector ("Perdagangan", "Kuliner"…), "" when unknown.
        tanggal_terdata: date it was recorded on the register.
        tanggal_tutup: date it closed; None when open.
        tanggal_nib: issue date of its NIB; None when it has none (or the date is unknown).
        tanggal_iumk: issue date of its IUMK; None likewise.
        punya_nib_tanpa_tanggal: a NIB or IUMK is recorded but its date is not.
        skala: its size class by ``classify_skala`` (None when unknown).
    """

    id: int
    kabupaten_bps: str
    sektor: str
    tanggal_terdata: date
    tanggal_tutup: date | None = None
    tanggal_nib: date | None = None
    tanggal_iumk: date | None = None
    punya_nib_tanpa_tanggal: bool = False
    skala: Skala | None = Skala.KECIL


def on_register(usaha: UsahaKecil, year: int) -> bool:
    """Denominator: on the register as of 31 Dec Y — recorded on or before that date and
    not closed before 1 Jan Y."""
    if usaha.tanggal_terdata > date(year, 12, 31):
        return False
    return usaha.tanggal_tutup is None or usaha.tanggal_tutup >= date(year, 1, 1)


def menjadi_wirausaha(usaha: UsahaKecil, year: int) -> bool:
    """Numerator: a NIB or an IUMK issued on or before 31 Dec Y. A licence whose date is not
    recorded cannot be placed in time and is not counted (the computation warns)."""
    end = date(year, 12, 31)
    return any(d is not None and d <= end for d in (usaha.tanggal_nib, usaha.tanggal_iumk))


def in_scope(usaha: UsahaKecil, year: int, hanya_kecil: bool = True) -> bool:
    """Denominator membership. (decision, setting ``usaha_hanya_skala_kecil``, default on)
    On the register in Y and, by PP 7/2021, an usaha *kecil*: a record classified mikro,
    menengah or besar is not counted. A record whose class is unknown (no modal, no
    penjualan) is counted — it is on the register of usaha kecil — and warned about.
    With the setting off, every usaha on the register counts."""
    if not on_register(usaha, year):
        return False
    return not hanya_kecil or usaha.skala in (Skala.KECIL, None)


@dataclass(frozen=True)
class UsahaCount:
    jumlah: int = 0  # denominator
    wirausaha: int = 0  # numerator
    izin_tanpa_tanggal: int = 0  # counted usaha with a NIB/IUMK without issue date, not in numerator
    bukan_kecil: int = 0  # on the register, classified mikro/menengah/besar
    tanpa_skala: int = 0  # on the register, class unknown

    def __add__(self, other: "UsahaCount") -> "UsahaCount":
        return UsahaCount(*(a + b for a, b in zip(
            (self.jumlah, self.wirausaha, self.izin_tanpa_tanggal, self.bukan_kecil,
             self.tanpa_skala),
            (other.jumlah, other.wirausaha, other.izin_tanpa_tanggal, other.bukan_kecil,
             other.tanpa_skala))))


def count_usaha_wirausaha(usaha: list[UsahaKecil], year: int,
                          hanya_kecil: bool = True) -> dict[tuple[str, str], UsahaCount]:
    """The pure rule over a register: counts per (kabupaten BPS, sektor), for every group
    with at least one usaha on the register in Y."""
    out: dict[tuple[str, str], UsahaCount] = {}
    for u in usaha:
        if not on_register(u, year):
            continue
        counted = in_scope(u, year, hanya_kecil)
        wirausaha = counted and menjadi_wirausaha(u, year)
        key = (u.kabupaten_bps, u.sektor)
        out[key] = out.get(key, UsahaCount()) + UsahaCount(
            int(counted), int(wirausaha),
            int(counted and u.punya_nib_tanpa_tanggal and not wirausaha),
            int(u.skala not in (Skala.KECIL, None)), int(u.skala is None),
        )
    return out
