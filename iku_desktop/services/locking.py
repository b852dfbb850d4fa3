"""Locking what was signed or reported.

- "Tetapkan" the IKU document in force once it is signed: it becomes read-only; changing it
  needs a new revision (``new_revision``: a copy numbered revisi + 1, which is edited and
  later itself tetapkan). The revision number is printed from revision 2 on.
- Lock a year's realisasi once reported (``lock_year``): the Laporan Capaian of that year is
  frozen as a snapshot; printing it prints that snapshot (its verification code refers to
  it), and the year's targets and manual realisasi cannot change any more.
Both are the province's acts.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..store import audit, document_repo
from ..store import models as m
from ..store.fields import utc_now
from .changes import DOCUMENT_TABLES, OpChanges
from .editing_errors import EditError


@dataclass(frozen=True)
class DocumentAct:
    """A document tetapkan or revised. Attributes: revisi: the revision now in force;
    ditetapkan_at: when it was tetapkan (None: editable); changes: what the act wrote."""

    revisi: int
    ditetapkan_at: str | None
    changes: OpChanges


@dataclass(frozen=True)
class YearLocked:
    """A year's realisasi locked now. Attributes: tahun; kode: the verification code of its
    frozen Laporan Capaian; changes: what the lock changed — its year's targets and
    realisasi can no longer be written, so the screens showing them are named too."""

    tahun: int
    kode: str
    changes: OpChanges



def _active() -> m.Dokumen:
    row = document_repo.active_dokumen_row()
    if row is None:
        raise EditError("Tidak ada dokumen IKU aktif")
    return row


def _province_only(what: str) -> None:
    from . import ownership  # the register specs it reads load with a lock, not a read

    ownership.check_writable()
    if ownership.office_code() != "provinsi":
        raise EditError(f"{what} adalah wewenang kantor provinsi")


def tetapkan() -> DocumentAct:
    """Mark the document in force as signed and final."""
    _province_only("Penetapan dokumen IKU")
    doc = _active()
    if doc.ditetapkan_at:
        raise EditError(f"Dokumen IKU revisi {doc.revisi} sudah ditetapkan")
    with audit.recording(m.database, f"Penetapan dokumen IKU revisi {doc.revisi}"):
        doc.ditetapkan_at = utc_now()
        doc.save()
    return DocumentAct(doc.revisi, doc.ditetapkan_at, OpChanges.of({"dokumen"}, years=()))


def new_revision() -> DocumentAct:
    """A new, editable revision of the document in force (which must be tetapkan): every
    fungsi, sasaran, indikator, target and manual realisasi copied; the old revision stays,
    read-only, no longer in force."""
    _province_only("Revisi dokumen IKU")
    old = _active()
    if not old.ditetapkan_at:
        raise EditError(f"Dokumen IKU revisi {old.revisi} belum ditetapkan; ubah langsung "
                        "tanpa revisi baru")
    skip = {"id", "uuid", "updated_at", "sync_hash"}

    def copy(row, **over):
        values = {f.name: getattr(row, f.name) for f in type(row)._meta.sorted_fields
                  if f.name not in skip}
        values.update(over)
        return type(row).create(**values)

    with audit.recording(m.database, f"Revisi dokumen IKU {old.revisi + 1}"):
        new = copy(old, revisi=old.revisi + 1, ditetapkan_at=None, aktif=True)
        old.aktif = False
        old.save()
        for f in old.fungsi.where(m.Fungsi.deleted == False):  # noqa: E712
            copy(f, dokumen=new)
        sasaran = {}
        for s in old.sasaran.where(m.Sasaran.deleted == False):  # noqa: E712
            sasaran[s.id] = copy(s, dokumen=new)
        for i in old.indikator.where(m.Indikator.deleted == False):  # noqa: E712
            ni = copy(i, dokumen=new, sasaran=sasaran[i.sasaran_id])
            for t in i.targets.where(m.Target.deleted == False):  # noqa: E712
                copy(t, indikator=ni)
            for r in i.realisasi.where(m.RealisasiManual.deleted == False):  # noqa: E712
                copy(r, indikator=ni)
    return DocumentAct(new.revisi, new.ditetapkan_at,
                       OpChanges.of(DOCUMENT_TABLES | {"target", "realisasi_manual"}))


@dataclass(frozen=True)
class DocumentState:
    revisi: int
    ditetapkan_at: str | None  # ISO UTC time it was tetapkan, None while editable


@dataclass(frozen=True)
class YearLock:
    tahun: int
    dikunci_at: str
    pengguna: str
    kode: str


def document_state() -> DocumentState | None:
    """The revision in force and whether it is tetapkan; None without a document."""
    row = document_repo.active_dokumen_row()
    return None if row is None else DocumentState(row.revisi, row.ditetapkan_at)


def year_locks() -> list[YearLock]:
    """The locked years' realisasi, by year."""
    return [YearLock(k.tahun, k.dikunci_at, k.pengguna, k.kode)
            for k in m.KunciTahun.select().order_by(m.KunciTahun.tahun)]


def locked_year(tahun: int) -> m.KunciTahun | None:
    return m.KunciTahun.get_or_none(m.KunciTahun.tahun == tahun)


def lock_year(tahun: int) -> YearLocked:
    """Freeze the Laporan Capaian of ``tahun`` as reported."""
    _province_only("Penguncian realisasi")
    if locked_year(tahun) is not None:
        raise EditError(f"Realisasi tahun {tahun} sudah dikunci")
    from ..reports import verification  # the printouts: loaded when a year is locked, not
    from . import printing  # with every reader of the locks (the window's start)

    try:
        snap = printing.snapshot_of("capaian", {"year": tahun})
    except printing.printouts.SnapshotError as exc:
        raise EditError(str(exc)) from exc
    with audit.recording(m.database, f"Penguncian realisasi {tahun}"):
        lock = m.KunciTahun.create(tahun=tahun, pengguna=audit.os_user(),
                                   kode=verification.code_for(snap),
                                   snapshot=verification.canonical(snap))
    return YearLocked(lock.tahun, lock.kode,
                    OpChanges.of({"kunci_tahun", "target", "realisasi_manual"}, years={tahun}))
