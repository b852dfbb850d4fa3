"""The target and the manual realisasi of an indikator for a year (rule book §1): a
number typed in, per indikator and year.

Targets are also a register of their own (import kind ``target``): one row per indikator
and year of the Renstra period, the indikator named by its number in the document
("IKU 1", "1", or "1.2": the second indikator of sasaran 1 — ``parse_indikator_ref``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..domain.targets import target_problem
from ..exchange.cells import CellError, parse_int, parse_score, text
from .spec import Field, RegisterSpec


@dataclass(frozen=True)
class IndikatorRef:
    """An indikator as a user names it: ``nomor`` (its number across the document's table)
    or ``sasaran`` with ``urutan`` (its place among that sasaran's indikator)."""

    nomor: int | None = None
    sasaran: int | None = None
    urutan: int | None = None

    def __str__(self) -> str:
        return f"IKU {self.nomor}" if self.nomor is not None else f"{self.sasaran}.{self.urutan}"


_NOMOR = re.compile(r"(?:iku|indikator)?\s*[-.]?\s*([0-9]{1,3})", re.IGNORECASE)
_DOTTED = re.compile(r"([0-9]{1,3})[.,]([0-9]{1,3})")
REF_HELP = "IKU 1, 1, atau 1.2 (indikator kedua sasaran 1)"


def parse_indikator_ref(value) -> IndikatorRef:
    """"IKU 1" / "1" / a number cell 1 → indikator 1; "1.2" (text, or a number cell) → the
    second indikator of sasaran 1. Whether it exists is the document's to say
    (``find_indikator``)."""
    if isinstance(value, bool):
        raise CellError(f"bukan nomor indikator ({REF_HELP})")
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return IndikatorRef(nomor=int(value))
    t = text(value).strip()
    m = _NOMOR.fullmatch(t)
    if m:
        return IndikatorRef(nomor=int(m.group(1)))
    m = _DOTTED.fullmatch(t)
    if m:
        return IndikatorRef(sasaran=int(m.group(1)), urutan=int(m.group(2)))
    raise CellError(f"'{t}' bukan nomor indikator ({REF_HELP})")


def find_indikator(doc, ref: IndikatorRef):
    """The indikator of ``doc`` (``domain.dokumen.DokumenIku``) that ``ref`` names, or None."""
    if ref.nomor is not None:
        return next((i for i in doc.semua_indikator if i.nomor == ref.nomor), None)
    sasaran = next((s for s in doc.sasaran if s.nomor == ref.sasaran), None)
    if sasaran is None or not 1 <= ref.urutan <= len(sasaran.indikator):
        return None
    return sasaran.indikator[ref.urutan - 1]


def parse_target(value) -> Decimal:
    """A target: a score that is not negative (``domain.targets``; the top of its scale is
    the indikator's, checked where the indikator is known)."""
    d = parse_score(value)
    problem = target_problem(d)
    if problem:
        raise CellError(problem)
    return d


def _tahun() -> Field:
    return Field("tahun", "Tahun", lambda v: parse_int(v, 2000, 2100), True, kind="int",
                 editable=False, example="2024")


TARGET = RegisterSpec(
    table="target",
    label="Target",
    kind="target",
    kind_label="Target IKU per tahun",
    key=("indikator", "tahun"),
    year="tahun",
    fields=(
        Field("indikator", "Indikator", parse_indikator_ref, True, column=None,
              header="No Indikator", aliases=("Indikator", "Nomor Indikator", "IKU", "No"),
              help=f"Nomor indikator di dokumen IKU: {REF_HELP}", example="IKU 1"),
        Field("nama_indikator", "Nama Indikator", text, column=None,
              help="Keterangan saja (tidak diimpor)"),
        Field("satuan", "Satuan", text, column=None, help="Keterangan saja (tidak diimpor)"),
        _tahun(),
        Field("nilai", "Target", parse_target, kind="score",
              help="Angka target (koma desimal); kosongkan untuk menghapus target tahun itu",
              example="20,50"),
    ),
)
REALISASI = RegisterSpec(
    table="realisasi_manual",
    label="Realisasi",
    year="tahun",
    fields=(
        _tahun(),
        Field("nilai", "Realisasi", parse_score, kind="score"),
        Field("catatan", "Catatan", text, header=None, editable=False),
    ),
)
