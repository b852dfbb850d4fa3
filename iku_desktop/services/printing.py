"""Printing use cases: build the snapshot of a printout from the database, render it, archive
it with its verification code; and verify a code offline."""

from __future__ import annotations

import binascii
import getpass
import json
import os
from dataclasses import dataclass
from decimal import Decimal

from ..domain.formatting import format_time
from ..errors import Refused
from ..exchange.output import OutputError, write_bytes  # noqa: F401 (OutputError: callers)
from ..reports import verification
from ..store import audit, audit_witness, settings
from ..store import models as m
from ..store.writing import read_only_reason
from . import ownership, printouts

KINDS = tuple(printouts.PRINTOUTS)


class PrintError(Refused):
    """A printout that cannot be made; ``str()`` is the user's message."""


@dataclass(frozen=True)
class Printout:
    """Attributes:
    kind: dokumen | capaian | ikm | perhitungan.
    pdf: the PDF bytes.
    code: the verification code printed on every page.
    archive_id: the row in ``cetakan``.
    pages: number of pages.
    """

    kind: str
    pdf: bytes
    code: str
    archive_id: int
    pages: int


def default_paper() -> str:
    """The paper size set for this office (Pengaturan: kertas)."""
    return settings.get("kertas")


def page_setup(code: str, paper: str | None = None) -> PageSetup:
    # reportlab and Pillow load with the first printout, not with the window
    from ..reports import fonts, logo
    from ..reports.kop import KopError
    from ..reports.layout import PAPER, Kop, PageSetup

    paper = (paper or settings.get("kertas")).upper()
    if paper not in PAPER:
        raise PrintError(f"Ukuran kertas '{paper}' tidak dikenal; pilih A4 atau F4")
    try:  # a logo kept before logos were checked whole may not be drawable
        kop = Kop.from_settings(settings.get("kop_surat_baris"), settings.get("kop_surat_logo"))
        if kop.logo:
            logo.check(kop.logo)
    except (logo.LogoError, binascii.Error) as exc:
        raise PrintError(f"Logo kop surat yang tersimpan tidak dapat dicetak — {exc}. Ganti "
                         "atau hapus logonya di Kantor › Pengaturan kantor (atau: iku setting "
                         "kop_surat_logo --file BERKAS; tanpa --file: dihapus)") from exc
    setup = PageSetup(paper, code, fonts.register(settings.get("huruf")), kop)
    try:
        setup.kop_layout  # noqa: B018 — a letterhead too long to fit is refused here
    except KopError as exc:
        raise PrintError(str(exc)) from exc
    return setup


@dataclass(frozen=True)
class KopPreview:
    """Attributes:
    pdf: one page as wide as the paper: its top with the letterhead exactly as the first
        page of every printout draws it (b"" when the letterhead cannot be printed).
    problem: why it cannot be printed (Indonesian), "" when it can.
    """

    pdf: bytes
    problem: str = ""


def kop_preview(lines: list[str], logo_base64: str, paper: str, font: str) -> KopPreview:
    """The letterhead of ``lines`` and ``logo_base64`` (as the settings keep them) on
    ``paper`` in ``font`` (a ``huruf`` setting), laid out and drawn as a printout would —
    before the settings are stored."""
    from ..reports import fonts, logo
    from ..reports.kop import KopError
    from ..reports.layout import PAPER, Kop, PageSetup, kop_strip

    if paper not in PAPER or font not in fonts.FAMILIES:
        return KopPreview(b"", f"Ukuran kertas '{paper}' atau huruf '{font}' tidak dikenal")
    try:
        kop = Kop.from_settings(lines, logo_base64)
        if kop.logo:
            logo.check(kop.logo)
        setup = PageSetup(paper, "", fonts.register(font), kop)
        return KopPreview(kop_strip(setup))
    except (logo.LogoError, binascii.Error) as exc:
        return KopPreview(b"", f"Logo tidak dapat dicetak — {exc}")
    except KopError as exc:
        return KopPreview(b"", str(exc))


def make(kind: str, params: dict | None = None, paper: str | None = None,
         archive: bool = True, path: str | os.PathLike | None = None) -> Printout:
    """Render a printout of ``kind`` with ``params`` (year, survey) and archive it. With
    ``path`` the PDF is written there first, whole (``OutputError`` when it cannot be),
    and its code is archived only once the file is complete. A database open read-only
    prints without archiving."""
    from ..reports.layout import LayoutFailed

    if kind not in printouts.PRINTOUTS:
        raise PrintError(f"Jenis cetakan '{kind}' tidak dikenal; pilihan: {', '.join(KINDS)}")
    params = dict(params or {})
    try:
        snap = snapshot_of(kind, params)
    except printouts.SnapshotError as exc:
        raise PrintError(str(exc)) from exc
    code = verification.code_for(snap)
    setup = page_setup(code, paper)
    try:
        pdf = printouts.PRINTOUTS[kind].render(snap, setup)
    except LayoutFailed as exc:
        raise PrintError(str(exc)) from exc
    if path is not None:
        write_bytes(path, pdf)
    archive_id = 0
    if archive and not ownership.read_only() and not read_only_reason(m.database):
        label = printouts.PRINTOUTS[kind].label
        with audit.recording(m.database, f"Cetak {label}"):
            row = m.Cetakan.create(jenis=kind, parameter=json.dumps(params, sort_keys=True),
                                   kode=code, sha256=verification.digest(snap),
                                   snapshot=verification.canonical(snap), kertas=setup.paper,
                                   pengguna=_user())
            # the audit chain's head as printed, this printout's own audit row sealed under
            # it: audit --verify checks the chain still reaches it
            audit.seal(m.database.connection())
            audit_witness.record(m.database.connection(), "cetak", row.uuid)
        archive_id = row.id
    return Printout(kind, pdf, code, archive_id, pdf.count(b"/Type /Page\n"))


def snapshot_of(kind: str, params: dict, frozen: bool = True) -> dict:
    """Exactly what the printout shows — its data and the letterhead — as plain data. The
    Laporan Capaian of a locked year is the snapshot frozen when it was locked (its code is
    the code of the report as it was reported), unless ``frozen`` is False."""
    if kind == "capaian" and frozen and params.get("year") is not None:
        lock = m.KunciTahun.get_or_none(m.KunciTahun.tahun == int(params["year"]))
        if lock is not None:
            return revive_capaian(json.loads(lock.snapshot))
    snap = printouts.PRINTOUTS[kind].snapshot(**params)
    logo = settings.get("kop_surat_logo")
    snap["kop"] = {"baris": [x for x in settings.get("kop_surat_baris") if x.strip()],
                   "logo": verification.digest({"logo": logo}) if logo else None}
    return snap


def revive_capaian(snap: dict) -> dict:
    """A stored capaian snapshot with its numbers as Decimal again (JSON holds them as
    text; the canonical form, and so the code, is the same either way)."""
    def dec(v):
        return Decimal(v) if isinstance(v, str) else v

    for r in snap["baris"]:
        for k in ("target", "realisasi", "capaian"):
            r[k] = dec(r[k])
        r["riwayat"] = {y: dec(v) for y, v in r["riwayat"].items()}
        if "target_periode" in r:  # (frozen by a version without the charts: absent)
            r["target_periode"] = {y: dec(v) for y, v in r["target_periode"].items()}
            r["kabupaten"] = [[label, dec(v)] for label, v in r["kabupaten"]]
    return snap


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 — no user name on this system
        return "tidak diketahui"


@dataclass(frozen=True)
class Verification:
    """Attributes:
    code: the code as normalised.
    known: an archived printout carries this code.
    printed: (time, user, kind, parameter) of each archived printout with the code.
    still_matches: today's data gives the same snapshot (None when the code is unknown or
        its archive row cannot be trusted).
    message: the answer in Indonesian.
    intact: the archive rows with the code are as the program wrote them (audit log).
    """

    code: str
    known: bool
    printed: tuple[tuple[str, str, str, dict], ...]
    still_matches: bool | None
    message: str
    intact: bool = True


def verify(text: str) -> Verification:
    code = verification.normalise_code(text)
    rows = list(m.Cetakan.select().where(m.Cetakan.kode == code).order_by(m.Cetakan.dicetak_at))
    if not rows:
        return Verification(code, False, (), None,
                            f"Kode {code} tidak dikenal: tidak ada cetakan dengan kode ini di "
                            "basis data ini.")
    conn = m.database.connection()
    problems = [p for p in (audit.row_problem(conn, "cetakan", r.uuid) for r in rows) if p]
    if problems:
        return Verification(
            code, True, (), None,
            f"Kode {code} TIDAK dapat dipastikan asli: catatan arsip cetakannya {problems[0]}. "
            "Lihat: iku audit --verify", intact=False)
    first = rows[0]
    params = json.loads(first.parameter)
    printed = tuple((r.dicetak_at, r.pengguna, r.jenis, json.loads(r.parameter)) for r in rows)
    try:
        snap = snapshot_of(first.jenis, params)
        matches = any(verification.digest(form) == first.sha256
                      for form in printouts.earlier_forms(first.jenis, snap))
    except printouts.SnapshotError:
        matches = False
    when = format_time(first.dicetak_at, seconds=True)
    label = printouts.PRINTOUTS[first.jenis].label
    msg = (f"Kode {code} asli: {label} dicetak {when} oleh {first.pengguna}"
           + (f" ({len(rows)} kali dicetak)" if len(rows) > 1 else "") + ". ")
    msg += ("Data hari ini masih sama dengan yang dicetak." if matches else
            "PERHATIAN: data hari ini sudah berbeda dari yang dicetak.")
    return Verification(code, True, printed, matches, msg)
