"""The order of data packages and the rows held back (``services.package_order``):

- every synced row carries the version it was derived from, ``versi`` (JSON text, office
  code → the number of that office's package that last carried a change to it; NULL: not
  exchanged since this version). Bookkeeping like ``sync_hash``: not audited;
- ``paket`` numbers the packages: ``nomor`` (an outgoing package's number here, an incoming
  one's at its sender), ``penerima`` (outgoing: the offices it is meant for, sealed or
  not), and for an incoming package what its sender said about this office: the number of
  the previous package it sent here (``sebelumnya``), the number up to which this office had
  acknowledged its packages when it was made (``dasar``: it holds every change since) and
  how far it had received this office's packages (``diakui``);
- ``tertahan``: rows of a package whose parent row has not arrived yet (a tahun buku before
  its koperasi), kept in portable form until a later merge can apply them.
"""

VERSION = 12
NAME = "package order and held rows"

# the synced tables as of this migration (frozen)
SYNC_TABLES = ["dokumen", "fungsi", "sasaran", "indikator", "target", "realisasi_manual",
               "koperasi", "koperasi_tahun_buku", "usaha_kecil", "sakip", "ikm_survei",
               "ikm_respon"]

STATEMENTS = [
    *[f"ALTER TABLE {t} ADD COLUMN versi TEXT" for t in SYNC_TABLES],
    "ALTER TABLE paket ADD COLUMN nomor INTEGER",
    "ALTER TABLE paket ADD COLUMN penerima TEXT",
    "ALTER TABLE paket ADD COLUMN sebelumnya INTEGER",
    "ALTER TABLE paket ADD COLUMN dasar INTEGER",
    "ALTER TABLE paket ADD COLUMN diakui INTEGER",
    "CREATE INDEX paket_nomor ON paket (arah, kantor, nomor)",
    """CREATE TABLE tertahan (
        id INTEGER PRIMARY KEY,
        tabel TEXT NOT NULL,
        row_uuid TEXT NOT NULL,
        isi TEXT NOT NULL,
        package_id TEXT NOT NULL,
        kantor TEXT NOT NULL,
        alasan TEXT NOT NULL,
        dicatat_at TEXT NOT NULL)""",
    "CREATE INDEX tertahan_tabel ON tertahan (tabel, row_uuid)",
]


def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
