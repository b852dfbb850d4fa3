"""Office settings (the rule book's decisions) and covering indexes for the SQL counts."""

VERSION = 2
NAME = "settings and counting indexes"

STATEMENTS = [
    """CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    # IKU 1: scope of the register, then the two tahun buku rows per koperasi
    """CREATE INDEX koperasi_count ON koperasi (deleted, tanggal_badan_hukum, tanggal_bubar,
        status, kabupaten_id, jenis)""",
    """CREATE INDEX koperasi_tahun_buku_count ON koperasi_tahun_buku (koperasi_id, tahun,
        deleted, tanggal_rat, rat_sah, volume_usaha, aset)""",
    # IKU 2: the whole count reads this index only
    """CREATE INDEX usaha_kecil_count ON usaha_kecil (deleted, tanggal_terdata, tanggal_tutup,
        kabupaten_id, sektor, tanggal_nib, tanggal_iumk, nib, nomor_iumk)""",
    # IKU 4: responses of the surveys of a year
    "CREATE INDEX ikm_survei_tahun ON ikm_survei (tahun, deleted)",
]


def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
