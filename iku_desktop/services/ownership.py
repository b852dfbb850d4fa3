"""The one gate every edit passes: refused when the database is open read-only (another
window or PC holds it), for rows this office does not own (domain.ownership), for the
document once tetapkan, and for the targets and realisasi of a locked year."""

from __future__ import annotations

from ..domain import ownership as rule
from ..domain.formatting import format_time
from ..domain.wilayah import KABUPATEN_KOTA
from ..store import models as m
from .editing_errors import EditError


def office_code() -> str:
    return m.current_office()


def read_only() -> str | None:
    """Why every edit is refused up front in this session (the window opened the database
    read-only: another holder, a file that cannot be written, a full disk), or None. Held
    by the open database object (``set_read_only``), never by this module."""
    return getattr(m.database.obj, "iku_session_read_only", None)


def set_read_only(db, reason: str | None) -> None:
    """Refuse (``reason``) or allow every edit on ``db`` for this session
    (``services.session`` sets it when it opens a database for the window)."""
    db.iku_session_read_only = reason


def _refuse_read_only() -> None:
    reason = read_only()
    if reason:
        raise EditError(f"Basis data terbuka hanya-baca: {reason}")


def _kabupaten_bps(kabupaten_id) -> str | None:
    row = m.Kabupaten.get_or_none(m.Kabupaten.id == kabupaten_id)
    return row.bps if row else None


def row_owner(table: str, row_id: int | None = None, values: dict | None = None) -> str:
    """The office owning a row, from its stored state or the values it will have."""
    values = values or {}
    if table not in rule.REGIONAL and table not in rule.PROVINCIAL:
        return _spec_owner(table, row_id, values)
    if table not in rule.REGIONAL:
        return rule.owner(table, None)
    if table == "koperasi_tahun_buku":
        kop_id = values.get("koperasi_id")
        if kop_id is None and row_id is not None:
            kop_id = m.KoperasiTahunBuku.get_by_id(row_id).koperasi_id
        return row_owner("koperasi", kop_id)
    kab_id = values.get("kabupaten_id")
    if kab_id is None and row_id is not None:
        model = m.Koperasi if table == "koperasi" else m.UsahaKecil
        kab_id = model.get_by_id(row_id).kabupaten_id
    return rule.owner(table, _kabupaten_bps(kab_id))


def _spec_owner(table: str, row_id: int | None, values: dict) -> str:
    """The owner of a row of a register declared by its spec alone (``registers``): the
    province, or the kabupaten/kota office of the row."""
    # the register specs load here, with the first such edit: an open or a read needs none
    from .. import registers
    from ..registers.spec import PROVINSI as PROVINSI_OWNER
    from ..store.register_tables import model_for

    spec = registers.get(table)
    if spec.owner == PROVINSI_OWNER:
        return rule.PROVINSI
    kab_id = values.get("kabupaten_id")
    if kab_id is None and row_id is not None:
        kab_id = model_for(spec).get_by_id(row_id).kabupaten_id
    bps = _kabupaten_bps(kab_id)
    if not bps:
        raise ValueError(f"a row of {table} needs its kabupaten/kota")
    return bps


def describe(code: str) -> str:
    if code == rule.PROVINSI:
        return "kantor provinsi"
    k = m.Kabupaten.get_or_none(m.Kabupaten.bps == code)
    return f"kantor {k.nama}" if k else f"kantor {code}"


def check_change(table: str, row_id: int | None, insert_values: dict | None = None,
                 after: dict | None = None) -> None:
    """Raise ``EditError`` when this office may not make the change."""
    _refuse_read_only()
    if table in ("target", "realisasi_manual") and insert_values and "tahun" in insert_values:
        lock = m.KunciTahun.get_or_none(m.KunciTahun.tahun == insert_values["tahun"])
        if lock is not None:
            raise EditError(f"Realisasi tahun {lock.tahun} sudah dikunci "
                            f"({format_time(lock.dikunci_at)}); target dan realisasinya "
                            "tidak dapat diubah")
    office = office_code()
    if office == rule.PROVINSI:
        return
    owners = {row_owner(table, row_id, insert_values)}
    if after and ("kabupaten_id" in after or "koperasi_id" in after):
        owners.add(row_owner(table, None, after))
    for owner in owners:
        if not rule.can_write(office, owner):
            raise EditError(f"Data ini milik {describe(owner)}; di {describe(office)} hanya "
                            "dapat dibaca")


def check_document() -> None:
    _refuse_read_only()
    if office_code() != rule.PROVINSI:
        raise EditError("Dokumen IKU dikelola kantor provinsi; di kantor kabupaten/kota "
                        "hanya dapat dibaca")
    doc = (m.Dokumen.select().where((m.Dokumen.aktif == True)  # noqa: E712
                                    & (m.Dokumen.deleted == False))  # noqa: E712
           .order_by(m.Dokumen.revisi.desc()).first())
    if doc is not None and doc.ditetapkan_at:
        raise EditError(f"Dokumen IKU revisi {doc.revisi} sudah ditetapkan; buat revisi "
                        "baru untuk mengubahnya (Dokumen › Revisi baru)")


def check_writable() -> None:
    """Raise ``EditError`` when the open database is read-only."""
    _refuse_read_only()


def why_read_only(kabupaten_nama: str | None = None) -> str | None:
    """For the registers: None when this office may edit a row of ``kabupaten_nama`` (None:
    a provincial row), else why not."""
    reason = read_only()
    if reason:
        return f"Basis data terbuka hanya-baca: {reason}"
    office = office_code()
    if office == rule.PROVINSI:
        return None
    if kabupaten_nama is None:
        return "Dikelola kantor provinsi; di kantor kabupaten/kota hanya dapat dibaca"
    own = next((k for k in KABUPATEN_KOTA if k.bps == office), None)
    if own is not None and own.nama == kabupaten_nama:
        return None
    return f"Milik kantor {kabupaten_nama}; di {describe(office)} hanya dapat dibaca"
