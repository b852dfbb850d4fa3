"""Pangkat/golongan ruang of a PNS (PP 99/2000 as amended by PP 12/2002).

A pangkat is chosen from this list, never typed: the seed document's "Pembina Uama Muda"
is the pangkat Pembina Utama Muda (IV/c).
"""

from __future__ import annotations

PANGKAT: tuple[tuple[str, str], ...] = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)

PANGKAT_NAMES: tuple[str, ...] = tuple(name for _, name in PANGKAT)


def golongan_of(pangkat: str) -> str:
    """"Pembina Utama Muda" → "IV/c"; raises ValueError for a name not on the list."""
    for golongan, name in PANGKAT:
        if name == pangkat:
            return golongan
    raise ValueError(f"'{pangkat}' bukan pangkat PNS yang resmi")
