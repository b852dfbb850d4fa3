"""The synced tables are declared once: the package order, the owners and the labels all
come from that declaration, and it matches the schema."""

from iku_desktop.domain import ownership, synced_tables
from iku_desktop.services import sync_rows


def test_every_synced_table_has_an_owner_a_label_and_its_parents_before_it():
    assert set(ownership.REGIONAL) | set(ownership.PROVINCIAL) == set(synced_tables.ORDER)
    assert not set(ownership.REGIONAL) & set(ownership.PROVINCIAL)
    assert all(synced_tables.label(t) and synced_tables.label(t) != t
               for t in synced_tables.ORDER)
    assert sync_rows.ORDER == synced_tables.ORDER
    for table, refs in sync_rows.FOREIGN.items():
        for parent, _ in refs.values():
            if parent in synced_tables.ORDER:
                assert synced_tables.ORDER.index(parent) < synced_tables.ORDER.index(table)


def test_every_synced_table_carries_what_a_package_needs(db):
    conn = db.connection()
    for table in synced_tables.ORDER:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        assert {"uuid", "updated_at", "versi", "sync_hash"} <= columns, table
