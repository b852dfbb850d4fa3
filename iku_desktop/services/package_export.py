"""Sending a data package: this office's next package, numbered, holding for each
receiver every row changed since the last package of this office that receiver
acknowledged (before it has acknowledged any: since the previous package to it;
``everything``: all rows), tombstones included — so what a lost package held goes again. A
kabupaten/kota office sends only the rows it owns; the province sends everything (the
document and targets, and every office's records it has gathered). A row changed here
since it was last exchanged gets this package's number in its version (``versi``); each
exported row's content hash is remembered as the version the other offices now have
(``sync_hash``).

Every package is signed with this office's key and sealed to the receiving offices' keys
(``office_keys``; the format in ``exchange.package``): a district's packages go to the
province, the province's to every district whose key it knows (or those named, ``to``).
Where a receiver's key is not known yet the export is refused (``ReceiverKeyUnknown``)
unless sent ``unsealed`` (signed only).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.ownership import PROVINSI, REGIONAL
from ..domain.wilayah import KABUPATEN_KOTA
from ..exchange import package as pkgfile
from ..store import migrate
from ..store import models as m
from ..store.fields import new_uuid, utc_now
from . import office_keys, ownership, package_order, package_witness
from .package_order import bump, parse_versi, versi_text
from .sync_rows import ORDER, Mapper, content_hash

UNSEALED_WARNING = ("Paket tidak disegel: NIK pemilik dan data lain di dalamnya dapat "
                    "dibaca siapa pun yang memegang berkasnya (flashdisk yang hilang, "
                    "surel yang salah kirim); hanya tanda tangannya yang menjaga isinya dari "
                    "pemalsuan")


@dataclass
class ExportResult:
    """Attributes: receivers: the offices the package is sealed to (none: unsealed);
    fingerprint: of this office's key, which signed it; without_key: the districts a
    province package is not sealed to, their keys not known here; nomor: the package's
    number; since: the rows it holds changed after this time (None: all)."""

    path: Path
    package_id: str
    since: str | None
    counts: dict[str, int]
    receivers: tuple[pkgfile.Party, ...] = ()
    fingerprint: str = ""
    without_key: list[str] = field(default_factory=list)
    nomor: int = 0


def last_export() -> str | None:
    row = (m.Paket.select().where(m.Paket.arah == "keluar")
           .order_by(m.Paket.dicatat_at.desc()).first())
    return row.dicatat_at if row else None


def _owned_where(table: str, office: str) -> tuple[str, tuple]:
    """SQL condition for the rows of ``table`` a kabupaten/kota office owns."""
    if table in ("koperasi", "usaha_kecil"):
        return "kabupaten_id = (SELECT id FROM kabupaten WHERE bps = ?)", (office,)
    return ("koperasi_id IN (SELECT c.id FROM koperasi AS c JOIN kabupaten AS k ON "
            "k.id = c.kabupaten_id WHERE k.bps = ?)"), (office,)


def intended(to: list[str] | None = None) -> list[str]:
    """The offices a package is meant for (sealed to them or not): those named in ``to``,
    else the province for a district's package and every district for the province's."""
    office = ownership.office_code()
    if not to:
        return [PROVINSI] if office != PROVINSI else [k.bps for k in KABUPATEN_KOTA]
    codes = list(dict.fromkeys(office_keys.office_code_of(t) for t in to))
    if office in codes:
        raise pkgfile.PackageError("Paket tidak dikirim ke kantor ini sendiri; sebutkan "
                                   "kantor penerima yang lain")
    return codes


def receivers(to: list[str] | None = None) -> tuple[list[pkgfile.Party], list[str]]:
    """The offices a package is sealed to, and the districts left out (their keys unknown):
    those named in ``to``, else a district's package to the province and the province's to
    every district whose key is known here. Raises ``ReceiverKeyUnknown`` for a named
    office (or the province) whose key is not known."""
    codes = intended(to)
    if not to and ownership.office_code() == PROVINSI:
        found = [office_keys.receiver(c) for c in codes]
        parties = [p for p in found if p is not None]
        if not parties:
            raise office_keys.ReceiverKeyUnknown(None)
        return parties, [c for c, p in zip(codes, found) if p is None]
    parties = []
    for code in codes:
        party = office_keys.receiver(code)
        if party is None:
            raise office_keys.ReceiverKeyUnknown(code)
        parties.append(party)
    return parties, []


def export_package(path: str | Path, since: str | None = None, everything: bool = False,
                   to: list[str] | None = None, unsealed: bool = False) -> ExportResult:
    """Write this office's next package to ``path``, signed, and sealed to the offices
    ``to`` (default: ``receivers``) unless ``unsealed``. ``since``: also the rows changed
    since that time; ``everything``: all rows."""
    path = Path(path)
    office = ownership.office_code()
    parties, without_key = ([], []) if unsealed else receivers(to)
    codes = [p.office for p in parties] if parties else intended(to)
    with m.database.atomic():
        secret = office_keys.own_secret()
    started = utc_now()
    plan = package_order.outgoing(codes, since, everything)
    conn = m.database.connection()
    mapper = Mapper(conn)
    tables: dict[str, list[dict]] = {}
    exchanged: dict[str, list[tuple]] = {}
    for table in ORDER:
        if office != PROVINSI and table not in REGIONAL:
            continue  # the province's data: a district never changes it
        where, args = [], []
        if plan.since:
            where.append("updated_at > ?")
            args.append(plan.since)
        if office != PROVINSI:
            w, a = _owned_where(table, office)
            where.append(w)
            args.extend(a)
        rows, done = [], []
        for local in mapper.rows(table, " AND ".join(where), tuple(args)):
            row = mapper.to_portable(table, local)
            digest = content_hash(row)
            if digest != local["sync_hash"]:  # changed here since last exchanged
                row["versi"] = versi_text(bump(parse_versi(local["versi"]), office,
                                               plan.nomor))
            rows.append(row)
            done.append((digest, row["versi"], row["uuid"]))
        if rows:
            tables[table], exchanged[table] = rows, done
    info = ownership.describe(office)
    head = package_witness.outgoing()
    package = pkgfile.Package(new_uuid(), office, info, started, plan.since,
                              migrate.latest_version(), tables, order=plan.block,
                              audit_head=head)
    envelope = pkgfile.write(path, package, secret, parties)
    with m.database.atomic():
        for table, done in exchanged.items():
            conn.executemany(f"UPDATE {table} SET sync_hash = ?, versi = ? WHERE uuid = ?",
                             done)
        m.Paket.create(package_id=package.package_id, arah="keluar",
                       kantor=",".join(p.office for p in parties),
                       nama_berkas=path.name, dibuat_at=started, sejak=plan.since,
                       dicatat_at=utc_now(), jumlah=json.dumps(package.counts()),
                       nomor=plan.nomor, penerima=",".join(codes))
        package_witness.record_sent(package.package_id, [p.office for p in parties], started,
                                    head)
    return ExportResult(path, package.package_id, plan.since, package.counts(), tuple(parties),
                        envelope.sender.fingerprint, without_key, plan.nomor)
