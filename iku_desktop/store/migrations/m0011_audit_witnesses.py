"""Witnessed audit heads (``store.audit_witness``): the head of the audit chain (the last
sealed audit row and its seal's hash) as it was when a printout was archived here
(``cetak``) or a package was sent from here (``keluar``), and the heads of the other
offices' chains their packages carried (``masuk``, with what was found when the package
was checked against the heads witnessed before). Append-only, like the seals."""

VERSION = 11
NAME = "witnessed audit heads"

STATEMENTS = [
    """CREATE TABLE audit_saksi (
        id INTEGER PRIMARY KEY,
        arah TEXT NOT NULL CHECK (arah IN ('cetak', 'keluar', 'masuk')),
        kantor TEXT NOT NULL DEFAULT '',
        rujukan TEXT NOT NULL,
        baris INTEGER NOT NULL,
        hash TEXT NOT NULL,
        dibuat_at TEXT NOT NULL,
        dicatat_at TEXT NOT NULL,
        catatan TEXT)""",
    "CREATE INDEX audit_saksi_kantor ON audit_saksi (arah, kantor, baris)",
    """CREATE TRIGGER audit_saksi_no_update BEFORE UPDATE ON audit_saksi
       BEGIN SELECT RAISE(ABORT, 'saksi audit hanya dapat ditambah'); END""",
    """CREATE TRIGGER audit_saksi_no_delete BEFORE DELETE ON audit_saksi
       BEGIN SELECT RAISE(ABORT, 'saksi audit hanya dapat ditambah'); END""",
]


def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
