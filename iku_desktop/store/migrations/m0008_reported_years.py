"""The koperasi summaries count the tahun buku rows of each year (``dilaporkan``), so that a
year nobody has reported yet shows as unknown instead of 0 % (rule book §2); rebuilt from
the base tables (derived data only)."""

VERSION = 8
NAME = "koperasi summaries count reported years"


def up(conn) -> None:
    from ..summaries import install

    install(conn)
