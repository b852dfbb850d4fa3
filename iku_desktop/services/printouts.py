"""The printouts the program makes: for each, how its snapshot is built from the database
(plain data, exactly what is printed) and which renderer lays it out."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Callable

from ..errors import Refused
from ..domain import ikm
from ..domain.charts import kabupaten_bars
from ..domain.numbers import round_half_up
from ..store import document_repo, ikm_profile
from ..store import settings as office_settings
from .indicators import compute_year, registry


class SnapshotError(Refused):
    """The data for a printout is missing; ``str()`` is the user's message."""


def _doc():
    doc = document_repo.load_active()
    if doc is None:
        raise SnapshotError("Basis data tidak berisi dokumen IKU aktif")
    return doc


def _signature(doc) -> dict:
    sig = doc.penandatangan
    return {"jabatan": sig.jabatan, "nama": sig.nama, "pangkat": sig.pangkat, "nip": sig.nip}


def _year(doc, year) -> int:
    if year is None:
        raise SnapshotError("Tahun harus diisi (--year)")
    year = int(year)
    if year not in doc.tahun:
        raise SnapshotError(f"Tahun {year} di luar periode dokumen "
                            f"({doc.tahun_awal}–{doc.tahun_akhir})")
    return year


def _report(name: str):
    """The report module ``name`` (reportlab loads with the first one: not at start-up)."""
    return import_module(f"..reports.{name}", __package__)


def _render(name: str) -> Callable:
    def render(snap: dict, setup):
        return _report(name).render(snap, setup)
    return render


def snapshot_dokumen() -> dict:
    return _report("dokumen").snapshot(_doc())


# what a Laporan Capaian snapshot gained after printouts of it were signed: a paper printed
# by an earlier version is compared on what it held
_CAPAIAN_CHART_KEYS = ("tahun_periode",)
_CAPAIAN_CHART_ROW_KEYS = ("target_periode", "kabupaten")


def earlier_forms(kind: str, snap: dict) -> list[dict]:
    """``snap`` as this version makes it, then as earlier versions made it for the same
    data: a printout signed before the snapshot grew still verifies while its data has not
    changed (the Laporan Capaian gained its charts' data)."""
    forms = [snap]
    if kind == "capaian" and "tahun_periode" in snap:
        forms.append({**{k: v for k, v in snap.items() if k not in _CAPAIAN_CHART_KEYS},
                      "baris": [{k: v for k, v in r.items() if k not in _CAPAIAN_CHART_ROW_KEYS}
                                for r in snap["baris"]]})
    return forms


def snapshot_capaian(year=None) -> dict:
    """Laporan Capaian IKU (the LKjIP table): target, realisasi, capaian and band of the
    year, and the realisasi of the previous years of the period for comparison; for its
    charts, the target of every year of the period and the realisasi per kabupaten/kota
    (of an indikator counted per kabupaten)."""
    doc = _doc()
    year = _year(doc, year)
    years = [y for y in doc.tahun if y <= year]
    by_year = {y: compute_year(doc, y) for y in years}
    rows = []
    for rep in by_year[year]:
        ind = rep.indikator
        rows.append({
            "nomor": ind.nomor, "sasaran_nomor": rep.sasaran_nomor,
            "sasaran": next(s.teks for s in doc.sasaran if s.nomor == rep.sasaran_nomor),
            "indikator": ind.nama, "satuan": ind.satuan,
            "target": rep.target, "realisasi": rep.result.value,
            "alasan": rep.result.reason, "capaian": rep.capaian.value,
            "capaian_alasan": rep.capaian.reason,
            "predikat": rep.band.value if rep.band else None,
            "riwayat": {str(y): next(r.result.value for r in by_year[y]
                                     if r.indikator.nomor == ind.nomor) for y in years},
            "target_periode": {str(y): ind.targets.get(y) for y in doc.tahun},
            "kabupaten": [[b.label, b.value] for b in kabupaten_bars(rep.result.breakdowns)],
        })
    return {"jenis": "capaian", "tahun": year, "tahun_riwayat": years,
            "tahun_periode": list(doc.tahun),
            "unit_organisasi": doc.unit_organisasi, "tempat": doc.tempat,
            "penandatangan": _signature(doc), "baris": rows}


def snapshot_perhitungan(year=None) -> dict:
    """The calculation sheet: for each indikator the rule, inputs, counts, intermediate
    values and rounding, so a reviewer can check every number by hand."""
    doc = _doc()
    year = _year(doc, year)
    items = []
    for rep in compute_year(doc, year):
        res = rep.result
        items.append({
            "nomor": rep.indikator.nomor, "judul": rep.indikator.judul,
            "metode": registry.label(res.method), "nilai": res.value, "alasan": res.reason,
            "pembilang": res.numerator, "penyebut": res.denominator, "satuan":
            rep.indikator.satuan, "langkah": [[t.label, t.value] for t in res.trace],
            "peringatan": list(res.warnings), "target": rep.target,
            "capaian": rep.capaian.value, "capaian_alasan": rep.capaian.reason,
            "rumus_capaian": (rep.indikator.polaritas.label + "; "
                              + ("realisasi / target × 100" if rep.indikator.polaritas.value ==
                                 "naik" else rep.indikator.rumus_turun.label)),
        })
    decisions = [[spec.label, "Ya" if office_settings.get(key) else "Tidak"]
                 for key, spec in office_settings.SETTINGS.items()
                 if key in ("koperasi_hanya_aktif", "usaha_hanya_skala_kecil")]
    return {"jenis": "perhitungan", "tahun": year, "unit_organisasi": doc.unit_organisasi,
            "tempat": doc.tempat, "penandatangan": _signature(doc), "indikator": items,
            "keputusan": decisions}


def snapshot_ikm(year=None, survey=None) -> dict:
    """The survey report of PermenPANRB 14/2017 for a year, or one survey of it."""
    doc = _doc()
    year = _year(doc, year)
    data = ikm_profile.survey_report(year, survey)
    if data is None:
        raise SnapshotError(f"Survei '{survey}' tidak ada pada tahun {year}")
    sums = data.pop("sums")
    result = ikm.compute_ikm(sums)
    unsur = []
    for u in ikm.UNSUR:
        nrr = result.nrr.get(u.kode)
        unsur.append({"kode": u.kode, "nama": u.nama, "jumlah": sums.sums[u.kode],
                      "dijawab": sums.counts[u.kode],
                      "nrr": None if nrr is None else round_half_up(nrr, ikm.NRR_PLACES),
                      "nrr_tertimbang": None if nrr is None
                      else round_half_up(nrr * ikm.BOBOT, ikm.NRR_PLACES)})
    populasi = sum(s["populasi"] or 0 for s in data["surveys"])
    known = all(s["populasi"] is not None for s in data["surveys"]) and data["surveys"]
    minimum = ikm.minimum_sample(populasi) if known else None
    return {"jenis": "ikm", "tahun": year, "survei": survey, "unit_organisasi":
            doc.unit_organisasi, "tempat": doc.tempat, "penandatangan": _signature(doc),
            **data, "responden": sums.responses, "unsur": unsur,
            "ikm": None if result.ikm is None else round_half_up(result.ikm, ikm.IKM_PLACES),
            "nilai": result.nilai.value, "alasan": result.nilai.reason,
            "mutu": result.mutu, "kinerja": result.kinerja, "populasi": populasi if known else None,
            "sampel_minimum": minimum}


@dataclass(frozen=True)
class PrintoutSpec:
    label: str
    snapshot: Callable[..., dict]
    render: Callable


PRINTOUTS: dict[str, PrintoutSpec] = {
    "dokumen": PrintoutSpec("Dokumen IKU", snapshot_dokumen, _render("dokumen")),
    "capaian": PrintoutSpec("Laporan Capaian IKU", snapshot_capaian, _render("capaian")),
    "ikm": PrintoutSpec("Laporan Survei Kepuasan Masyarakat", snapshot_ikm, _render("ikm")),
    "perhitungan": PrintoutSpec("Lembar Perhitungan IKU", snapshot_perhitungan,
                                _render("perhitungan")),
}
