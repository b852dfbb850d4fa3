"""IKU 4 — Nilai Kepuasan Masyarakat (IKM/SKM), rule book §5.

Basis: PermenPANRB 14/2017 (Pedoman Penyusunan Survei Kepuasan Masyarakat Unit
Penyelenggara Pelayanan Publik). Exact arithmetic with ``Fraction``, one rounding at the end,
to two decimals, half up. The weight of each unsur is exactly 1/9 (not 0,111 or 0,11).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .numbers import round_half_up
from .outcome import Outcome


@dataclass(frozen=True)
class Unsur:
    kode: str
    nama: str
    labels: tuple[str, str, str, str]  # answers 1..4


UNSUR: tuple[Unsur, ...] = (
    Unsur("U1", "Persyaratan", ("tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai")),
    Unsur("U2", "Sistem, Mekanisme, dan Prosedur",
          ("tidak mudah", "kurang mudah", "mudah", "sangat mudah")),
    Unsur("U3", "Waktu Penyelesaian", ("tidak cepat", "kurang cepat", "cepat", "sangat cepat")),
    Unsur("U4", "Biaya/Tarif", ("sangat mahal", "cukup mahal", "murah", "gratis")),
    Unsur("U5", "Produk Spesifikasi Jenis Pelayanan",
          ("tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai")),
    Unsur("U6", "Kompetensi Pelaksana",
          ("tidak kompeten", "kurang kompeten", "kompeten", "sangat kompeten")),
    Unsur("U7", "Perilaku Pelaksana", ("tidak sopan dan ramah", "kurang sopan dan ramah",
                                       "sopan dan ramah", "sangat sopan dan ramah")),
    Unsur("U8", "Penanganan Pengaduan, Saran dan Masukan",
          ("tidak ada", "ada tetapi tidak berfungsi", "berfungsi kurang maksimal",
           "dikelola dengan baik")),
    Unsur("U9", "Sarana dan Prasarana", ("buruk", "cukup", "baik", "sangat baik")),
)
KODE_UNSUR: tuple[str, ...] = tuple(u.kode for u in UNSUR)
BOBOT = Fraction(1, len(UNSUR))  # exactly 1/9
KONVERSI = 25
# Decimals printed for the figures before the final value (PermenPANRB 14/2017 lampiran):
# NRR and NRR tertimbang to three, the IKM on the 1–4 scale to four. Shown only: the value is
# computed from the exact fractions.
NRR_PLACES = 3
IKM_PLACES = 4

# Mutu pelayanan on the 25–100 value rounded to two decimals (PermenPANRB 14/2017 lampiran).
MUTU: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
)
MUTU_D = ("D", "Tidak Baik")

PENDIDIKAN = ("SD", "SMP", "SMA", "D1–D3", "D4/S1", "S2", "S3")
PEKERJAAN = ("PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Lainnya")
JENIS_KELAMIN = ("L", "P")


@dataclass(frozen=True)
class UnsurSums:
    """Per-unsur totals of a set of responses: the only inputs the IKM needs.

    Attributes:
        sums: kode → sum of the answers to that unsur.
        counts: kode → number of responses that answered it (blank answers excluded).
        responses: number of responses in the set.
    """

    sums: dict[str, int]
    counts: dict[str, int]
    responses: int


def sum_responses(responses: list[dict[str, int | None]]) -> UnsurSums:
    """The pure aggregation: each response maps kode → answer 1–4 or None (blank)."""
    sums = {k: 0 for k in KODE_UNSUR}
    counts = {k: 0 for k in KODE_UNSUR}
    for r in responses:
        for k in KODE_UNSUR:
            a = r.get(k)
            if a is None:
                continue
            if a not in (1, 2, 3, 4):
                raise ValueError(f"Jawaban {k} harus 1–4, bukan {a!r}")
            sums[k] += a
            counts[k] += 1
    return UnsurSums(sums, counts, len(responses))


@dataclass(frozen=True)
class IkmResult:
    """Attributes:
    nrr: kode → exact NRR (Fraction), only for unsur answered at least once.
    ikm: exact IKM on the 1–4 scale, None when not computable.
    nilai: Outcome of the 25–100 value, rounded once.
    mutu, kinerja: from the rounded value; None when not computable.
    """

    nrr: dict[str, Fraction]
    ikm: Fraction | None
    nilai: Outcome
    mutu: str | None
    kinerja: str | None
    responses: int


def pool(parts) -> UnsurSums:
    """Pool several sets of sums (the year value pools all responses of all surveys)."""
    sums = {k: 0 for k in KODE_UNSUR}
    counts = {k: 0 for k in KODE_UNSUR}
    n = 0
    for p in parts:
        n += p.responses
        for k in KODE_UNSUR:
            sums[k] += p.sums[k]
            counts[k] += p.counts[k]
    return UnsurSums(sums, counts, n)


def nrr(total: int, count: int) -> Fraction:
    """NRR(u) = sum of answers to u / number of responses that answered u."""
    return Fraction(total, count)


def mutu_for(nilai: Decimal) -> tuple[str, str]:
    """Mutu and kinerja unit pelayanan for a value already rounded to two decimals."""
    for lower, mutu, kinerja in MUTU:
        if nilai >= lower:
            return mutu, kinerja
    return MUTU_D


def compute_ikm(s: UnsurSums) -> IkmResult:
    """IKM = Σ NRR(u) × 1/9; nilai = IKM × 25, rounded half up to two decimals once."""
    values = {k: nrr(s.sums[k], s.counts[k]) for k in KODE_UNSUR if s.counts.get(k)}
    if s.responses == 0:
        return IkmResult({}, None, Outcome.unknown("Belum ada responden survei"), None, None, 0)
    missing = [k for k in KODE_UNSUR if k not in values]
    if missing:
        reason = "Unsur " + ", ".join(missing) + " tidak dijawab oleh responden mana pun"
        return IkmResult(values, None, Outcome.unknown(reason), None, None, s.responses)
    ikm = sum((v * BOBOT for v in values.values()), Fraction(0))
    nilai = round_half_up(ikm * KONVERSI)
    mutu, kinerja = mutu_for(nilai)
    return IkmResult(values, ikm, Outcome(nilai), mutu, kinerja, s.responses)


def minimum_sample(population: int) -> int:
    """Krejcie & Morgan (1970), P = 0,5, d = 0,05, χ² = 3,841:
    S = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)), rounded to nearest (rule book §5).

    The formula alone, with no cap: S tends to 384,1 (100.000 → 383, 1.000.000 → 384, the
    last row of the 1970 table; reprints showing "100.000 → 384" misread that row).
    """
    if population <= 0:
        return 0
    chi2 = Fraction("3.841")
    pq = Fraction(1, 4)
    d2 = Fraction(1, 400)
    s = chi2 * population * pq / (d2 * (population - 1) + chi2 * pq)
    return int(round_half_up(s, 0))


def score_label(kode: str, text: str) -> int | None:
    """Map an answer label (any case, extra spaces) of unsur ``kode`` to its score 1–4.

    Labels are keyed by unsur, never by column position (questionnaires swap U8/U9).
    Returns None for an unknown label.
    """
    unsur = next(u for u in UNSUR if u.kode == kode)
    t = " ".join(str(text).lower().split())
    t = t.replace("…", "").strip()
    for i, label in enumerate(unsur.labels, start=1):
        if t == label:
            return i
    return None
