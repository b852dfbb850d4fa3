"""IKU 1 — Persentase Koperasi Berkualitas (rule book §2).

Formula of the IKU document: (jumlah koperasi yang meningkat kualitasnya berdasarkan RAT,
Volume Usaha dan Aset / jumlah seluruh koperasi) × 100. RAT per Permenkop UKM 19/2015
(Penyelenggaraan Rapat Anggota Koperasi) pasal 4–20. The exact reading below is a
*decision* of this program, shown in the window and on the printed calculation sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from .numbers import percent, round_half_up
from .outcome import Outcome


class JenisKoperasi(str, Enum):
    """Jenis koperasi (UU 25/1992 pasal 16, as used by the Dinas)."""

    SIMPAN_PINJAM = "simpan pinjam"
    KONSUMEN = "konsumen"
    PRODUSEN = "produsen"
    PEMASARAN = "pemasaran"
    JASA = "jasa"

    @property
    def label(self) -> str:
        return self.value.title()


class StatusKoperasi(str, Enum):
    AKTIF = "aktif"
    TIDAK_AKTIF = "tidak aktif"
    DIBUBARKAN = "dibubarkan"

    @property
    def label(self) -> str:
        return self.value.title()


@dataclass(frozen=True)
class Koperasi:
    """The fields of a koperasi that the rule reads.

    Attributes:
        id: any key unique on the register.
        kabupaten_bps: BPS code of its kabupaten/kota.
        jenis: jenis koperasi.
        status: current status on the register.
        tanggal_badan_hukum: date of the badan hukum (legal existence starts).
        tanggal_bubar: date of dissolution, None when not dissolved.
    """

    id: int
    kabupaten_bps: str
    jenis: JenisKoperasi
    status: StatusKoperasi
    tanggal_badan_hukum: date
    tanggal_bubar: date | None = None


@dataclass(frozen=True)
class TahunBuku:
    """One koperasi's figures for one tahun buku (whole rupiah).

    Attributes:
        tahun: the tahun buku.
        tanggal_rat: date of the Rapat Anggota Tahunan for this tahun buku; None = no RAT.
        rat_sah: the RAT met its quorum (Permenkop UKM 19/2015); default yes.
        volume_usaha: volume usaha in rupiah.
        aset: total aset in rupiah.
    """

    tahun: int
    tanggal_rat: date | None
    rat_sah: bool
    volume_usaha: int
    aset: int

    @property
    def rat_valid(self) -> bool:
        return self.tanggal_rat is not None and self.rat_sah


class Kualitas(str, Enum):
    """The classification of one koperasi in scope for year Y."""

    MENINGKAT = "meningkat"
    TIDAK_MENINGKAT = "tidak meningkat"
    DATA_TIDAK_LENGKAP = "data tidak lengkap"
    DI_LUAR_CAKUPAN = "di luar cakupan"  # not in the denominator of Y (see ``in_scope``)


def exists_in_year(kop: Koperasi, year: int) -> bool:
    """Legal existence in Y: badan hukum on or before 31 Dec Y, not dissolved before 1 Jan Y."""
    if kop.tanggal_badan_hukum > date(year, 12, 31):
        return False
    return kop.tanggal_bubar is None or kop.tanggal_bubar >= date(year, 1, 1)


def in_scope(kop: Koperasi, year: int, hanya_aktif: bool = False) -> bool:
    """Denominator membership. (decision, setting ``koperasi_hanya_aktif``) The register's
    koperasi that legally exist in Y, active or not; the setting restricts it to aktif."""
    if not exists_in_year(kop, year):
        return False
    return not hanya_aktif or kop.status is StatusKoperasi.AKTIF


def why_out_of_scope(kop: Koperasi, year: int, hanya_aktif: bool = False) -> str | None:
    """Why ``kop`` is not in the denominator of Y (Indonesian), None when it is."""
    if kop.tanggal_badan_hukum > date(year, 12, 31):
        return f"Berbadan hukum sesudah 31 Desember {year}"
    if kop.tanggal_bubar is not None and kop.tanggal_bubar < date(year, 1, 1):
        return f"Dibubarkan sebelum 1 Januari {year}"
    if hanya_aktif and kop.status is not StatusKoperasi.AKTIF:
        return "Tidak aktif (penyebut hanya koperasi aktif, setelan koperasi_hanya_aktif)"
    return None


def classify_koperasi(kop: Koperasi, current: TahunBuku | None, previous: TahunBuku | None,
                      year: int, hanya_aktif: bool = False) -> tuple[Kualitas, str]:
    """A register row for Y: "di luar cakupan" when the koperasi is not in the denominator
    of Y (it did not legally exist in Y, or the aktif-only setting leaves it out), else
    ``classify``."""
    why = why_out_of_scope(kop, year, hanya_aktif)
    if why is not None:
        return Kualitas.DI_LUAR_CAKUPAN, why
    return classify(current, previous, year)


def classify(current: TahunBuku | None, previous: TahunBuku | None,
             year: int | None = None) -> tuple[Kualitas, str]:
    """Meningkat kualitasnya in Y ⇔ a valid RAT for tahun buku Y, volume usaha(Y) >
    volume usaha(Y−1) and aset(Y) > aset(Y−1). Without data for Y−1 or Y no increase can be
    shown: "data tidak lengkap". Returns the class and the reason in Indonesian (naming the
    years when ``year`` is given).
    """
    y, y1 = (str(year), str(year - 1)) if year else ("Y", "Y−1")
    if current is None and previous is None:
        return Kualitas.DATA_TIDAK_LENGKAP, f"Tidak ada data tahun buku {y} dan {y1}"
    if current is None:
        return Kualitas.DATA_TIDAK_LENGKAP, f"Tidak ada data tahun buku {y}"
    if previous is None:
        return Kualitas.DATA_TIDAK_LENGKAP, f"Tidak ada data tahun buku {y1}"
    reasons = []
    if current.tanggal_rat is None:
        reasons.append("tidak melaksanakan RAT")
    elif not current.rat_sah:
        reasons.append("RAT tidak sah (tidak kuorum)")
    if not current.volume_usaha > previous.volume_usaha:
        reasons.append("volume usaha tidak naik")
    if not current.aset > previous.aset:
        reasons.append("aset tidak naik")
    if reasons:
        text = "; ".join(reasons)
        return Kualitas.TIDAK_MENINGKAT, text[0].upper() + text[1:]
    return Kualitas.MENINGKAT, "RAT sah, volume usaha dan aset naik"


@dataclass(frozen=True)
class KoperasiCount:
    """Counts for one group (the province, a kabupaten/kota, a jenis)."""

    jumlah: int = 0  # denominator: koperasi in scope
    meningkat: int = 0  # numerator
    tidak_lengkap: int = 0  # in scope, data for Y or Y−1 missing
    dilaporkan: int = 0  # in scope with a tahun buku row for Y

    def __add__(self, other: "KoperasiCount") -> "KoperasiCount":
        return KoperasiCount(
            self.jumlah + other.jumlah,
            self.meningkat + other.meningkat,
            self.tidak_lengkap + other.tidak_lengkap,
            self.dilaporkan + other.dilaporkan,
        )


def belum_ada_data(year: int) -> str:
    return f"Belum ada data tahun buku {year}"


def persentase_berkualitas(count: KoperasiCount, year: int) -> Outcome:
    """The value of IKU 1 for a group: meningkat / jumlah × 100, rounded once, half up.

    Not computable without koperasi in scope. **A year not yet reported is unknown, not
    zero** (rule book §2): when no koperasi in scope has a tahun buku row for Y the value is
    unknown ("Belum ada data tahun buku Y"); only once some row exists does a missing row
    count as "data tidak lengkap" (in the denominator, not in the numerator).
    """
    if count.jumlah == 0:
        return Outcome.unknown(f"Tidak ada koperasi pada register untuk tahun {year}")
    if count.dilaporkan == 0:
        return Outcome.unknown(belum_ada_data(year))
    return Outcome(round_half_up(percent(count.meningkat, count.jumlah)))


@dataclass(frozen=True)
class KoperasiGroupKey:
    kabupaten_bps: str
    jenis: JenisKoperasi


def count_koperasi_berkualitas(
    koperasi: list[Koperasi],
    tahun_buku: dict[int, dict[int, TahunBuku]],
    year: int,
    hanya_aktif: bool = False,
) -> dict[KoperasiGroupKey, KoperasiCount]:
    """The pure rule over a whole register: counts per (kabupaten/kota, jenis).

    ``tahun_buku`` maps koperasi id → tahun → TahunBuku. The SQL counting in the store is
    tested against this function on the same data.
    """
    out: dict[KoperasiGroupKey, KoperasiCount] = {}
    for kop in koperasi:
        if not in_scope(kop, year, hanya_aktif):
            continue
        rows = tahun_buku.get(kop.id, {})
        kualitas, _ = classify(rows.get(year), rows.get(year - 1))
        key = KoperasiGroupKey(kop.kabupaten_bps, kop.jenis)
        out[key] = out.get(key, KoperasiCount()) + KoperasiCount(
            1,
            int(kualitas is Kualitas.MENINGKAT),
            int(kualitas is Kualitas.DATA_TIDAK_LENGKAP),
            int(year in rows),
        )
    return out
