"""Locked realisasi: once a year's realisasi is reported, its Laporan Capaian is frozen as
a snapshot (with the verification code printed from it) and its targets and manual
realisasi can no longer change."""

from .. import audit

VERSION = 7
NAME = "locked realisasi years"

STATEMENTS = [
    """CREATE TABLE kunci_tahun (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        tahun INTEGER NOT NULL UNIQUE,
        dikunci_at TEXT NOT NULL,
        pengguna TEXT NOT NULL,
        kode TEXT NOT NULL,
        snapshot TEXT NOT NULL)""",
]


def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
    audit.install_triggers(conn, ["kunci_tahun"])
