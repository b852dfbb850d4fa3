"""Exports to Excel: every register, the IKM responses, SAKIP, and the Laporan Capaian table
(``iku export KIND -o FILE.xlsx``). A register export has the import's columns, so a file
exported and imported back unchanged changes nothing (IKM responses carry their ID).
Written in openpyxl's write-only mode (200.000 rows without holding them all as cells)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ..domain import ikm as ikm_rule
from ..domain import sakip as sakip_rule
from ..store import models as m
from ..registers.spec import Field
from ..store.register_tables import model_for
from .kinds import KINDS
from .xlsx_writer import FORMATS, FORMULA_START, save_workbook, visible

EXPORT_KINDS = tuple(KINDS) + ("capaian",)  # the built-in ones (the CLI's choices)
_SAME = Field.__dataclass_fields__["cell"].default
SHEETS = {"koperasi": "Koperasi", "koperasi-tahunan": "Tahun Buku",
          "usaha-kecil": "Usaha Kecil", "ikm": "Responden SKM", "sakip": "SAKIP",
          "target": "Target", "capaian": "Capaian IKU"}


def sheet_title(kind: str) -> str:
    """The sheet of a kind: its short title, else its register's label (at most 31
    characters, Excel's limit)."""
    return SHEETS.get(kind) or KINDS[kind].SPEC.label[:31]


def _kab() -> dict[int, str]:
    return {k.id: k.nama for k in m.Kabupaten.select()}


def _tahun_buku() -> Iterator[list]:
    q = (m.KoperasiTahunBuku.live().join(m.Koperasi)
         .where(m.Koperasi.deleted == False)  # noqa: E712
         .order_by(m.Koperasi.nomor_badan_hukum, m.KoperasiTahunBuku.tahun))
    for t in q.select(m.KoperasiTahunBuku, m.Koperasi.nomor_badan_hukum):
        yield [t.koperasi.nomor_badan_hukum, t.tahun, t.tanggal_rat,
               "Ya" if t.rat_sah else "Tidak", t.anggota_l, t.anggota_p, t.volume_usaha,
               t.aset, t.modal_sendiri, t.modal_luar, t.shu]


def _ikm() -> Iterator[list]:
    surveys = {s.id: s.nama for s in m.IkmSurvei.select()}
    q = (m.IkmRespon.live().join(m.IkmSurvei).where(m.IkmSurvei.deleted == False)  # noqa: E712
         .order_by(m.IkmRespon.id))
    for r in q.iterator():
        yield [surveys[r.survei_id], r.tanggal, r.jenis_layanan, r.jenis_kelamin, r.umur,
               r.pendidikan, r.pekerjaan] + [getattr(r, k.lower()) for k in ikm_rule.KODE_UNSUR] \
            + [r.uuid]


def _sakip() -> Iterator[list]:
    for s in m.Sakip.live().order_by(m.Sakip.tahun):
        predikat = sakip_rule.evaluasi(s).predikat
        yield [s.tahun, s.skema, s.perencanaan, s.pengukuran, s.pelaporan, s.evaluasi_internal,
               s.capaian_kinerja, s.nilai_lhe, predikat, s.nomor_lhe, s.tanggal_lhe]


def spec_rows(register) -> Iterator[list]:
    """The live rows of a register in its columns (``registers``: the koperasi, the usaha
    kecil, a register declared by its spec alone), by its natural key else as added: a
    kabupaten/kota by its name, a yes/no as Ya/Tidak, a choice by its label (each field's
    ``cell``)."""
    kab = _kab()
    model = model_for(register)
    plan = []
    for f in register.columns:
        if not f.column:
            plan.append((None, None))
        elif f.kind == "kabupaten":
            plan.append((f.column, kab.__getitem__))
        elif f.kind == "bool":
            plan.append((f.column, lambda v: "Ya" if v else "Tidak"))
        else:
            plan.append((f.column, None if f.cell is _SAME else f.cell))
    order = [getattr(model, register.field(k).column) for k in register.key] or [model.id]
    for row in model.live().order_by(*order).iterator():
        out = []
        for column, cell in plan:
            value = getattr(row, column) if column else None
            out.append(value if cell is None or value is None else cell(value))
        yield out


def _target() -> Iterator[list]:
    """Every indikator of the document in force × every year of its period, the target
    blank where none is set (the grid the office fills in)."""
    from ..store import document_repo

    doc = document_repo.load_active()
    if doc is None:
        return
    for ind in doc.semua_indikator:
        for tahun in doc.tahun:
            yield [f"IKU {ind.nomor}", ind.nama, ind.satuan, tahun, ind.targets.get(tahun)]


# the kinds whose rows name other rows or computed values (the others: ``spec_rows``)
ROWS: dict[str, Callable[[], Iterator[list]]] = {
    "koperasi-tahunan": _tahun_buku, "ikm": _ikm, "sakip": _sakip, "target": _target,
}
# the kinds whose template comes filled with these rows (the document's indikator × years)
PREFILLED = ("target",)


def _cell(ws, value):
    value = visible(value)  # a control character in the database never breaks the export
    if isinstance(value, str) and value.startswith(FORMULA_START):
        c = WriteOnlyCell(ws, value=value)
        c.data_type = "s"  # text, never a formula
        c.quotePrefix = True
        return c
    return value


def _header(ws, headers: list[str]) -> None:
    cells = []
    for h in headers:
        c = WriteOnlyCell(ws, value=h)
        c.font, c.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F3B57")
        cells.append(c)
    ws.append(cells)


def export(kind: str, path: str | Path, year: int | None = None,
           progress: Callable[[int], None] | None = None) -> int:
    """Write the export (whole, or nothing: ``OutputError``); returns the number of data
    rows."""
    if kind != "capaian" and kind not in KINDS:
        raise ValueError(f"Jenis ekspor '{kind}' tidak dikenal; pilihan: "
                         + ", ".join((*KINDS, "capaian")))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(kind))
    ws.freeze_panes = "A2"
    if kind == "capaian":
        headers, rows = _capaian(year)
        fmts = ["int", "text", "text", "text", "score", "score", "score", "text"] + \
            ["score"] * (len(headers) - 8)
    else:
        columns = KINDS[kind].SPEC.columns
        headers = [c.header for c in columns]
        fmts = [c.fmt for c in columns]
        rows = ROWS[kind]() if kind in ROWS else spec_rows(KINDS[kind].REGISTER)
    for i, (h, f) in enumerate(zip(headers, fmts), start=1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = max(12, min(40, len(h) + 4))
        if f != "text":
            dim.number_format = FORMATS[f]
    _header(ws, headers)
    n = 0
    for row in rows:
        ws.append([_cell(ws, v) for v in row])
        n += 1
        if progress and n % 5000 == 0:
            progress(n)
    save_workbook(wb, path)
    return n


def _capaian(year: int | None):
    from ..services.printouts import SnapshotError, snapshot_capaian

    try:
        snap = snapshot_capaian(year)
    except SnapshotError as exc:
        raise ValueError(str(exc)) from exc
    earlier = [y for y in snap["tahun_riwayat"] if y < snap["tahun"]]
    headers = ["No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan",
               f"Target {snap['tahun']}", f"Realisasi {snap['tahun']}", "Capaian (%)",
               "Kategori capaian"] + [f"Realisasi {y}" for y in earlier]
    rows = [[r["nomor"], f"{r['sasaran_nomor']}. {r['sasaran']}", r["indikator"], r["satuan"],
             r["target"], r["realisasi"], r["capaian"], r["predikat"] or (r["capaian_alasan"]
                                                                       or r["alasan"])]
            + [r["riwayat"][str(y)] for y in earlier] for r in snap["baris"]]
    return headers, iter(rows)
