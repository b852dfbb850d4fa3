"""The IKU document: rows ⇄ ``domain.dokumen.DokumenIku``."""

from __future__ import annotations

from decimal import Decimal

from ..errors import Refused
from ..domain.capaian import Polaritas, RumusTurun
from ..domain.dokumen import DokumenIku, Indikator, Penandatangan, Sasaran
from ..domain.identifiers import validate_nip
from ..domain.pangkat import PANGKAT_NAMES
from . import models as m


class DocumentError(Refused, ValueError):
    """A document that cannot be stored; ``str()`` is the user's message."""


def active_dokumen_row() -> m.Dokumen | None:
    return (m.Dokumen.live().where(m.Dokumen.aktif == True)  # noqa: E712
            .order_by(m.Dokumen.revisi.desc()).first())


def load_active() -> DokumenIku | None:
    row = active_dokumen_row()
    return None if row is None else load(row)


def load(row: m.Dokumen) -> DokumenIku:
    fungsi = tuple(f.teks for f in m.Fungsi.live().where(m.Fungsi.dokumen == row)
                   .order_by(m.Fungsi.urutan))
    targets: dict[int, dict[int, Decimal]] = {}
    for t in (m.Target.live().join(m.Indikator)
              .where(m.Indikator.dokumen == row)):
        targets.setdefault(t.indikator_id, {})[t.tahun] = t.nilai
    manual: dict[int, dict[int, Decimal]] = {}
    for r in (m.RealisasiManual.live().join(m.Indikator)
              .where(m.Indikator.dokumen == row)):
        manual.setdefault(r.indikator_id, {})[r.tahun] = r.nilai
    indikator_rows = list(m.Indikator.live().where(m.Indikator.dokumen == row)
                          .order_by(m.Indikator.urutan))
    sasaran = []
    for s in m.Sasaran.live().where(m.Sasaran.dokumen == row).order_by(m.Sasaran.urutan):
        inds = tuple(
            Indikator(
                id=i.id, nomor=i.urutan, nama=i.nama, satuan=i.satuan, formulasi=i.formulasi,
                metode=i.metode, polaritas=Polaritas(i.polaritas),
                rumus_turun=RumusTurun(i.rumus_turun), sumber_data=i.sumber_data,
                penanggung_jawab=i.penanggung_jawab, targets=targets.get(i.id, {}),
                realisasi_manual=manual.get(i.id, {}),
            )
            for i in indikator_rows if i.sasaran_id == s.id
        )
        sasaran.append(Sasaran(s.id, s.urutan, s.teks, inds))
    return DokumenIku(
        id=row.id, judul=row.judul, unit_organisasi=row.unit_organisasi, tugas=row.tugas,
        fungsi=fungsi, sasaran=tuple(sasaran), tahun_awal=row.tahun_awal,
        tahun_akhir=row.tahun_akhir, tempat=row.tempat, tanggal_hari=row.tanggal_hari,
        tanggal_bulan=row.tanggal_bulan, tanggal_tahun=row.tanggal_tahun,
        penandatangan=Penandatangan(row.jabatan_penandatangan, row.nama_penandatangan,
                                    row.pangkat_penandatangan, row.nip_penandatangan),
        revisi=row.revisi,
    )


def _check(doc: dict) -> None:
    sig = doc["penandatangan"]
    if sig["pangkat"] not in PANGKAT_NAMES:
        raise DocumentError(f"Pangkat '{sig['pangkat']}' tidak ada dalam daftar pangkat PNS")
    validate_nip(sig["nip"])
    if doc["tahun_akhir"] < doc["tahun_awal"]:
        raise DocumentError("Tahun akhir periode lebih awal dari tahun awal")


def create_from_data(doc: dict, origin: str = "provinsi") -> m.Dokumen:
    """Store a whole document given as plain data (the shape of
    ``resources/default_document.json``). Indikator are numbered across the table; their
    methods are the caller's to check (the services know the registered methods)."""
    from ..domain import richtext  # an HTML parser: only a write sanitises the formulasi

    _check(doc)
    sig = doc["penandatangan"]
    tanggal = doc["tanggal"]
    from . import audit  # the first write: a command that reads never imports it

    with audit.recording(m.database):
        row = m.Dokumen.create(
            judul=doc["judul"], unit_organisasi=doc["unit_organisasi"], tugas=doc["tugas"],
            tahun_awal=doc["tahun_awal"], tahun_akhir=doc["tahun_akhir"], tempat=doc["tempat"],
            tanggal_hari=tanggal.get("hari"), tanggal_bulan=tanggal["bulan"],
            tanggal_tahun=tanggal["tahun"], jabatan_penandatangan=sig["jabatan"],
            nama_penandatangan=sig["nama"], pangkat_penandatangan=sig["pangkat"],
            nip_penandatangan=validate_nip(sig["nip"]), origin=origin,
        )
        for n, teks in enumerate(doc["fungsi"], start=1):
            m.Fungsi.create(dokumen=row, urutan=n, teks=teks, origin=origin)
        nomor = 0
        for s_no, s in enumerate(doc["sasaran"], start=1):
            srow = m.Sasaran.create(dokumen=row, urutan=s_no, teks=s["teks"], origin=origin)
            for i in s["indikator"]:
                nomor += 1
                irow = m.Indikator.create(
                    dokumen=row, sasaran=srow, urutan=nomor, nama=i["nama"],
                    satuan=i.get("satuan", ""), formulasi=richtext.sanitise(i.get("formulasi")),
                    metode=i["metode"], polaritas=i.get("polaritas", "naik"),
                    rumus_turun=i.get("rumus_turun", "selisih"),
                    sumber_data=i.get("sumber_data", ""),
                    penanggung_jawab=i.get("penanggung_jawab", ""), origin=origin,
                )
                for tahun, nilai in i.get("target", {}).items():
                    m.Target.create(indikator=irow, tahun=int(tahun), nilai=Decimal(str(nilai)),
                                    origin=origin)
    return row


def set_target(indikator_id: int, tahun: int, nilai: Decimal | None) -> None:
    """Set (or with None remove) the target of an indikator for a year."""
    _upsert_year_value(m.Target, indikator_id, tahun, nilai)


def set_realisasi_manual(indikator_id: int, tahun: int, nilai: Decimal | None,
                         catatan: str = "") -> None:
    _upsert_year_value(m.RealisasiManual, indikator_id, tahun, nilai, catatan=catatan)


def _upsert_year_value(model, indikator_id: int, tahun: int, nilai: Decimal | None, **extra):
    from . import audit  # the first write: a command that reads never imports it

    with audit.recording(m.database):
        row = model.get_or_none((model.indikator == indikator_id) & (model.tahun == tahun))
        if nilai is None:
            if row is not None and not row.deleted:
                row.deleted = True
                row.save()
            return
        if row is None:
            model.create(indikator=indikator_id, tahun=tahun, nilai=nilai, **extra)
        else:
            row.nilai, row.deleted = nilai, False
            for k, v in extra.items():
                setattr(row, k, v)
            row.save()
