"""The audit log: what each write records, append-only rows, and the running hash."""

from __future__ import annotations

import sqlite3

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.exchange.importer import import_file
from iku_desktop.services import editing
from iku_desktop.store import audit
from iku_desktop.store import models as m
from tests.conftest import write_csv

USAHA_HEADER = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata"]


def newest(conn, n=1):
    return audit.entries(conn, limit=n)


def test_an_edit_records_user_source_and_only_the_changed_fields(db):
    change, _ = editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021").write()
    editing.prepare_edit("usaha_kecil", change.row_id, "sektor", "Kuliner").write()
    conn = db.connection()
    [upd, ins] = newest(conn, 2)
    assert ins.aksi == "tambah" and ins.perubahan["nama_usaha"] == "Kopi"
    assert upd.aksi == "ubah" and upd.perubahan == {"sektor": ["", "Kuliner"]}
    assert upd.pengguna == audit.os_user() and upd.sumber == audit.DEFAULT_SOURCE[0]
    assert upd.row_uuid == m.UsahaKecil.get_by_id(change.row_id).uuid
    editing.prepare_delete("usaha_kecil", change.row_id, "Hapus").write()
    assert newest(conn)[0].aksi == "hapus"
    assert audit.verify(conn).ok


def test_an_import_names_its_file_and_a_bulk_import_its_range(db, tmp_path):
    rows = [[f"Usaha {i}", "Ali", "Muaro Jambi", "01/03/2021"] for i in range(3)]
    import_file(write_csv(tmp_path / "kiriman.csv", USAHA_HEADER, rows))
    conn = db.connection()
    got = newest(conn, 3)
    assert all(e.sumber.startswith("Impor kiriman.csv (SHA-256 ") for e in got)
    assert sorted(e.perubahan["nama_usaha"] for e in got) == ["Usaha 0", "Usaha 1", "Usaha 2"]
    many = [[f"Usaha besar {i}", "Ali", "Muaro Jambi", "01/03/2021"] for i in range(6000)]
    import_file(write_csv(tmp_path / "besar.csv", USAHA_HEADER, many))
    [bulk] = newest(conn)
    assert bulk.sumber.startswith("Impor besar.csv") and bulk.row_uuid is None
    assert bulk.perubahan["jumlah"] == 6000
    first, last = bulk.perubahan["uuid_pertama"], bulk.perubahan["uuid_terakhir"]
    assert m.UsahaKecil.get(m.UsahaKecil.uuid == first).nama_usaha == "Usaha besar 0"
    assert m.UsahaKecil.get(m.UsahaKecil.uuid == last).nama_usaha == "Usaha besar 5999"
    assert audit.verify(conn).ok


def test_audit_rows_are_append_only(db):
    editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021").write()
    conn = db.connection()
    with pytest.raises(sqlite3.IntegrityError, match="hanya dapat ditambah"):
        conn.execute("UPDATE audit SET sumber = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="hanya dapat ditambah"):
        conn.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.IntegrityError, match="hanya dapat ditambah"):
        conn.execute("DELETE FROM audit_seal")


def test_the_running_hash_shows_an_audit_row_edited_behind_the_programs_back(db_path):
    from iku_desktop.store.database import open_database

    db = open_database(db_path)
    editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021").write()
    assert audit.verify(db.connection()).ok
    db.close()
    raw = sqlite3.connect(db_path)  # someone with a SQLite tool
    raw.execute("DROP TRIGGER audit_no_update")
    raw.execute("UPDATE audit SET pengguna = 'orang lain' WHERE id = (SELECT MAX(id) FROM audit)")
    raw.commit()
    raw.close()
    db = open_database(db_path)
    v = audit.verify(db.connection())
    assert not v.ok and any("tidak cocok dengan segelnya" in p for p in v.problems)
    db.close()


def test_a_change_made_with_another_tool_is_reported(db_path):
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE dokumen SET tempat = 'Bukan Jambi'")
    raw.commit()
    raw.close()
    from iku_desktop.store.database import open_database

    db = open_database(db_path)
    v = audit.verify(db.connection())
    assert not v.ok and any(audit.OUTSIDE in p for p in v.problems)
    [e] = audit.entries(db.connection(), table="dokumen", limit=1)
    assert e.perubahan["tempat"][1] == "Bukan Jambi" and e.sumber is None
    db.close()


def test_cli_audit_since_and_verify(db_path, capsys):
    from iku_desktop.store.database import open_database

    db = open_database(db_path)
    editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021").write()
    db.close()
    assert cli(["--db", str(db_path), "audit", "--since", "2000-01-01", "--table",
                "usaha_kecil"]) == 0
    out = capsys.readouterr().out
    assert "tambah" in out and "nama_usaha=Kopi" in out and "usaha_kecil" in out
    assert cli(["--db", str(db_path), "audit", "--since", "2999-01-01"]) == 0
    assert capsys.readouterr().out == ""
    assert cli(["--db", str(db_path), "audit", "--verify"]) == 0
    assert "utuh" in capsys.readouterr().out
