"""The IKU document as data (rule book §1; PER/09/M.PAN/5/2007, PER/20/M.PAN/11/2008,
PermenPANRB 53/2014): unit, tugas, fungsi, sasaran strategis, indikator with formulasi,
place and date, signatory."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .capaian import Polaritas, RumusTurun
from .formatting import BULAN


@dataclass(frozen=True)
class Indikator:
    """Attributes:
    id: database id (None before it is saved).
    nomor: number across the whole table (1..m).
    nama: the name without its unit; ``judul`` adds "( satuan % )" as printed.
    formulasi: sanitised rich text.
    metode: how the realisasi is obtained: the name of an indikator method (the methods
        are registered by the services, ``services.indicators.registry``).
    targets, realisasi_manual: year → value.
    """

    id: int | None
    nomor: int
    nama: str
    satuan: str
    formulasi: str
    metode: str
    polaritas: Polaritas = Polaritas.NAIK
    rumus_turun: RumusTurun = RumusTurun.SELISIH
    sumber_data: str = ""
    penanggung_jawab: str = ""
    targets: dict[int, Decimal] = field(default_factory=dict)
    realisasi_manual: dict[int, Decimal] = field(default_factory=dict)

    @property
    def judul(self) -> str:
        """The name as the document prints it: "Persentase Koperasi Berkualitas ( satuan % )"."""
        return f"{self.nama} ( satuan {self.satuan} )" if self.satuan else self.nama


@dataclass(frozen=True)
class Sasaran:
    id: int | None
    nomor: int
    teks: str
    indikator: tuple[Indikator, ...]


@dataclass(frozen=True)
class Penandatangan:
    """Attributes:
    jabatan: may span lines ("Kepala Dinas Koperasi dan UKM\\nProvinsi Jambi").
    nama: with academic titles as written.
    pangkat: from the official list (domain.pangkat).
    nip: 18 digits (printed grouped).
    """

    jabatan: str
    nama: str
    pangkat: str
    nip: str


@dataclass(frozen=True)
class DokumenIku:
    id: int | None
    judul: str
    unit_organisasi: str
    tugas: str
    fungsi: tuple[str, ...]
    sasaran: tuple[Sasaran, ...]
    tahun_awal: int
    tahun_akhir: int
    tempat: str
    tanggal_hari: int | None
    tanggal_bulan: int
    tanggal_tahun: int
    penandatangan: Penandatangan
    revisi: int = 1

    @property
    def tahun(self) -> range:
        return range(self.tahun_awal, self.tahun_akhir + 1)

    @property
    def tanggal_text(self) -> str:
        """"Januari 2022" (month and year only is normal) or "14 Januari 2022"."""
        month_year = f"{BULAN[self.tanggal_bulan - 1]} {self.tanggal_tahun}"
        return f"{self.tanggal_hari} {month_year}" if self.tanggal_hari else month_year

    @property
    def tempat_tanggal(self) -> str:
        return f"{self.tempat}, {self.tanggal_text}"

    @property
    def semua_indikator(self) -> tuple[Indikator, ...]:
        return tuple(i for s in self.sasaran for i in s.indikator)

    @staticmethod
    def fungsi_huruf(index: int) -> str:
        """0 → "a.", 25 → "z.", 26 → "aa."."""
        letters = ""
        n = index
        while True:
            letters = chr(ord("a") + n % 26) + letters
            n = n // 26 - 1
            if n < 0:
                return letters + "."
