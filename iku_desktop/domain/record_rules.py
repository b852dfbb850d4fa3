"""Rules that tie several fields of one record together, written once for the importer,
the editing service and data packages through the registers' specs (``registers``).
Each returns ``validation.Issue`` values (severity, code, field, message), empty when
the record is consistent.

Basis: rule book §2 (a koperasi's legal existence: badan hukum, dissolution — UU 25/1992
pasal 46–50 on pembubaran) and §3 (a usaha kecil on the register from its recording to its
closure; a NIB/IUMK counts from its issue date — PP 5/2021, Perpres 98/2014).
"""

from __future__ import annotations

from datetime import date
from ..validation import Issue, Severity
from .koperasi import StatusKoperasi


def _error(field: str, code: str, message: str) -> Issue:
    """An error about ``field`` (code "required" or "inconsistent", as the validation
    report names them)."""
    return Issue(Severity.ERROR, code, message, field=field)


def koperasi_problems(status: str | None, tanggal_bubar: date | None,
                      tanggal_badan_hukum: date | None) -> list[Issue]:
    """A dissolved koperasi has its date of dissolution, only a dissolved one has it, and
    it is not before the badan hukum."""
    out = []
    dibubarkan = StatusKoperasi.DIBUBARKAN.value
    if status == dibubarkan and tanggal_bubar is None:
        out.append(_error("tanggal_bubar", "required",
                           "Tanggal Bubar wajib diisi untuk koperasi yang dibubarkan"))
    if tanggal_bubar is not None and status not in (None, dibubarkan):
        out.append(_error("tanggal_bubar", "inconsistent",
                           "Tanggal Bubar hanya diisi untuk koperasi berstatus Dibubarkan"))
    if tanggal_bubar is not None and tanggal_badan_hukum is not None \
            and tanggal_bubar < tanggal_badan_hukum:
        out.append(_error("tanggal_bubar", "inconsistent",
                           "Tanggal Bubar lebih awal dari Tanggal Badan Hukum"))
    return out


def usaha_problems(tanggal_terdata: date | None, tanggal_tutup: date | None,
                   nib: str | None, tanggal_nib: date | None,
                   nomor_iumk: str | None, tanggal_iumk: date | None) -> list[Issue]:
    """Closed not before recorded; an issue date only with its number."""
    out = []
    if tanggal_terdata and tanggal_tutup and tanggal_tutup < tanggal_terdata:
        out.append(_error("tanggal_tutup", "inconsistent",
                           "Tanggal Tutup lebih awal dari Tanggal Terdata"))
    for nomor, tanggal, name, key in ((nib, tanggal_nib, "NIB", "tanggal_nib"),
                                      (nomor_iumk, tanggal_iumk, "IUMK", "tanggal_iumk")):
        if tanggal and not nomor:
            out.append(_error(key, "inconsistent",
                               f"Tanggal {name} diisi tanpa nomor {name}: isi nomor {name} dahulu"))
    return out
