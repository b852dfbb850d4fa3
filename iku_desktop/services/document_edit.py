"""Editing the IKU document (unit, tugas, fungsi, sasaran, indikator, place and date,
signatory) with undo.

An edit is an operation run once inside a savepoint that is rolled back: the rows of the
document before and after are captured (fungsi, sasaran and indikator renumbered), and the
``DocumentChange`` writes one state or the other. Nothing is hard-deleted: a removed
fungsi/sasaran/indikator becomes a tombstone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..domain import richtext
from ..domain.capaian import Polaritas, RumusTurun
from ..domain.identifiers import IdentifierError, validate_nip
from ..domain.pangkat import PANGKAT_NAMES
from ..exchange import cells
from ..store import audit, document_repo
from ..store import models as m
from ..store.fields import utc_now
from . import ownership
from .changes import OpChanges
from .editing import EditError
from .indicators import registry
from .package_values import MULTILINE

TABLES = {"dokumen": m.Dokumen, "fungsi": m.Fungsi, "sasaran": m.Sasaran,
          "indikator": m.Indikator}
State = dict[str, dict[int, dict[str, Any]]]


@dataclass(frozen=True)
class DocumentChange:
    label: str
    before: State
    after: State
    table: str = "dokumen"

    @property
    def tables(self) -> set[str]:
        return {t for t in TABLES if self.before.get(t) != self.after.get(t)}

    def write(self) -> tuple["DocumentChange", OpChanges]:
        return self, apply(self)

    def undo(self) -> OpChanges:
        return revert(self)


def _state(dokumen_id: int) -> State:
    out: State = {}
    for name, model in TABLES.items():
        q = model.select().where(model.id == dokumen_id) if model is m.Dokumen else \
            model.select().where(model.dokumen == dokumen_id)
        out[name] = {}
        for row in q:
            values = {f.name: getattr(row, f.name) for f in model._meta.sorted_fields}
            values.pop("updated_at", None)
            values.pop("sync_hash", None)  # exchange bookkeeping: undo must not rewind it
            for fk in ("dokumen", "sasaran"):
                if fk in values:
                    values[fk] = getattr(row, f"{fk}_id")
            out[name][row.id] = values
    return out


def _renumber(dokumen_id: int) -> None:
    """Fungsi and sasaran 1..n; indikator 1..m across the whole table, in table order."""
    for model in (m.Fungsi, m.Sasaran):
        rows = model.live().where(model.dokumen == dokumen_id).order_by(model.urutan, model.id)
        for n, row in enumerate(rows, start=1):
            if row.urutan != n:
                model.update(urutan=n).where(model.id == row.id).execute()
    inds = (m.Indikator.live().join(m.Sasaran).where(m.Indikator.dokumen == dokumen_id)
            .order_by(m.Sasaran.urutan, m.Indikator.urutan, m.Indikator.id))
    for n, row in enumerate(inds, start=1):
        if row.urutan != n:
            m.Indikator.update(urutan=n).where(m.Indikator.id == row.id).execute()


def _active_id() -> int:
    row = document_repo.active_dokumen_row()
    if row is None:
        raise EditError("Tidak ada dokumen IKU aktif")
    return row.id


def prepare(label: str, operation: Callable[[int], None]) -> DocumentChange | None:
    """Run ``operation(dokumen_id)`` in a savepoint that is rolled back, and describe it."""
    ownership.check_document()
    doc_id = _active_id()
    before = _state(doc_id)
    with m.database.atomic() as sp:
        operation(doc_id)
        _renumber(doc_id)
        after = _state(doc_id)
        sp.rollback()
    if before == after:
        return None
    return DocumentChange(label, before, after)


def _write(target: State, other: State) -> None:
    ownership.check_document()
    with audit.recording(m.database):
        for name, rows in target.items():
            model = TABLES[name]
            for row_id, values in rows.items():
                values = {**values, "updated_at": utc_now()}
                fields = {k if k not in ("dokumen", "sasaran") else f"{k}_id": v
                          for k, v in values.items() if k != "id"}
                if model.select().where(model.id == row_id).exists():
                    model.update(**fields).where(model.id == row_id).execute()
                else:
                    model.insert(id=row_id, **fields).execute()
            for row_id in set(other.get(name, {})) - set(rows):
                model.update(deleted=True, updated_at=utc_now()).where(
                    model.id == row_id).execute()


def apply(change: DocumentChange) -> OpChanges:
    _write(change.after, change.before)
    return OpChanges.of(change.tables)


def revert(change: DocumentChange) -> OpChanges:
    _write(change.before, change.after)
    return OpChanges.of(change.tables)


# ---------------------------------------------------------------- operations
DOKUMEN_TEXT = {"judul": "Judul", "unit_organisasi": "Nama unit organisasi", "tugas": "Tugas",
                "tempat": "Tempat", "jabatan_penandatangan": "Jabatan penandatangan",
                "nama_penandatangan": "Nama penandatangan"}
INDIKATOR_TEXT = {"nama": "Nama indikator", "satuan": "Satuan", "sumber_data": "Sumber data",
                  "penanggung_jawab": "Penanggung jawab"}


def _clean(table: str, field: str, raw, label: str) -> str:
    """The text as stored, by the rule the districts check a province package with
    (``package_values``): a multi-line field keeps its line breaks (Word's Shift+Enter, U+000B,
    becomes one), a one-line field has its white space folded to single spaces; any other
    control character is refused, naming the field."""
    value = str(raw) if raw is not None else ""
    try:
        return cells.multiline_text(value) if (table, field) in MULTILINE else cells.text(value)
    except cells.CellError as exc:
        message = str(exc)
        raise EditError(f"{label}: {message[:1].lower()}{message[1:]}") from exc


def check_dokumen_value(field: str, raw) -> Any:
    """Validate one field of the document; returns the value to store."""
    text = str(raw).strip() if raw is not None else ""
    if field in DOKUMEN_TEXT:
        text = _clean("dokumen", field, raw, DOKUMEN_TEXT[field])
        if not text and field != "judul":
            raise EditError(f"{DOKUMEN_TEXT[field]} wajib diisi")
        return text or "Indikator Kinerja Utama (IKU)"
    if field == "pangkat_penandatangan":
        if text not in PANGKAT_NAMES:
            raise EditError(f"'{text}' bukan pangkat PNS; pilih dari daftar resmi")
        return text
    if field == "nip_penandatangan":
        try:
            return validate_nip(text)
        except IdentifierError as exc:
            raise EditError(str(exc)) from exc
    if field in ("tanggal_hari", "tanggal_bulan", "tanggal_tahun", "tahun_awal", "tahun_akhir"):
        if field == "tanggal_hari" and not text:
            return None
        if not (text.isascii() and text.isdigit()):
            raise EditError("Harus berupa angka 0–9")
        n = int(text)
        limits = {"tanggal_hari": (1, 31), "tanggal_bulan": (1, 12)}.get(field, (2000, 2100))
        if not limits[0] <= n <= limits[1]:
            raise EditError(f"Harus antara {limits[0]} dan {limits[1]}")
        return n
    raise EditError(f"Kolom '{field}' tidak dapat diubah")


def set_dokumen_field(field: str, raw, label: str) -> DocumentChange | None:
    value = check_dokumen_value(field, raw)

    def op(doc_id):
        row = m.Dokumen.get_by_id(doc_id)
        setattr(row, field, value)
        if row.tahun_akhir < row.tahun_awal:
            raise EditError("Tahun akhir periode lebih awal dari tahun awal")
        row.save()

    return prepare(label, op)


def _text(raw, label: str) -> str:
    text = _clean("", "", raw or "", label)  # one line: fungsi, sasaran, a new indikator
    if not text:
        raise EditError(f"{label} wajib diisi")
    return text


def add_fungsi(raw) -> DocumentChange | None:
    text = _text(raw, "Teks fungsi")
    return prepare("Tambah fungsi", lambda d: m.Fungsi.create(dokumen=d, urutan=10**6, teks=text))


def add_sasaran(raw) -> DocumentChange | None:
    text = _text(raw, "Teks sasaran")
    return prepare("Tambah sasaran", lambda d: m.Sasaran.create(dokumen=d, urutan=10**6,
                                                                teks=text))


def add_indikator(sasaran_id: int, raw, metode: str = "manual") -> DocumentChange | None:
    nama = _text(raw, "Nama indikator")
    if (problem := registry.unknown_message(metode)) is not None:
        raise EditError(problem)
    return prepare("Tambah indikator", lambda d: m.Indikator.create(
        dokumen=d, sasaran=sasaran_id, urutan=10**6, nama=nama, metode=metode))


def edit_text(table: str, row_id: int, raw) -> DocumentChange | None:
    label = {"fungsi": "Teks fungsi", "sasaran": "Teks sasaran"}[table]
    text = _text(raw, label)
    model = TABLES[table]
    return prepare(f"Ubah {label.lower()}",
                   lambda d: model.update(teks=text).where(model.id == row_id).execute())


def set_indikator_field(row_id: int, field: str, raw) -> DocumentChange | None:
    if field in INDIKATOR_TEXT:
        value = _clean("indikator", field, raw or "", INDIKATOR_TEXT[field])
        if field == "nama" and not value:
            raise EditError("Nama indikator wajib diisi")
    elif field == "formulasi":
        value = _clean("indikator", "formulasi", richtext.sanitise(str(raw or "")), "Formulasi")
    elif field == "metode":
        if (problem := registry.unknown_message(raw)) is not None:
            raise EditError(problem)
        value = raw
    elif field == "polaritas":
        value = Polaritas(raw).value
    elif field == "rumus_turun":
        value = RumusTurun(raw).value
    else:
        raise EditError(f"Kolom '{field}' tidak dapat diubah")
    label = INDIKATOR_TEXT.get(field, field.replace("_", " ").capitalize())
    return prepare(f"Ubah {label.lower()}", lambda d: m.Indikator.update(**{field: value}).where(
        m.Indikator.id == row_id).execute())


def remove(table: str, row_id: int) -> DocumentChange | None:
    """Tombstone a fungsi, sasaran (with its indikator) or indikator."""
    model = TABLES[table]

    def op(d):
        model.update(deleted=True).where(model.id == row_id).execute()
        if table == "sasaran":
            m.Indikator.update(deleted=True).where(m.Indikator.sasaran == row_id).execute()

    return prepare(f"Hapus {table}", op)


def move(table: str, row_id: int, step: int) -> DocumentChange | None:
    """Move a fungsi, sasaran or indikator (within its sasaran) up (−1) or down (+1)."""
    model = TABLES[table]

    def op(d):
        row = model.get_by_id(row_id)
        q = model.live().where(model.dokumen == d)
        if table == "indikator":
            q = q.where(m.Indikator.sasaran == row.sasaran_id)
        rows = list(q.order_by(model.urutan, model.id))
        i = next(n for n, r in enumerate(rows) if r.id == row_id)
        j = i + step
        if not 0 <= j < len(rows):
            return
        a, b = rows[i], rows[j]
        model.update(urutan=b.urutan).where(model.id == a.id).execute()
        model.update(urutan=a.urutan).where(model.id == b.id).execute()

    return prepare("Pindahkan " + table, op)
