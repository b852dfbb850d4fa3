"""Drop the covering indexes of migration 2: the yearly counts read the summary tables of
migration 3 since, and these indexes only slowed every insert (a 200.000-row import spent
a third of its time maintaining them)."""

VERSION = 5
NAME = "drop covering indexes superseded by the summary tables"


def up(conn) -> None:
    for name in ("koperasi_count", "koperasi_tahun_buku_count", "usaha_kecil_count"):
        conn.execute(f"DROP INDEX IF EXISTS {name}")
