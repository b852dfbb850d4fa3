"""Targets as a register of their own: the grid of every indikator of the document in
force × every year of its Renstra period, with the years whose figures are locked; and
setting one target by the indikator's number (the command line), through the editing
service — the same parsing, the same refusals (a locked year, another office's data, a
read-only database), undoable in the window."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..domain.formatting import format_time
from ..exchange.cells import CellError
from ..registers.year_values import find_indikator, parse_indikator_ref
from ..store import document_repo
from ..store import models as m
from . import editing
from .changes import OpChanges
from .editing_errors import EditError


@dataclass(frozen=True)
class TargetRow:
    """One indikator: ``values``: year → target (a year without one is absent)."""

    indikator_id: int
    nomor: int
    sasaran_nomor: int
    nama: str
    satuan: str
    values: dict[int, Decimal]


@dataclass(frozen=True)
class TargetGrid:
    """Attributes:
    years: the document's period, in order.
    rows: its indikator, in document order.
    locked: year → when its figures were locked, as shown (local time, ``format_time``).
    """

    years: tuple[int, ...]
    rows: tuple[TargetRow, ...]
    locked: dict[int, str]


def locked_years() -> dict[int, str]:
    return {k.tahun: format_time(k.dikunci_at) for k in m.KunciTahun.select()}


def grid() -> TargetGrid | None:
    """The targets of the document in force; None without one."""
    doc = document_repo.load_active()
    if doc is None:
        return None
    rows = tuple(TargetRow(i.id, i.nomor, s.nomor, i.nama, i.satuan, dict(i.targets))
                 for s in doc.sasaran for i in s.indikator)
    return TargetGrid(tuple(doc.tahun), rows, locked_years())


def _document():
    doc = document_repo.load_active()
    if doc is None:
        raise EditError("Tidak ada dokumen IKU aktif di basis data ini")
    return doc


def indikator_of(ref: str):
    """The indikator named ``ref`` ("IKU 1", "1", "1.2") in the document in force."""
    doc = _document()
    try:
        parsed = parse_indikator_ref(ref)
    except CellError as exc:
        raise EditError(f"Indikator: {exc}") from exc
    ind = find_indikator(doc, parsed)
    if ind is None:
        numbers = ", ".join(str(i.nomor) for i in doc.semua_indikator)
        raise EditError(f"Indikator {parsed} tidak ada di dokumen IKU (nomor: {numbers})")
    return ind


def prepare(ref: str, year: int, raw) -> editing.Change | None:
    """The change setting the target of indikator ``ref`` for ``year`` to ``raw`` (blank:
    removed); None when it is already so. A year outside the document's period is
    refused; the rest is the editing service's."""
    doc = _document()
    ind = indikator_of(ref)
    if year not in doc.tahun:
        raise EditError(f"Tahun {year} di luar periode dokumen "
                        f"({doc.tahun_awal}–{doc.tahun_akhir})")
    return editing.prepare_year_value("target", ind.id, year, raw)


def set_target(ref: str, year: int, raw) -> OpChanges:
    """Set (or with a blank ``raw`` remove) one target; what it changed (nothing when the
    value was already so). ``EditError`` when refused."""
    change = prepare(ref, year, raw)
    if change is None:
        return OpChanges()
    return change.write()[1]
