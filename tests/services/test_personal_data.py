"""NIK pemilik is personal data (UU 27/2022): masked in the audit log and the conflicts,
as in the register, unless revealed."""

from __future__ import annotations

from iku_desktop.cli import main as cli
from iku_desktop.services import editing
from iku_desktop.store import audit
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database

NIK = "1505010101900003"
MASKED = "1505••••••••0003"


def _usaha_with_nik(db):
    change, _ = editing.apply(editing.prepare_usaha("Keripik", "Ani", "Muaro Jambi",
                                                    "2021-01-01"))
    editing.apply(editing.prepare_edit("usaha_kecil", change.row_id, "nik_pemilik", NIK))


def test_audit_entries_mask_the_nik_unless_revealed(db):
    _usaha_with_nik(db)
    [entry] = [e for e in audit.entries(m.database.connection(), table="usaha_kecil")
               if "nik_pemilik" in e.perubahan and e.aksi == "ubah"]
    assert NIK not in entry.summary() and MASKED in entry.summary()
    assert NIK in entry.summary(reveal=True)


def test_cli_audit_masks_the_nik(db_path, capsys):
    db = open_database(db_path)
    try:
        _usaha_with_nik(db)
    finally:
        db.close()
    run = ["--db", str(db_path), "audit", "--table", "usaha_kecil"]
    assert cli(run) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert NIK not in out and MASKED in out
    assert cli(run + ["--tampilkan-nik"]) == 0
    assert NIK in capsys.readouterr().out


def test_conflicts_mask_the_nik_unless_revealed(tmp_path):
    from iku_desktop.services import packages

    from .test_packages import MUARO_JAMBI, at, new_office, send

    prov = new_office(tmp_path, "provinsi")
    district = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(district):
        change, _ = editing.apply(editing.prepare_usaha("Keripik", "Ani", "Muaro Jambi",
                                                        "2021-01-01"))
        editing.apply(editing.prepare_edit("usaha_kecil", change.row_id, "nik_pemilik", NIK))
    send(district, prov, tmp_path, "satu")
    for path, nik in ((district, "1505010101900004"), (prov, "1505010101900005")):
        with at(path):
            u = m.UsahaKecil.get()
            editing.apply(editing.prepare_edit("usaha_kecil", u.id, "nik_pemilik", nik))
    send(district, prov, tmp_path, "dua")
    with at(prov):
        [c] = packages.conflicts()
        [(field, ours, theirs)] = [f for f in c.shown_fields() if f[0] == "nik_pemilik"]
        assert (ours, theirs) == ("1505••••••••0005", "1505••••••••0004")
        assert ("nik_pemilik", "1505010101900005", "1505010101900004") in c.shown_fields(True)
