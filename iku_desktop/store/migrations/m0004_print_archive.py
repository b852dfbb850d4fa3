"""The archive of printouts: what was printed (canonical snapshot), its verification code,
when and by whom."""

VERSION = 4
NAME = "print archive"

STATEMENTS = [
    """CREATE TABLE cetakan (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        jenis TEXT NOT NULL,
        parameter TEXT NOT NULL,
        kode TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        kertas TEXT NOT NULL,
        dicetak_at TEXT NOT NULL,
        pengguna TEXT NOT NULL)""",
    "CREATE INDEX cetakan_kode ON cetakan (kode)",
]


def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
