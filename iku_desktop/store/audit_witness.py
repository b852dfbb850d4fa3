"""Witnessed heads of the audit chain: what makes a truncated or wiped audit log show.

The seals (``store.audit``) show an audit row edited or inserted behind the program's
back, but not the last seals deleted together with the rows they cover, nor the whole log
wiped: what is left is still a sound chain. So the chain's *head* — the last sealed audit
row (``baris``) and its seal's hash — is written down outside the chain whenever it is
shown to someone: when a printout is archived (``cetak``) and when a package is sent
(``keluar``; the package carries it too, in its signed outer manifest). ``iku audit
--verify`` checks that the chain still has, at every head written down here, a seal with
that hash (``problems``): a chain shorter than a recorded head, or another hash at a
recorded row, is reported.

The office receiving a package keeps the sender's head (``masuk``, per sending office)
and checks the next package from that office against it (``check_incoming``): the
package carries its head, the chain's hash today at each head the sender sent before
(``sent``), and the heads a restore there replaced (``superseded``). A chain that went
shorter, or whose hash at a head witnessed here changed, is flagged.

A restore of an older backup is a recorded event that starts a new segment: its audit
row (``basis_data``, ``pulih``) names the replaced chain's head and the heads witnessed
in it that the restored chain no longer has (``restore_content``); those count as
superseded, documented, and are reported as a notice, not as damage. The witnessed heads
of other offices' chains are carried into the restored database (``carry_over``).

What this cannot do: someone who rewrites the log *and* removes every local witness with
it (the ``cetakan`` and ``audit_saksi`` rows) is not caught here — only by the offices
that received a package since, at the next package.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .fields import utc_now

ZERO = "0" * 64
OWN = ("cetak", "keluar")
MAX_CARRIED = 1000  # heads carried in a package (sent, superseded): bounded manifest
MAX_SHOWN = 5  # problems named one by one; the rest counted
_HEX = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Head:
    """The last sealed audit row and the hash of the seal ending there."""

    rows: int
    hash: str

    def as_dict(self) -> dict:
        return {"rows": self.rows, "sha256": self.hash}


def head(conn) -> Head:
    row = conn.execute("SELECT last_audit_id, hash FROM audit_seal ORDER BY id DESC "
                       "LIMIT 1").fetchone()
    return Head(row[0], row[1]) if row else Head(0, ZERO)


def _seals(conn) -> dict[int, str]:
    """Sealed row → the hash of the seal ending there."""
    return dict(conn.execute("SELECT last_audit_id, hash FROM audit_seal ORDER BY id"))


def _has_table(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None


def record(conn, arah: str, rujukan: str, kantor: str = "", at: str | None = None,
           witnessed: Head | None = None, catatan: str | None = None) -> Head:
    """Write down a head (this database's own when ``witnessed`` is None); nothing in a
    database whose schema predates the witnesses (written to by an older version's steps)."""
    witnessed = witnessed or head(conn)
    if not _has_table(conn, "audit_saksi"):
        return witnessed
    now = utc_now()
    conn.execute("INSERT INTO audit_saksi (arah, kantor, rujukan, baris, hash, dibuat_at, "
                 "dicatat_at, catatan) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (arah, kantor, rujukan, witnessed.rows, witnessed.hash, at or now, now,
                  catatan))
    return witnessed


# --- this database's own chain -----------------------------------------------------------

def _what(conn, arah: str, rujukan: str) -> str:
    if arah == "cetak":
        row = conn.execute("SELECT kode, dicetak_at FROM cetakan WHERE uuid = ?",
                           (rujukan,)).fetchone()
        return (f"Cetakan {row[0]} ({row[1][:10]})" if row else
                f"Cetakan {rujukan[:12]} (arsip cetakannya kini tidak ada)")
    row = conn.execute("SELECT nama_berkas, dibuat_at FROM paket WHERE package_id = ? AND "
                       "arah = 'keluar'", (rujukan,)).fetchone()
    return (f"Paket {row[0]} yang dikirim {row[1][:10]}" if row else
            f"Paket {rujukan[:12]} yang dikirim (catatannya kini tidak ada)")


def problems(conn) -> list[str]:
    """The heads written down here (printouts, packages sent) that the chain no longer
    has, in Indonesian."""
    if not _has_table(conn, "audit_saksi"):
        return []
    seals = _seals(conn)
    last = max(seals, default=0)
    found = []
    for arah, rujukan, baris, digest in conn.execute(
            "SELECT arah, rujukan, baris, hash FROM audit_saksi WHERE arah IN ('cetak', "
            "'keluar') ORDER BY baris DESC, id DESC").fetchall():
        if baris == 0 and digest == ZERO or seals.get(baris) == digest:
            continue
        what = _what(conn, arah, rujukan)
        if not seals:
            found.append(f"{what} mencatat log audit sampai baris {baris}, tetapi log audit "
                         "kini kosong (dihapus seluruhnya di luar IKU Desktop)")
        elif baris > last:
            found.append(f"{what} mencatat log audit sampai baris {baris}, tetapi rantainya "
                         f"kini hanya sampai baris {last} (baris audit sesudahnya dihapus "
                         "bersama segelnya)")
        else:
            found.append(f"{what} mencatat rantai log audit sampai baris {baris}, tetapi "
                         "segel pada baris itu kini berbeda atau tidak ada (log audit ditulis "
                         "ulang)")
    if len(found) > MAX_SHOWN:
        found = found[:MAX_SHOWN] + [f"… dan {len(found) - MAX_SHOWN} catatan lain yang "
                                     "juga tidak cocok"]
    return found


def _restores(conn) -> list[tuple[str, dict]]:
    out = []
    for at, text in conn.execute("SELECT at, perubahan FROM audit WHERE tabel = 'basis_data' "
                                 "AND aksi = 'pulih' ORDER BY id"):
        try:
            value = json.loads(text)
        except ValueError:
            continue
        if isinstance(value, dict):
            out.append((at, value))
    return out


def notes(conn) -> list[str]:
    """The documented segment breaks of the chain (restores of a backup), in Indonesian."""
    out = []
    for at, value in _restores(conn):
        replaced = value.get("rantai_diganti")
        superseded = value.get("saksi_diganti") or []
        if not isinstance(replaced, dict):
            continue
        out.append(f"Dipulihkan dari cadangan {Path(str(value.get('cadangan', ''))).name} pada "
                   f"{at[:19].replace('T', ' ')} UTC: rantai sebelumnya (sampai baris "
                   f"{replaced.get('rows')}) digantikan"
                   + (f"; {len(superseded)} kepala rantai yang sudah disaksikan cetakan atau "
                      "paket sebelum pemulihan tidak berlaku lagi" if superseded else ""))
    return out


# --- packages ----------------------------------------------------------------------------

def outgoing(conn) -> dict:
    """What a package carries of this database's chain: its head, the hash today at each
    head sent before (None where the chain no longer has a seal ending there), and the
    heads replaced by restores recorded in it."""
    seals = _seals(conn)
    now = head(conn)
    sent = [b for (b,) in conn.execute(
        "SELECT DISTINCT baris FROM audit_saksi WHERE arah = 'keluar' ORDER BY baris DESC "
        "LIMIT ?", (MAX_CARRIED,))]
    superseded = []
    for _, value in reversed(_restores(conn)):
        for pair in value.get("saksi_diganti") or []:
            if len(superseded) < MAX_CARRIED and _pair(pair, nullable=False):
                superseded.append(pair)
    return {**now.as_dict(), "sent": [[b, seals.get(b)] for b in sent],
            "superseded": superseded}


def _int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**63


def _pair(v, nullable: bool) -> bool:
    return (isinstance(v, list) and len(v) == 2 and _int(v[0])
            and (v[1] is None and nullable or isinstance(v[1], str) and bool(_HEX.fullmatch(v[1]))))


@dataclass(frozen=True)
class Carried:
    """A package's ``audit_head``, read."""

    head: Head
    known: dict[int, str | None]  # row → the sender's hash there today
    superseded: frozenset[tuple[int, str]]


def parse(value) -> Carried | None:
    """``value`` (a manifest's ``audit_head``) when well formed, else None."""
    if not isinstance(value, dict) or not _int(value.get("rows")) or not isinstance(
            value.get("sha256"), str) or not _HEX.fullmatch(value["sha256"]):
        return None
    sent, superseded = value.get("sent", []), value.get("superseded", [])
    if not isinstance(sent, list) or not isinstance(superseded, list) or \
            len(sent) > 10 * MAX_CARRIED or len(superseded) > 10 * MAX_CARRIED or \
            not all(_pair(p, True) for p in sent) or \
            not all(_pair(p, False) for p in superseded):
        return None
    known = {b: h for b, h in sent}
    known[value["rows"]] = value["sha256"]
    return Carried(Head(value["rows"], value["sha256"]), known,
                   frozenset((b, h) for b, h in superseded))


@dataclass(frozen=True)
class Check:
    """What a package's chain says against the heads witnessed here: ``problems`` (the
    history was rewritten or cut) and ``restored`` (heads superseded by a documented
    restore), both in Indonesian."""

    problems: tuple[str, ...] = ()
    restored: tuple[str, ...] = ()

    @property
    def messages(self) -> list[str]:
        return [*self.problems, *self.restored]


def check_incoming(conn, office: str, who: str, created_at: str, value) -> Check:
    """Check the chain a package of ``office`` (named ``who``) carries against the heads
    of that office witnessed here, the last witnessed first, down to the first it extends
    (so a cut already flagged is not flagged again at every later package)."""
    witnessed = conn.execute(
        "SELECT s.rujukan, s.baris, s.hash, s.dibuat_at, p.nama_berkas FROM audit_saksi AS s "
        "LEFT JOIN paket AS p ON p.package_id = s.rujukan AND p.arah = 'masuk' "
        "WHERE s.arah = 'masuk' AND s.kantor = ? ORDER BY s.id DESC",
        (office,)).fetchall()
    if value is None:
        return Check((f"Paket ini tidak membawa kepala rantai log audit {who}, padahal paket "
                      "sebelumnya dari kantor itu membawanya",) if witnessed else ())
    carried = parse(value)
    if carried is None:
        return Check((f"Kepala rantai log audit {who} dalam paket ini tidak terbaca",))
    restored = []
    for rujukan, baris, digest, at, berkas in witnessed:
        seen = f"paket {berkas or rujukan[:12]} dibuat {at[:10]}"
        now = carried.known.get(baris, "?")
        if now == digest:
            return Check((), tuple(restored))
        if (baris, digest) in carried.superseded:
            restored.append(
                f"{who} memulihkan cadangan lama: riwayat log auditnya sampai baris {baris} "
                f"yang disaksikan di sini ({seen}) digantikan oleh pemulihan yang tercatat di "
                "log auditnya. Data yang dikirim sesudah cadangan itu mungkin tidak ada lagi "
                "di sana")
            continue
        if now is None or baris > carried.head.rows:
            if now == "?" and created_at < at:
                continue  # an older package arriving after a newer one
            problem = (f"log audit {who} kini hanya sampai baris {carried.head.rows}, padahal "
                       f"{seen} sudah membawanya sampai baris {baris}"
                       if baris > carried.head.rows else
                       f"rantai log audit {who} kini tidak lagi mempunyai baris {baris} yang "
                       f"dibawa {seen}")
            problem += ": log auditnya dipotong atau dikosongkan"
        elif now == "?":
            problem = (f"paket ini tidak membawa hash rantai log audit {who} pada baris "
                       f"{baris} yang disaksikan di sini ({seen}): tidak dapat dipastikan "
                       "bahwa riwayatnya tidak ditulis ulang")
        else:
            problem = (f"rantai log audit {who} pada baris {baris} kini berbeda dari yang "
                       f"dibawa {seen}: riwayat log auditnya ditulis ulang")
        return Check((f"Log audit kantor pengirim TIDAK melanjutkan riwayat yang sudah "
                      f"disaksikan di sini — {problem}. Paket tetap digabungkan; minta "
                      f"{who} menjalankan iku audit --verify dan menjelaskan",), tuple(restored))
    return Check((), tuple(restored))


# --- restores ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Replaced:
    """The chain of a database about to be replaced by a restore: its head, the heads
    witnessed in it (its own, and those of other offices' chains)."""

    head: Head
    own: tuple[tuple[int, str], ...]
    others: tuple[tuple, ...]


def read_replaced(path: Path) -> Replaced | None:
    """The chain of the database file at ``path`` (read-only); None when it cannot be
    read (a damaged file, a schema before the audit log)."""
    from . import dbfile

    try:
        conn = dbfile.connect_read_only(path)
    except (OSError, sqlite3.Error):
        return None
    try:
        if not _has_table(conn, "audit_seal"):
            return None
        own: set[tuple[int, str]] = set()
        others: tuple = ()
        if _has_table(conn, "audit_saksi"):
            own = set(conn.execute("SELECT baris, hash FROM audit_saksi WHERE arah IN "
                                   "('cetak', 'keluar')"))
            others = tuple(conn.execute(
                "SELECT kantor, rujukan, baris, hash, dibuat_at, catatan FROM audit_saksi "
                "WHERE arah = 'masuk' ORDER BY id"))
        for _, value in _restores(conn):  # heads an earlier restore there superseded
            own |= {tuple(p) for p in value.get("saksi_diganti") or [] if _pair(p, False)}
        now = head(conn)
        own.add((now.rows, now.hash))
        return Replaced(now, tuple(sorted(own)), others)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def restore_content(conn, replaced: Replaced | None) -> dict:
    """What a restore's audit row records of the chain it replaced: its head, and the
    heads witnessed in it that the restored chain does not have (superseded)."""
    if replaced is None:
        return {"rantai_diganti": None}
    seals = _seals(conn)
    gone = [[b, h] for b, h in replaced.own if seals.get(b) != h and not (b == 0 and h == ZERO)]
    return {"rantai_diganti": replaced.head.as_dict(), "saksi_diganti": gone[-MAX_CARRIED:]}


def carry_over(conn, replaced: Replaced | None) -> int:
    """Copy the other offices' heads witnessed in the replaced database that the restored
    one lacks; returns how many."""
    if replaced is None:
        return 0
    have = set(conn.execute("SELECT kantor, rujukan FROM audit_saksi WHERE arah = 'masuk'"))
    n = 0
    for kantor, rujukan, baris, digest, at, catatan in replaced.others:
        if (kantor, rujukan) not in have:
            record(conn, "masuk", rujukan, kantor, at, Head(baris, digest), catatan)
            n += 1
    return n
