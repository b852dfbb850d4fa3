"""The order of data packages between offices, and the version every synced row carries.

A package travels on a USB stick or by e-mail: it can arrive late, twice, out of order or
not at all, and an old one can be sent again with a new package id (exported once more
from a restored backup). Content hashes alone cannot tell an old version of a row from a
new one; package numbers and version vectors can.

**Numbers.** Each office numbers the packages it sends 1, 2, 3… (one counter for all its
receivers). The outer manifest, signed, carries them under ``urutan`` (``block``):

- ``nomor``: this package's number;
- ``penerima``: for each office the package is meant for (sealed to it or not),
  ``sebelumnya``, the number of the previous package this office sent to it (0: none), and
  ``dasar``, the number up to which that office has acknowledged this office's packages
  (0: none): the package holds every change made here since package ``dasar`` was made,
  so it carries again whatever a package lost after it held;
- ``diterima``: for each office whose packages reached this one, the number up to which
  their chain is complete here — the acknowledgement that office reads.

A receiver keeps the numbers it received from each sender. A number received before under
another package id is a replay (an old package sent again, or made from a restored copy of
the sender's database): reported, and merged by the versions alone, so nothing older than
what is here replaces it and the rows only it holds are not lost (``replayed``). The
chain from a sender is complete up to c: going up the numbers received, a package extends
c to its own number when its ``dasar`` is at most c. A ``sebelumnya`` above c that was not
received is a gap, reported ("Paket ke-5 dari kantor … belum diterima"). The sender, once
it reads this office's acknowledgement, sends everything changed since the last package
acknowledged (``outgoing``), so a later package delivers what the gap held and closes it;
duplicates are harmless, since versions decide. Because ``sebelumnya`` and the
acknowledgements are kept per receiver, the province's packages sent ``--to`` one district
neither open false gaps nor leave rows out of the next package to the others.

**Versions: a version vector per row.** ``versi`` maps an office code to the number of that
office's package that last carried a change to the row. At export, a row this office
changed since it was last exchanged (content hash ≠ ``sync_hash``) gets ``versi[this
office]`` = the package's number; rows merged from others keep their vector. At merge
(``compare``): theirs ≤ ours → an old or replayed version, ours stays; ours ≤ theirs and no
change of ours not yet exported → theirs is taken; otherwise the two were changed without
seeing each other: a conflict, unless the contents are equal (the vectors are joined).
Rows exchanged before numbering began carry no vector on either side and merge by their
hashes as before. A vector rather than one counter per row because a row can change both at
its district and at the province: the vector keeps both offices' changes, so "newer" is a
fact, not a guess from clocks, and two changes made apart are a conflict instead of one
silently replacing the other.

**Restores.** A backup restored through the program keeps the numbering going after the
packages the replaced state had sent (``carry_over_sent``); a copy put back behind the
program's back numbers on after the highest number any office has acknowledged
(``last_number``), and until then a number it reuses is reported as a replay where it
arrives. A package without ``urutan`` comes from a version before numbering and is
refused (``incoming``): its rows carry no version, so an old one could not be told from
a new one.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import fn

from ..domain.formatting import format_time
from ..exchange.package import ORDER_FIELD, Envelope, PackageError
from ..store import dbfile
from ..store import models as m
from . import ownership

MAX_NUMBER = 2**31 - 1


# --- version vectors -----------------------------------------------------------------------

def parse_versi(text) -> dict[str, int]:
    """A row's ``versi`` as a dict (empty: none; a value that is not a vector counts as none:
    package rows are checked by ``package_values`` before they get here)."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(v, int) and not isinstance(v, bool)}


def versi_text(vector: dict[str, int]) -> str | None:
    """The stored form: compact JSON with sorted keys (None: no vector)."""
    vector = {k: v for k, v in vector.items() if v}
    return json.dumps(vector, sort_keys=True, separators=(",", ":")) if vector else None


def leq(a: dict[str, int], b: dict[str, int]) -> bool:
    """Whether version ``a`` is ``b`` or older (every office's number in ``a`` ≤ in ``b``)."""
    return all(n <= b.get(k, 0) for k, n in a.items())


def join(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {k: max(a.get(k, 0), b.get(k, 0)) for k in set(a) | set(b)}


def bump(vector: dict[str, int], office: str, nomor: int) -> dict[str, int]:
    return dict(vector, **{office: max(vector.get(office, 0), nomor)})


def compare(ours: dict[str, int], theirs: dict[str, int]) -> str:
    """"legacy" (no vector on either side), "older" (theirs ≤ ours), "newer" (ours < theirs)
    or "concurrent"."""
    if not ours and not theirs:
        return "legacy"
    if leq(theirs, ours):
        return "older"
    if leq(ours, theirs):
        return "newer"
    return "concurrent"


def version_problem(vector: dict[str, int], sender: str, nomor: int | None, own: str,
                    own_last: int) -> str | None:
    """Why a row's vector cannot be true (None: it can): it names a package of this office
    (``own``, whose last package is ``own_last``) never made, or one of its sender's after
    the package carrying it (``nomor`` None: a held row, checked when it arrived)."""
    if vector.get(own, 0) > own_last:
        return (f"versinya menyebut paket ke-{vector[own]} dari kantor ini, yang belum pernah "
                "dibuat")
    if nomor is not None and sender != own and vector.get(sender, 0) > nomor:
        return (f"versinya menyebut paket ke-{vector[sender]} dari kantor pengirim, sesudah "
                f"paket ini (ke-{nomor})")
    return None


# --- sending -------------------------------------------------------------------------------

def last_number() -> int:
    """The number of the last package this office sent (0: none yet), or the highest an
    office has acknowledged receiving from it, if higher (this database is an older copy,
    put back behind the program's back: a number reused would be a replay there)."""
    sent = m.Paket.select(fn.MAX(m.Paket.nomor)).where(m.Paket.arah == "keluar").scalar()
    acked = m.Paket.select(fn.MAX(m.Paket.diakui)).where(m.Paket.arah == "masuk").scalar()
    return max(sent or 0, acked or 0)


def carry_over_sent(conn, replaced: Path) -> int:
    """After a backup is restored: record the numbered packages the replaced database had
    sent that the restored one does not know, so that numbering goes on after them and each
    receiver's previous package stays known. Returns how many (0: the replaced file could
    not be read). What the replaced database had received is not carried: the restored
    one lacks those rows, and accepts those packages again."""
    try:
        old = dbfile.connect_read_only(replaced)
    except (OSError, sqlite3.Error):
        return 0
    try:
        columns = {r[1] for r in old.execute("PRAGMA table_info(paket)")}
        if "nomor" not in columns:
            return 0
        rows = old.execute(f"SELECT {', '.join(SENT_COLUMNS)} FROM paket WHERE "
                           "arah = 'keluar' AND nomor IS NOT NULL ORDER BY nomor").fetchall()
    except sqlite3.Error:
        return 0
    finally:
        old.close()
    have = {r[0] for r in conn.execute("SELECT package_id FROM paket WHERE arah = 'keluar'")}
    missing = [r for r in rows if r[0] not in have]
    conn.executemany(f"INSERT INTO paket ({', '.join(SENT_COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(SENT_COLUMNS))})", missing)
    return len(missing)


SENT_COLUMNS = ("package_id", "arah", "kantor", "nama_berkas", "dibuat_at", "sejak",
                "dicatat_at", "jumlah", "nomor", "penerima")


def _sent_to(code: str) -> list[m.Paket]:
    rows = (m.Paket.select().where((m.Paket.arah == "keluar") & m.Paket.nomor.is_null(False))
            .order_by(m.Paket.nomor))
    return [p for p in rows if code in (p.penerima or "").split(",")]


def acknowledged(code: str) -> int | None:
    """How far office ``code`` has received this office's packages, by its own latest word
    (None: no numbered package from it yet)."""
    values = [p.diakui or 0 for p in m.Paket.select(m.Paket.diakui).where(
        (m.Paket.arah == "masuk") & (m.Paket.kantor == code) & m.Paket.nomor.is_null(False))]
    return max(values) if values else None


def _legacy_since() -> str | None:
    """The last package sent before numbering began (its time: what the first numbered
    package to an office that has acknowledged nothing yet starts from)."""
    return (m.Paket.select(fn.MAX(m.Paket.dibuat_at))
            .where((m.Paket.arah == "keluar") & m.Paket.nomor.is_null()).scalar())


@dataclass(frozen=True)
class Outgoing:
    """Attributes: nomor: the package's number; since: the rows it holds changed after
    this time (None: all); block: the manifest's ``urutan``."""

    nomor: int
    since: str | None
    block: dict


def outgoing(codes: list[str], since: str | None = None, everything: bool = False) -> Outgoing:
    """Number the next package for the offices ``codes`` and decide what it holds: for each
    receiver every change since the last package of this office it acknowledged (since its
    previous package while it has acknowledged nothing); for several receivers, the
    earliest. ``since`` given: from that time or earlier; ``everything``: all rows."""
    nomor = last_number() + 1
    penerima, starts = {}, []
    for code in codes:
        sent = _sent_to(code)
        prev = sent[-1].nomor if sent else 0
        ack = acknowledged(code)
        base = prev if ack is None else min(ack, prev)
        start = None
        if everything:
            base = 0
        elif base:
            made = next((p.dibuat_at for p in sent if p.nomor == base), None)
            base = base if made else 0
            start = made
        elif ack is None:
            start = _legacy_since()
        penerima[code] = {"sebelumnya": prev, "dasar": base}
        starts.append(start)
    common = None if everything or not starts or None in starts else min(starts)
    if since and common is not None:
        common = min(common, since)  # an earlier time adds rows; a later one would lose some
    return Outgoing(nomor, common, {"nomor": nomor, "penerima": penerima,
                                    "diterima": receipts()})


# --- receiving -----------------------------------------------------------------------------

def _received(code: str) -> list[m.Paket]:
    return list(m.Paket.select().where((m.Paket.arah == "masuk") & (m.Paket.kantor == code)
                                       & m.Paket.nomor.is_null(False))
                .order_by(m.Paket.nomor))


def chain(code: str) -> tuple[int, list[int]]:
    """How far the packages of office ``code`` to this office are complete here, and the
    numbers known to be missing (named as ``sebelumnya`` by a package received)."""
    rows = [p for p in _received(code) if p.dasar is not None]
    complete = 0
    for p in rows:
        if p.nomor > complete and p.dasar <= complete:
            complete = p.nomor
    got = {p.nomor for p in rows}
    missing = sorted({p.sebelumnya for p in rows
                      if p.sebelumnya and p.sebelumnya > complete and p.sebelumnya not in got})
    return complete, missing


def receipts() -> dict[str, int]:
    """For every office that has sent numbered packages here: how far its chain is
    complete (the acknowledgements this office's packages carry)."""
    codes = [r.kantor for r in m.Paket.select(m.Paket.kantor).distinct().where(
        (m.Paket.arah == "masuk") & m.Paket.nomor.is_null(False))]
    return {code: chain(code)[0] for code in sorted(codes)}


@dataclass(frozen=True)
class Incoming:
    """What a package's ``urutan`` says to this office. Attributes: sender; nomor: its
    number at the sender; sebelumnya, dasar: for this office (None: the package does not
    name this office among its receivers); diakui: how far the sender has received this
    office's packages."""

    sender: str
    nomor: int
    sebelumnya: int | None
    dasar: int | None
    diakui: int


def _number(value, low: int = 0) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= MAX_NUMBER:
        return value
    return None


def incoming(env: Envelope) -> Incoming:
    """Read and check the package's ``urutan``; refused when absent (a package from a
    version before numbering) or malformed."""
    name, sender = env.name, env.sender.office
    block = env.manifest.get(ORDER_FIELD)
    if block is None:
        raise PackageError(
            f"Paket {name} tidak bernomor urut (dibuat IKU Desktop versi lama) dan tidak "
            "dapat diterima: urutannya tidak dapat diperiksa, sehingga paket lama dapat "
            f"menimpa data yang lebih baru. Perbarui IKU Desktop di "
            f"{ownership.describe(sender)}, lalu minta paketnya dikirim lagi")
    bad = PackageError(f"Manifes paket {name} rusak: nomor urut paket tidak sah")
    if not isinstance(block, dict):
        raise bad
    nomor = _number(block.get("nomor"), 1)
    to, acks = block.get("penerima"), block.get("diterima")
    if nomor is None or not isinstance(to, dict) or not isinstance(acks, dict) or \
            len(to) > 100 or len(acks) > 100:
        raise bad
    for entry in to.values():
        prev = _number(entry.get("sebelumnya")) if isinstance(entry, dict) else None
        base = _number(entry.get("dasar")) if isinstance(entry, dict) else None
        if prev is None or base is None or not base <= prev < nomor:
            raise bad
    if any(_number(v) is None for v in acks.values()):
        raise bad
    mine = to.get(ownership.office_code())
    return Incoming(sender, nomor, mine["sebelumnya"] if mine else None,
                    mine["dasar"] if mine else None, acks.get(ownership.office_code(), 0))


def replayed(order: Incoming) -> m.Paket | None:
    """The package received before under the same number from the same office, if any."""
    return (m.Paket.select().where((m.Paket.arah == "masuk") & (m.Paket.kantor == order.sender)
                                   & (m.Paket.nomor == order.nomor))
            .order_by(m.Paket.id).first())


def highest_received(code: str) -> int:
    return max((p.nomor for p in _received(code)), default=0)


def notes(order: Incoming, highest_before: int, earlier: m.Paket | None = None
          ) -> tuple[list[str], list[int]]:
    """After a package is recorded: what its order tells the user (a replay, a late
    package, gaps) and the numbers still missing from its sender. ``earlier``: the package
    received before under the same number."""
    who = f"{ownership.describe(order.sender)} ({order.sender})"
    out = []
    if order.sebelumnya is None:
        out.append(f"Paket ini tidak menyebut kantor ini sebagai penerimanya; urutannya "
                   f"tidak dihitung dalam rangkaian paket dari {who}")
    if earlier is not None:
        out.append(f"Paket ini memakai nomor ke-{order.nomor} dari {who}, yang sudah diterima "
                   f"di sini sebagai paket lain ({earlier.nama_berkas}, dicatat "
                   f"{format_time(earlier.dicatat_at)}): paket lama yang dikirim "
                   "ulang, atau dibuat dari salinan lama basis data kantor itu. Hanya data yang "
                   "lebih baru dari yang ada di sini yang diambil; tanyakan kepada kantor itu "
                   "apakah basis datanya dipulihkan dari cadangan")
    elif order.nomor < highest_before:
        out.append(f"Paket ini (ke-{order.nomor}) dari {who} datang sesudah paket "
                   f"ke-{highest_before} yang lebih baru: data yang di sini sudah lebih baru "
                   "tidak diubah olehnya")
    _, missing = chain(order.sender)
    for n in missing:
        out.append(f"Paket ke-{n} dari {who} belum diterima. Isinya dikirim lagi dalam paket "
                   "berikutnya dari kantor itu setelah kantor itu menerima paket dari kantor "
                   "ini (kirimkan paket ke sana)")
    return out, missing
