"""The audit log (append-only, sealed with a running hash) and what data packages between
offices need: each synced row's hash at the last exchange, the packages sent and received,
and the conflicts found when merging."""

from .. import audit

VERSION = 6
NAME = "audit log and office data packages"

SYNC_TABLES = ["dokumen", "fungsi", "sasaran", "indikator", "target", "realisasi_manual",
               "koperasi", "koperasi_tahun_buku", "usaha_kecil", "sakip", "ikm_survei",
               "ikm_respon"]

STATEMENTS = [
    *[f"ALTER TABLE {t} ADD COLUMN sync_hash TEXT" for t in SYNC_TABLES],
    """CREATE TABLE paket (
        id INTEGER PRIMARY KEY,
        package_id TEXT NOT NULL,
        arah TEXT NOT NULL CHECK (arah IN ('keluar', 'masuk')),
        kantor TEXT NOT NULL,
        nama_berkas TEXT NOT NULL,
        dibuat_at TEXT NOT NULL,
        sejak TEXT,
        dicatat_at TEXT NOT NULL,
        jumlah TEXT NOT NULL)""",
    "CREATE INDEX paket_arah ON paket (arah, dicatat_at)",
    """CREATE TABLE konflik (
        id INTEGER PRIMARY KEY,
        tabel TEXT NOT NULL,
        row_uuid TEXT NOT NULL,
        milik_kita TEXT NOT NULL,
        milik_mereka TEXT NOT NULL,
        package_id TEXT NOT NULL,
        kantor TEXT NOT NULL,
        ditemukan_at TEXT NOT NULL,
        diselesaikan_at TEXT,
        keputusan TEXT CHECK (keputusan IN ('kita', 'mereka')),
        pengguna TEXT)""",
    "CREATE INDEX konflik_row ON konflik (tabel, row_uuid)",
    *audit.TABLE_SQL,
]


def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
    audit.install_triggers(conn, SYNC_TABLES + [audit.AUDITED_SETTING])
