"""IKU 3 — Nilai SAKIP (rule book §4).

The score of the annual Evaluasi Akuntabilitas Kinerja Instansi Pemerintah of the Dinas, by
the Inspektorat Provinsi Jambi, written in an LHE. Components and maxima:
PermenPANRB 88/2021 (from 2022) and PermenPANRB 12/2015 (for history).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from ..errors import Refused
from .formatting import format_decimal


class Skema(str, Enum):
    PERMENPANRB_88_2021 = "88/2021"
    PERMENPANRB_12_2015 = "12/2015"


@dataclass(frozen=True)
class Komponen:
    kode: str
    nama: str
    maksimum: Decimal


KOMPONEN: dict[Skema, tuple[Komponen, ...]] = {
    # PermenPANRB 88/2021 lampiran: each split 20/30/50 % into keberadaan/kualitas/pemanfaatan
    Skema.PERMENPANRB_88_2021: (
        Komponen("perencanaan", "Perencanaan Kinerja", Decimal(30)),
        Komponen("pengukuran", "Pengukuran Kinerja", Decimal(30)),
        Komponen("pelaporan", "Pelaporan Kinerja", Decimal(15)),
        Komponen("evaluasi_internal", "Evaluasi Akuntabilitas Kinerja Internal", Decimal(25)),
    ),
    Skema.PERMENPANRB_12_2015: (
        Komponen("perencanaan", "Perencanaan Kinerja", Decimal(30)),
        Komponen("pengukuran", "Pengukuran Kinerja", Decimal(25)),
        Komponen("pelaporan", "Pelaporan Kinerja", Decimal(15)),
        Komponen("evaluasi_internal", "Evaluasi Akuntabilitas Kinerja Internal", Decimal(10)),
        Komponen("capaian_kinerja", "Capaian Kinerja", Decimal(20)),
    ),
}

KOMPONEN_SUBBOBOT = {"keberadaan": Decimal("0.2"), "kualitas": Decimal("0.3"),
                     "pemanfaatan": Decimal("0.5")}

# (predikat, lower bound exclusive, arti). D is 0–30 inclusive.
PREDIKAT: tuple[tuple[str, Decimal, str], ...] = (
    ("AA", Decimal(90), "Sangat Memuaskan"),
    ("A", Decimal(80), "Memuaskan"),
    ("BB", Decimal(70), "Sangat Baik"),
    ("B", Decimal(60), "Baik"),
    ("CC", Decimal(50), "Cukup (Memadai)"),
    ("C", Decimal(30), "Kurang"),
)
PREDIKAT_D = ("D", "Sangat Kurang")


class SakipError(Refused, ValueError):
    """A score outside its range; ``str()`` is the user's message."""


def check_score(nilai: Decimal, maksimum: Decimal = Decimal(100), nama: str = "Nilai") -> None:
    """A score is 0…maksimum with at most two decimals."""
    if nilai < 0:
        raise SakipError(f"{nama} tidak boleh negatif")
    if nilai > maksimum:
        raise SakipError(f"{nama} {format_decimal(nilai)} melebihi nilai maksimum "
                         f"{format_decimal(maksimum)}")
    if nilai != nilai.quantize(Decimal("0.01")):
        raise SakipError(f"{nama} paling banyak dua angka di belakang koma")


def check_component(skema: Skema, kode: str, nilai: Decimal) -> None:
    """One recorded score of an evaluation: a component against its maximum under the
    skema, the LHE score against 100. A component the skema does not have (Capaian
    Kinerja under 88/2021) is refused."""
    maxima = {k.kode: k for k in KOMPONEN[skema]}
    if kode in maxima:
        check_score(nilai, maxima[kode].maksimum, maxima[kode].nama)
    elif kode == "nilai_lhe":
        check_score(nilai, nama="Nilai LHE")
    else:
        names = {k.kode: k.nama for ks in KOMPONEN.values() for k in ks}
        raise SakipError(f"{names.get(kode, kode)} tidak ada pada skema {skema.value}")


def total(skema: Skema, komponen: dict[str, Decimal]) -> Decimal:
    """Total = sum of the component scores; each checked against its maximum."""
    missing = [k.nama for k in KOMPONEN[skema] if k.kode not in komponen]
    if missing:
        raise SakipError("Nilai komponen belum lengkap: " + ", ".join(missing))
    s = Decimal(0)
    for k in KOMPONEN[skema]:
        v = komponen[k.kode]
        check_score(v, k.maksimum, k.nama)
        s += v
    return s


def predikat(nilai: Decimal) -> tuple[str, str]:
    """Predikat and its meaning; each bound is strictly greater than the lower bound
    (90,00 is A, 90,01 is AA). PermenPANRB 88/2021 lampiran."""
    check_score(nilai)
    for kode, lower, arti in PREDIKAT:
        if nilai > lower:
            return kode, arti
    return PREDIKAT_D


def nilai_evaluasi(skema: Skema, komponen: dict[str, Decimal | None],
                   nilai_lhe: Decimal | None) -> Decimal:
    """The score of one evaluation: the sum of its components when they are recorded,
    else the score written in the LHE. Some components without the others is an error."""
    given = {k: v for k, v in komponen.items() if v is not None}
    if given:
        s = total(skema, given)
        if nilai_lhe is not None and nilai_lhe != s:
            raise SakipError(f"Nilai LHE {format_decimal(nilai_lhe)} tidak sama dengan jumlah "
                             f"komponen {format_decimal(s)}")
        return s
    if nilai_lhe is None:
        raise SakipError("Nilai komponen atau nilai LHE harus diisi")
    check_score(nilai_lhe)
    return nilai_lhe


@dataclass(frozen=True)
class Evaluasi:
    """What one recorded evaluation amounts to (PermenPANRB 88/2021 lampiran; 12/2015 for
    history).

    Attributes:
        skema: the regulation the row was scored under.
        komponen: kode → score of every component of the skema (None when not recorded).
        nilai: the evaluation's score (``nilai_evaluasi``), None when the row is not valid.
        predikat, arti: the predikat of ``nilai`` and its meaning; None with ``nilai``.
        alasan: why ``nilai`` is None (the user's message), else None.
    """

    skema: Skema
    komponen: dict[str, Decimal | None]
    nilai: Decimal | None
    predikat: str | None = None
    arti: str | None = None
    alasan: str | None = None


def evaluasi(row) -> Evaluasi:
    """The total and predikat of one SAKIP row — anything with ``skema``, an attribute per
    component code and ``nilai_lhe`` (a stored row, an imported one): the single place every
    screen, report, export and indicator takes them from."""
    skema = Skema(row.skema)
    return evaluasi_komponen(skema, {k.kode: getattr(row, k.kode) for k in KOMPONEN[skema]},
                             row.nilai_lhe)


def evaluasi_komponen(skema: Skema, komponen: dict[str, Decimal | None],
                      nilai_lhe: Decimal | None) -> Evaluasi:
    """``evaluasi`` of scores given by component code (an imported record)."""
    try:
        nilai = nilai_evaluasi(skema, komponen, nilai_lhe)
    except SakipError as exc:
        return Evaluasi(skema, komponen, None, alasan=str(exc))
    kode, arti = predikat(nilai)
    return Evaluasi(skema, komponen, nilai, kode, arti)
