"""``backup restore`` is itself in the audit log (which backup, where the replaced state is
kept), and the print archive is audited: an archived printout edited, added or removed
with another tool is reported by ``iku audit --verify`` and its code is no longer
verified as genuine ("asli")."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.store import audit, backup, migrate
from iku_desktop.store.database import open_database


def run(capsys, db, *args):
    code = cli(["--db", str(db), *map(str, args)])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def printed_code(capsys, db, tmp_path) -> str:
    code, out, _ = run(capsys, db, "print", "dokumen", "-o", tmp_path / "d.pdf")
    assert code == 0
    return re.search(r"IKU-[0-9A-Z]{5}-[0-9A-Z]{5}", out).group(0)


def outside(db, sql, args=()):
    """A change made with another tool (the sqlite3 shell, a database browser)."""
    conn = sqlite3.connect(db)
    conn.execute(sql, args)
    conn.commit()
    conn.close()


def test_a_restore_is_recorded_in_the_audit_log(db_path, capsys):
    assert run(capsys, db_path, "backup", "create")[0] == 0
    source = next(b for b in backup.list_backups(db_path) if b.reason == "manual").path
    assert run(capsys, db_path, "backup", "restore", source)[0] == 0
    safety = next(b for b in backup.list_backups(db_path) if b.reason == "sebelum-pulih").path
    db = open_database(db_path)
    try:
        rows = audit.entries(db.connection(), table="basis_data")
    finally:
        db.close()
    assert len(rows) == 1 and rows[0].aksi == "pulih"
    assert rows[0].perubahan["cadangan"] == str(source)
    assert rows[0].perubahan["keadaan_diganti"] == str(safety)
    assert source.name in rows[0].sumber and rows[0].pengguna
    code, out, _ = run(capsys, db_path, "audit", "--verify")
    assert code == 0 and "utuh" in out
    code, out, _ = run(capsys, db_path, "audit", "--table", "basis_data")
    assert "pulih" in out and source.name in out


def test_the_genuine_code_verifies(db_path, tmp_path, capsys):
    code_text = printed_code(capsys, db_path, tmp_path)
    code, out, _ = run(capsys, db_path, "verify", code_text)
    assert code == 0 and f"Kode {code_text} asli" in out
    assert run(capsys, db_path, "audit", "--verify")[0] == 0


EDITS = {
    "kode": "UPDATE cetakan SET kode = 'IKU-AAAAA-BBBBB'",
    "kode_without_triggers": "DROP TRIGGER audit_cetakan_upd; "
                             "UPDATE cetakan SET kode = 'IKU-AAAAA-BBBBB'",
    "added": "INSERT INTO cetakan (uuid, jenis, parameter, kode, sha256, snapshot, kertas, "
             "dicetak_at, pengguna) SELECT 'palsu', jenis, parameter, 'IKU-AAAAA-BBBBB', "
             "sha256, snapshot, kertas, dicetak_at, 'pemalsu' FROM cetakan",
    "added_without_triggers": "DROP TRIGGER audit_cetakan_ins; INSERT INTO cetakan (uuid, "
             "jenis, parameter, kode, sha256, snapshot, kertas, dicetak_at, pengguna) SELECT "
             "'palsu', jenis, parameter, 'IKU-AAAAA-BBBBB', sha256, snapshot, kertas, "
             "dicetak_at, 'pemalsu' FROM cetakan",
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edited_print_archive_is_not_genuine(db_path, tmp_path, capsys, edit):
    printed_code(capsys, db_path, tmp_path)
    conn = sqlite3.connect(db_path)
    conn.executescript(EDITS[edit])
    conn.close()
    code, out, _ = run(capsys, db_path, "verify", "IKU-AAAAA-BBBBB")
    assert code == 1, out
    assert "Kode IKU-AAAAA-BBBBB asli" not in out and "TIDAK dapat dipastikan asli" in out
    if "without_triggers" not in edit:  # the trigger wrote an unsealed row of the change
        code, out, _ = run(capsys, db_path, "audit", "--verify")
        assert code == 1 and "TIDAK UTUH" in out


def test_a_forged_audit_row_does_not_help(db_path, tmp_path, capsys):
    """The edit and its audit row both changed: the seal no longer matches."""
    code_text = printed_code(capsys, db_path, tmp_path)
    conn = sqlite3.connect(db_path)
    conn.executescript("DROP TRIGGER audit_cetakan_upd; DROP TRIGGER audit_no_update;"
                       "UPDATE cetakan SET kode = 'IKU-AAAAA-BBBBB';")
    row_id, values = conn.execute("SELECT id, perubahan FROM audit WHERE tabel = 'cetakan'"
                                  ).fetchone()
    values = json.loads(values)
    assert values["kode"] == code_text
    values["kode"] = "IKU-AAAAA-BBBBB"
    conn.execute("UPDATE audit SET perubahan = ? WHERE id = ?", (json.dumps(values), row_id))
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, db_path, "verify", "IKU-AAAAA-BBBBB")
    assert code == 1 and "TIDAK dapat dipastikan asli" in out
    code, out, _ = run(capsys, db_path, "audit", "--verify")
    assert code == 1


def test_printouts_archived_before_the_audit_still_verify(tmp_path, capsys):
    """A database of version 8 with an archived printout: after the upgrade its code is
    still genuine, and an edit of it is caught like any other."""
    from iku_desktop.services import printing
    from iku_desktop.services.database import OFFICE_NAME, default_document_data
    from iku_desktop.store import document_repo
    from iku_desktop.store import models as m

    path = tmp_path / "v8.sqlite"
    db = open_database(path, create=True, upgrade=False)
    migrate.upgrade(db, path, to_version=8)
    with audit.recording(db, "Basis data baru"):
        m.Office.create(kind="provinsi", nama=OFFICE_NAME)
        document_repo.create_from_data(default_document_data())
    code_text = printing.make("dokumen").code  # archived as version 8 did: not audited
    assert audit.entries(db.connection(), table="cetakan") == []
    db.close()

    code, out, _ = run(capsys, path, "verify", code_text)  # upgrades, then verifies
    assert code == 0 and f"Kode {code_text} asli" in out
    assert run(capsys, path, "audit", "--verify")[0] == 0
    outside(path, "UPDATE cetakan SET pengguna = 'orang lain'")
    code, out, _ = run(capsys, path, "verify", code_text)
    assert code == 1 and "TIDAK dapat dipastikan asli" in out
