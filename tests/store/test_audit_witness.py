"""Witnessed audit heads: the last seals deleted with their rows, or the whole audit log
wiped, are caught by ``audit.verify`` once a printout or a package recorded a head, and by
the receiving office at the next package; a restore of an older backup is a documented
segment break (verified, told to the receiver as such), a truncation without one is not."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.services import editing, packages
from iku_desktop.services.backups import restore_backup
from iku_desktop.store import audit, backup
from iku_desktop.store import models as m
from tests.services.test_packages import MUARO_JAMBI, at, new_office


def run(capsys, db, *args):
    code = cli(["--db", str(db), *map(str, args)])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def add_usaha(name: str) -> None:
    editing.prepare_usaha(name, "Ali", "Muaro Jambi", "01/03/2021").write()


def cut(path: Path, seals: int = 0, wipe: bool = False, witnesses: bool = False) -> None:
    """What someone with a SQLite tool can do: delete the last ``seals`` seals with the
    audit rows they cover (or everything), and the heads written down here too."""
    conn = sqlite3.connect(path)
    conn.executescript("DROP TRIGGER audit_no_delete; DROP TRIGGER audit_seal_no_delete; "
                       "DROP TRIGGER IF EXISTS audit_saksi_no_delete;")
    if wipe:
        conn.executescript("DELETE FROM audit; DELETE FROM audit_seal;")
    else:
        first = conn.execute("SELECT MIN(id) FROM (SELECT id FROM audit_seal ORDER BY id DESC "
                             "LIMIT ?)", (seals,)).fetchone()[0]
        keep = conn.execute("SELECT COALESCE(MAX(last_audit_id), 0) FROM audit_seal WHERE "
                            "id < ?", (first,)).fetchone()[0]
        conn.execute("DELETE FROM audit_seal WHERE id >= ?", (first,))
        conn.execute("DELETE FROM audit WHERE id > ?", (keep,))
    if witnesses and conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_saksi'"
                                  ).fetchone():
        conn.execute("DELETE FROM audit_saksi WHERE arah IN ('cetak', 'keluar')")
    conn.commit()
    conn.close()


def verify(path: Path) -> audit.Verification:
    with at(path) as db:
        return audit.verify(db.connection())


def print_dokumen(capsys, path: Path, tmp_path: Path) -> str:
    code, out, _ = run(capsys, path, "print", "dokumen", "-o", tmp_path / "d.pdf")
    assert code == 0
    return re.search(r"IKU-[0-9A-Z]{5}-[0-9A-Z]{5}", out).group(0)


# --- this office's own chain ---------------------------------------------------------------

def test_the_last_seals_deleted_with_their_rows_are_caught_after_a_printout(db_path, tmp_path,
                                                                           capsys):
    with at(db_path):
        add_usaha("Kopi")
    code_text = print_dokumen(capsys, db_path, tmp_path)
    with at(db_path):
        add_usaha("Teh")
    cut(db_path, seals=2)  # "Teh", and the printout's own row: a sound, shorter chain
    v = verify(db_path)
    assert not v.ok
    assert any(code_text in p and "hanya sampai baris" in p for p in v.problems), v.problems
    code, out, _ = run(capsys, db_path, "audit", "--verify")
    assert code == 1 and "TIDAK UTUH" in out and code_text in out


def test_a_wiped_audit_log_is_caught_after_a_printout(db_path, tmp_path, capsys):
    code_text = print_dokumen(capsys, db_path, tmp_path)
    cut(db_path, wipe=True)
    v = verify(db_path)
    assert not v.ok and any(code_text in p and "kosong" in p for p in v.problems), v.problems


def test_the_chain_cut_below_a_package_sent_is_caught(tmp_path):
    a = new_office(tmp_path, "muaro", MUARO_JAMBI, introduce=False)
    with at(a):
        add_usaha("Kopi")
        packages.export_package(tmp_path / "a1.ikupkg", unsealed=True)
        add_usaha("Teh")
        assert audit.verify(m.database.connection()).ok
    cut(a, seals=2)
    v = verify(a)
    assert not v.ok and any("a1.ikupkg" in p for p in v.problems), v.problems
    # grown again past the head sent: another chain at the row the package recorded
    with at(a):
        add_usaha("Gula")
        add_usaha("Garam")
    v = verify(a)
    assert not v.ok and any("a1.ikupkg" in p and "ditulis ulang" in p for p in v.problems)


def test_a_restore_of_an_older_backup_verifies_as_a_documented_break(db_path, tmp_path,
                                                                     capsys):
    old = backup.create(db_path, "manual")
    with at(db_path):
        add_usaha("Kopi")
    print_dokumen(capsys, db_path, tmp_path)
    with at(db_path) as db:
        printed = db.execute_sql("SELECT baris, hash FROM audit_saksi WHERE arah = 'cetak'"
                                 ).fetchone()
        before = audit.verify(db.connection()).rows
    restore_backup(db_path, old.path)
    v = verify(db_path)
    assert v.ok, v.problems
    assert v.rows < before and any("Dipulihkan dari cadangan" in n for n in v.notes)
    with at(db_path) as db:
        [event] = audit.entries(db.connection(), table="basis_data")
    assert list(printed) in event.perubahan["saksi_diganti"]
    assert event.perubahan["rantai_diganti"]["rows"] >= printed[0]
    code, out, _ = run(capsys, db_path, "audit", "--verify")
    assert code == 0 and "utuh" in out and "Catatan: Dipulihkan" in out


def test_the_same_truncation_without_a_restore_event_is_not_accepted(db_path, tmp_path,
                                                                    capsys):
    """The backup copied over the database with a file manager: the printout's head
    outlives it only where it is written down — here, beside the database."""
    old = backup.create(db_path, "manual")
    with at(db_path):
        add_usaha("Kopi")
    print_dokumen(capsys, db_path, tmp_path)
    with at(db_path) as db:
        heads = db.execute_sql("SELECT arah, kantor, rujukan, baris, hash, dibuat_at, "
                               "dicatat_at FROM audit_saksi").fetchall()
    shutil.copy(old.path, db_path)
    with at(db_path) as db:  # the head the printout recorded kept (a cut within one file)
        db.execute_sql("INSERT INTO audit_saksi (arah, kantor, rujukan, baris, hash, "
                       "dibuat_at, dicatat_at) VALUES (?, ?, ?, ?, ?, ?, ?)", heads[0])
    v = verify(db_path)
    assert not v.ok and not v.notes


# --- the receiving office ------------------------------------------------------------------

@pytest.fixture
def offices(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    return prov, a


def send(src: Path, dst: Path, name: str, dry_run: bool = False) -> packages.MergeResult:
    target = src.parent / f"{name}.ikupkg"
    with at(src):
        packages.export_package(target)
    with at(dst):
        return packages.import_package(target, dry_run=dry_run)


def witnessed(prov: Path) -> list[tuple]:
    with at(prov) as db:
        return db.execute_sql("SELECT kantor, baris, catatan FROM audit_saksi WHERE arah = "
                              "'masuk' ORDER BY id").fetchall()


def test_packages_in_order_and_out_of_order_raise_no_flag(offices):
    prov, a = offices
    with at(a):
        add_usaha("Kopi")
    assert send(a, prov, "a1").audit_chain == []
    with at(a):
        add_usaha("Teh")
        packages.export_package(a.parent / "a2.ikupkg")
        add_usaha("Gula")
        packages.export_package(a.parent / "a3.ikupkg")
    with at(prov):
        assert packages.import_package(a.parent / "a3.ikupkg").audit_chain == []
        assert packages.import_package(a.parent / "a2.ikupkg").audit_chain == []  # late
    with at(a):
        add_usaha("Garam")
    assert send(a, prov, "a4").audit_chain == []
    assert [(k, c) for k, _, c in witnessed(prov)] == [(MUARO_JAMBI, None)] * 4


@pytest.mark.parametrize("witnesses", [False, True], ids=["heads-kept", "heads-deleted"])
@pytest.mark.parametrize("regrow", [0, 3], ids=["shorter", "grown-again"])
def test_the_receiver_flags_a_cut_chain_at_the_next_package(offices, capsys, witnesses,
                                                            regrow):
    prov, a = offices
    with at(a):
        add_usaha("Kopi")
        add_usaha("Teh")
    assert send(a, prov, "a1").audit_chain == []
    cut(a, seals=2, witnesses=witnesses)
    with at(a):
        for i in range(regrow):
            add_usaha(f"Baru {i}")
    preview = send(a, prov, "a2", dry_run=True)
    assert len(preview.audit_chain) == 1 and "TIDAK melanjutkan" in preview.audit_chain[0]
    assert preview.audit_chain[0] in preview.warnings
    with at(prov):  # merged all the same, flagged, and the finding kept with the head
        code = cli(["--db", str(prov), "package", "import", str(a.parent / "a2.ikupkg")])
        out = capsys.readouterr().out
        assert code == 0 and "PERINGATAN: Log audit kantor pengirim TIDAK" in out
    assert "TIDAK melanjutkan" in (witnessed(prov)[-1][2] or "")
    with at(prov):
        assert m.UsahaKecil.select().where(m.UsahaKecil.nama_usaha == "Kopi").exists()
    code = cli(["--db", str(prov), "package", "history"])
    assert "PERINGATAN: Log audit kantor pengirim" in capsys.readouterr().out
    with at(a):  # flagged once: the next package extends the head witnessed last
        add_usaha("Sesudahnya")
    assert send(a, prov, "a3").audit_chain == []


def test_the_receiver_flags_a_wiped_log(offices):
    prov, a = offices
    with at(a):
        add_usaha("Kopi")
    send(a, prov, "a1")
    cut(a, wipe=True, witnesses=True)
    r = send(a, prov, "a2")
    assert len(r.audit_chain) == 1 and "dipotong atau dikosongkan" in r.audit_chain[0]


def test_a_restore_at_the_sender_is_told_to_the_receiver_not_flagged(offices):
    prov, a = offices
    old = backup.create(a, "manual")
    with at(a):
        add_usaha("Kopi")
    send(a, prov, "a1")
    restore_backup(a, old.path)
    with at(a):
        add_usaha("Teh")
        add_usaha("Gula")
    r = send(a, prov, "a2")
    assert len(r.audit_chain) == 1, r.audit_chain
    assert "memulihkan cadangan lama" in r.audit_chain[0]
    assert "TIDAK melanjutkan" not in r.audit_chain[0]
    # the same older state copied over the file instead: flagged
    with at(a):
        packages.export_package(a.parent / "a3.ikupkg")
    shutil.copy(old.path, a)
    with at(a):
        add_usaha("Teh")
        add_usaha("Gula")
        add_usaha("Garam")
    r = send(a, prov, "a4")
    assert any("TIDAK melanjutkan" in w for w in r.audit_chain), r.audit_chain


def test_a_restore_at_the_receiver_keeps_the_heads_it_witnessed(offices):
    prov, a = offices
    old = backup.create(prov, "manual")
    with at(a):
        add_usaha("Kopi")
        add_usaha("Teh")
    send(a, prov, "a1")
    restore_backup(prov, old.path)
    assert [k for k, _, _ in witnessed(prov)] == [MUARO_JAMBI]
    cut(a, seals=2, witnesses=True)
    r = send(a, prov, "a2")
    assert len(r.audit_chain) == 1 and "TIDAK melanjutkan" in r.audit_chain[0]
