"""Synthetic demonstration data at N times Jambi's size (rule book §7), deterministic.

Scale 1 ≈ 5.000 koperasi × 6 tahun buku, 20.000 usaha kecil, 5.000 IKM responses a year,
one SAKIP evaluation a year. Every name is prefixed "[DEMO]" so the data can never pass for
real records.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from ..errors import Refused
from ..domain import ikm, sakip
from ..domain.koperasi import JenisKoperasi
from ..store import audit, bulk, document_repo, summaries
from ..store import models as m
from ..store.fields import new_uuid, utc_now
from .indicators import registry

MARK = "[DEMO]"
ORIGIN = "provinsi"
# rough shares of koperasi/usaha per kabupaten/kota (Kota Jambi largest)
WEIGHTS = (7, 9, 8, 8, 11, 6, 8, 8, 9, 20, 6)
SEKTOR = ("Perdagangan", "Kuliner", "Pertanian", "Kerajinan", "Jasa", "Fesyen")
LAYANAN = ("Pendaftaran Koperasi", "Konsultasi UMKM", "Pelatihan")


class DemoError(Refused):
    pass


def _past(d: date, floor: date | None = None) -> date:
    """Demo data never lies in the future (the importer and the editors refuse such dates):
    a later date becomes today (deterministic for a given day)."""
    today = date.today()
    return d if d <= today else max(today, floor or today)


def _future_none(d: date) -> date | None:
    """An event that has not happened yet (a RAT, a NIB, a closure) is not recorded."""
    return d if d <= date.today() else None


def _sync(d: dict) -> dict:
    return {**d, "uuid": new_uuid(), "updated_at": utc_now(), "origin": ORIGIN, "deleted": False}


def _bulk(model, rows: list[dict]) -> None:
    bulk.insert_rows(model, rows)


def fill(scale: int = 1, seed: int = 2022, first_year: int = 2020, last_year: int = 2026,
         progress=None) -> dict[str, int]:
    """Fill an empty register with demo data; returns row counts per table."""
    if scale < 1:
        raise DemoError("Skala paling kecil 1")
    if m.Koperasi.select().exists() or m.UsahaKecil.select().exists():
        raise DemoError("Basis data ini sudah berisi data register; data demo hanya untuk "
                        "basis data baru (iku --db BERKAS init)")
    rnd = random.Random(seed)
    kab_ids = [k.id for k in m.Kabupaten.select().order_by(m.Kabupaten.bps)]
    years = list(range(first_year, last_year + 1))
    counts = {}
    with audit.recording(m.database, "Data contoh"), \
            summaries.bulk_load(m.database.connection()):
        counts["koperasi"], counts["koperasi_tahun_buku"] = _koperasi(rnd, scale, kab_ids, years)
        if progress:
            progress("koperasi")
        counts["usaha_kecil"] = _usaha(rnd, scale, kab_ids, years)
        if progress:
            progress("usaha kecil")
        counts["ikm_respon"] = _ikm(rnd, scale, years)
        counts["sakip"] = _sakip(rnd, years)
        _targets()
    return counts


def _koperasi(rnd, scale, kab_ids, years):
    n = 5000 * scale
    jenis = list(JenisKoperasi)
    kop, tb = [], []
    for i in range(1, n + 1):
        bh = _past(date(rnd.randint(1990, years[-1]), rnd.randint(1, 12), rnd.randint(1, 28)))
        status = rnd.choices(("aktif", "tidak aktif", "dibubarkan"), (66, 28, 6))[0]
        bubar = (bh + timedelta(days=rnd.randint(400, 9000))) if status == "dibubarkan" else None
        if bubar and bubar > date(years[-1], 12, 31):
            bubar = date(years[-1], 6, 30)
        if bubar:
            bubar = max(_past(bubar), bh)
        kop.append(_sync(dict(
            id=i, nomor_badan_hukum=f"DEMO/{i:06d}/BH/XIV.10/{bh.year}",
            nama=f"{MARK} Koperasi {rnd.choice(('Maju', 'Sejahtera', 'Mandiri', 'Bersama'))} {i}",
            tanggal_badan_hukum=bh, kabupaten=rnd.choices(kab_ids, WEIGHTS)[0],
            jenis=rnd.choice(jenis).value, status=status, tanggal_bubar=bubar,
            alamat="", wilayah_keanggotaan="", nik_koperasi=None)))
        if status != "aktif" and rnd.random() < 0.7:
            continue
        volume = rnd.randint(50, 5000) * 1_000_000
        aset = rnd.randint(100, 8000) * 1_000_000
        for y in years:
            if y < bh.year or rnd.random() < 0.08:  # some years missing
                continue
            volume = max(0, int(volume * rnd.uniform(0.85, 1.25)))
            aset = max(0, int(aset * rnd.uniform(0.9, 1.2)))
            held = rnd.random() < 0.75
            row = _sync(dict(
                koperasi=i, tahun=y,
                tanggal_rat=_future_none(date(y + 1, rnd.randint(1, 6), rnd.randint(1, 28)))
                if held else None,
                rat_sah=rnd.random() < 0.95, anggota_l=rnd.randint(10, 300),
                anggota_p=rnd.randint(10, 300), volume_usaha=volume, aset=aset,
                modal_sendiri=aset // 2, modal_luar=aset // 3, shu=volume // 20))
            if y < date.today().year:  # reported once its books close (rule book §2)
                tb.append(row)
    _bulk(m.Koperasi, kop)
    _bulk(m.KoperasiTahunBuku, tb)
    return len(kop), len(tb)


def _usaha(rnd, scale, kab_ids, years):
    n = 20000 * scale
    rows = []
    for i in range(1, n + 1):
        terdata = _past(date(rnd.randint(years[0] - 3, years[-1]), rnd.randint(1, 12),
                             rnd.randint(1, 28)))
        nib = tnib = None
        if rnd.random() < 0.55:
            nib = f"9{i:012d}"
            tnib = _future_none(terdata + timedelta(days=rnd.randint(0, 1500)))
            if tnib is None:
                nib = None
        tutup = _future_none(terdata + timedelta(days=rnd.randint(200, 3000))) \
            if rnd.random() < 0.05 else None
        rows.append(_sync(dict(
            nama_usaha=f"{MARK} Usaha {i}", nama_pemilik=f"{MARK} Pemilik {i}", nik_pemilik=None,
            kabupaten=rnd.choices(kab_ids, WEIGHTS)[0], alamat="", sektor=rnd.choice(SEKTOR),
            modal_usaha=rnd.choice((rnd.randint(1_001, 5_000),) * 18 + (rnd.randint(100, 1_000),
                                    rnd.randint(5_001, 9_000))) * 1_000_000,
            hasil_penjualan=None,
            tanggal_terdata=terdata, tanggal_tutup=tutup, nib=nib, tanggal_nib=tnib,
            nomor_iumk=None, tanggal_iumk=None)))
    _bulk(m.UsahaKecil, rows)
    return len(rows)


def _ikm(rnd, scale, years):
    total = 0
    for y in years:
        if y > date.today().year:
            continue  # no survey of a year to come
        survei = m.IkmSurvei.create(nama=f"{MARK} SKM {y}", tahun=y, periode="Januari–Desember",
                                    jenis_layanan=", ".join(LAYANAN), populasi=20000 * scale)
        rows = []
        for _ in range(5000 * scale):
            base = rnd.choice((3, 3, 3, 4, 4, 2))
            answers = {f"u{k}": min(4, max(1, base + rnd.choice((-1, 0, 0, 0, 1))))
                       for k in range(1, 10)}
            rows.append(_sync(dict(
                survei=survei.id,
                tanggal=_past(date(y, rnd.randint(1, 12), rnd.randint(1, 28)), floor=date(y, 1, 1)),
                jenis_layanan=rnd.choice(LAYANAN), jenis_kelamin=rnd.choice("LP"),
                umur=rnd.randint(18, 65), pendidikan=rnd.choice(ikm.PENDIDIKAN),
                pekerjaan=rnd.choice(ikm.PEKERJAAN), import_batch=None, **answers)))
        _bulk(m.IkmRespon, rows)
        total += len(rows)
    return total


def _sakip(rnd, years):
    for y in years:
        if y > date.today().year:
            continue
        skema = sakip.Skema.PERMENPANRB_88_2021 if y >= 2022 else sakip.Skema.PERMENPANRB_12_2015
        values = {k.kode: (k.maksimum * Decimal(rnd.randint(60, 90)) / 100).quantize(Decimal("0.01"))
                  for k in sakip.KOMPONEN[skema]}
        m.Sakip.create(tahun=y, skema=skema.value, nomor_lhe=f"{MARK} 700/{y}/LHE",
                       tanggal_lhe=_future_none(date(y + 1, 3, 15)), **values)
    return len(years)


def _targets():
    """Targets for the document's indikator where none is set (demo only)."""
    doc = document_repo.load_active()
    if doc is None:
        return
    for ind in doc.semua_indikator:
        method = registry.get(ind.metode)
        base = method.demo_target if method else None
        if base is None:
            continue
        for y in doc.tahun:
            if y not in ind.targets:
                document_repo.set_target(ind.id, y, base + (y - doc.tahun_awal))
