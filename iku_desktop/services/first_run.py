"""First run (Mulai): the steps a new office takes before its numbers mean anything, which
of them are done, and the demo database to look around in.

The rule: a database is *empty* while it holds no target and no register data (koperasi,
tahun buku, usaha kecil, SAKIP, IKM responses, realisasi typed in). Until register data
exists the window shows the guide and the next step on Ringkasan. The demo lives in its
own file beside the office's database; the office's database is never written by it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..store import models as m
from . import demo
from .database import init_database

DATA_MODELS = (m.Koperasi, m.KoperasiTahunBuku, m.UsahaKecil, m.Sakip, m.IkmRespon,
               m.RealisasiManual)


@dataclass(frozen=True)
class Step:
    key: str  # "kantor", "tahun", "target", "data", "demo"
    judul: str
    keterangan: str
    done: bool


def has_targets() -> bool:
    return m.Target.live().exists()


def has_data() -> bool:
    """Any register row (or realisasi typed in) in the open database."""
    return any(model.live().exists() for model in DATA_MODELS)


def is_empty() -> bool:
    """No target and no register data: the office has not started yet."""
    return not has_targets() and not has_data()


def next_step() -> str | None:
    """The step Ringkasan offers as a button: "target", then "data"; None once register
    data exists (the numbers then speak for themselves)."""
    if has_data():
        return None
    return "data" if has_targets() else "target"


def steps(office_description: str, year: int | None) -> list[Step]:
    """The Mulai guide's steps, in order, each with whether it is done."""
    targets, data = has_targets(), has_data()
    return [
        Step("kantor", "Kantor pemilik basis data ini",
             f"Basis data ini milik: {office_description}. Kantor kabupaten/kota memilih "
             "kantornya sendiri sebelum mengirim paket data.", True),
        Step("tahun", "Tahun laporan",
             f"Tahun yang ditampilkan: {year if year is not None else '–'}. Tahun lain "
             "dipilih di bilah Tahun di atas.", year is not None),
        Step("target", "Target",
             "Target setiap indikator untuk tiap tahun periode Renstra: diisi pada tabel "
             "target atau diimpor dari templat Excel.", targets),
        Step("data", "Asal data",
             "Data register (koperasi, usaha kecil, SAKIP, survei IKM) diisi dari templat "
             "Excel, diimpor dari berkas yang sudah ada, atau diterima sebagai paket dari "
             "kantor kabupaten/kota.", data),
        Step("demo", "Melihat-lihat dengan data contoh",
             "Basis data demo dibuat di berkas tersendiri; basis data kantor ini tidak "
             "berubah sedikit pun.", False),
    ]


def demo_path(db_path: str | os.PathLike) -> Path:
    """Where the demo database of the office database at ``db_path`` lives (a demo
    database is its own)."""
    p = Path(db_path)
    if p.stem.endswith("-demo"):
        return p
    return p.with_name(f"{p.stem}-demo.sqlite")


def create_demo(path: str | os.PathLike) -> dict[str, int]:
    """Create a new database at ``path`` holding the default document and demo data
    (every name marked "[DEMO]"), then close it. The models are left bound to the closed
    demo database: the caller opens the database it wants next. Refused when ``path``
    exists."""
    db = init_database(path)
    try:
        return demo.fill()
    except BaseException:
        db.close()  # a demo cut short does not stay behind as "already there"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    finally:
        if not db.is_closed():
            db.close()
