"""An indikator's method is any registered method (``services.indicators.registry``), not
one of five names fixed in the schema: the CHECK on ``indikator.metode`` goes; the service
checks the method against the registry.

SQLite cannot drop a constraint, so the table is rebuilt (the procedure of
https://sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes"): a
new table without the CHECK, every row copied with its id, the old table dropped, the new
one renamed, and its indexes and triggers (the audit's) made again from the SQL they were
made with. The runner turns foreign keys off around it (``FOREIGN_KEYS_OFF``) — target and
realisasi_manual refer to indikator — and checks them before it commits. Dropping a table
fires no trigger: the audit log records nothing, the rows are unchanged.
"""

VERSION = 13
NAME = "open indikator methods"
FOREIGN_KEYS_OFF = True

# the columns of indikator as of this migration (m0001, then m0006 sync_hash, m0012 versi)
COLUMNS = ["id", "uuid", "updated_at", "origin", "deleted", "dokumen_id", "sasaran_id",
           "urutan", "nama", "satuan", "formulasi", "metode", "polaritas", "rumus_turun",
           "sumber_data", "penanggung_jawab", "sync_hash", "versi"]

CREATE = """CREATE TABLE indikator_baru (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    updated_at TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT 'provinsi',
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    dokumen_id INTEGER NOT NULL REFERENCES dokumen (id),
    sasaran_id INTEGER NOT NULL REFERENCES sasaran (id),
    urutan INTEGER NOT NULL,
    nama TEXT NOT NULL,
    satuan TEXT NOT NULL DEFAULT '',
    formulasi TEXT NOT NULL DEFAULT '',
    metode TEXT NOT NULL,
    polaritas TEXT NOT NULL DEFAULT 'naik' CHECK (polaritas IN ('naik', 'turun')),
    rumus_turun TEXT NOT NULL DEFAULT 'selisih' CHECK (rumus_turun IN ('selisih', 'rasio')),
    sumber_data TEXT NOT NULL DEFAULT '',
    penanggung_jawab TEXT NOT NULL DEFAULT '',
    sync_hash TEXT,
    versi TEXT)"""


def up(conn) -> None:
    # indexes and triggers of the table as they are (the UNIQUE index on uuid is the
    # table's own: it has no SQL and comes back with the new table)
    kept = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'indikator' "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name")]
    cols = ", ".join(COLUMNS)
    conn.execute(CREATE)
    conn.execute(f"INSERT INTO indikator_baru ({cols}) SELECT {cols} FROM indikator")
    conn.execute("DROP TABLE indikator")
    conn.execute("ALTER TABLE indikator_baru RENAME TO indikator")
    for sql in kept:
        conn.execute(sql)
