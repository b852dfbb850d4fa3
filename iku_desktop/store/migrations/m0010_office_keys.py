"""Office keys for signed and sealed data packages: this database's own key pair (one per
office code it has been; the private key is not audited, so no audit row copies it) and
the keys of the other offices, pinned per office code (audited: who accepted which key,
when)."""

from .. import audit

VERSION = 10
NAME = "office keys"

STATEMENTS = [
    """CREATE TABLE kunci_sendiri (
        kantor TEXT PRIMARY KEY,
        rahasia BLOB NOT NULL CHECK (length(rahasia) = 32),
        publik TEXT NOT NULL,
        dibuat_at TEXT NOT NULL)""",
    """CREATE TABLE kunci_kantor (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        kantor TEXT NOT NULL,
        nama TEXT NOT NULL DEFAULT '',
        publik TEXT,
        sidik TEXT NOT NULL,
        cara TEXT NOT NULL CHECK (cara IN ('paket', 'berkas', 'operator')),
        dicatat_at TEXT NOT NULL,
        terakhir_at TEXT,
        diganti_at TEXT)""",
    "CREATE UNIQUE INDEX kunci_kantor_berlaku ON kunci_kantor (kantor) "
    "WHERE diganti_at IS NULL",
]


def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
    audit.install_triggers(conn, ["kunci_kantor"])
