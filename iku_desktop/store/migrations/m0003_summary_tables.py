"""Summary tables and triggers for instant yearly counts (see ``store.summaries``)."""

VERSION = 3
NAME = "summary tables for instant counts"


def up(conn) -> None:
    from ..summaries import install

    install(conn)
