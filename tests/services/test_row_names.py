"""Rows are named by what a user knows them by, never by their uuid (issue 14): in the
audit log, the package conflicts and the rows a package left refused or held."""

from __future__ import annotations

from iku_desktop.cli import main as cli
from iku_desktop.services import audit_log, editing, row_names
from iku_desktop.store import models as m


def _registers():
    editing.prepare_koperasi("12/BH/2019", "KSP Maju", "01/02/2019", "Muaro Jambi",
                             "Simpan pinjam").write()
    kop = m.Koperasi.get()
    editing.prepare_tahun_buku(kop.id, "2022", "1000000", "5000000").write()
    editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021").write()
    editing.prepare_sakip("2022").write()
    editing.prepare_survey("SKM Dinas 2022", 2022).write()
    return kop


def test_each_register_row_is_named(db):
    kop = _registers()
    tb = m.KoperasiTahunBuku.get()
    rows = [("koperasi", kop.uuid), ("koperasi_tahun_buku", tb.uuid),
            ("usaha_kecil", m.UsahaKecil.get().uuid), ("sakip", m.Sakip.get().uuid),
            ("ikm_survei", m.IkmSurvei.get().uuid), ("koperasi", "0" * 32)]
    assert row_names.names(rows) == {
        rows[0]: "KSP Maju (BH 12/BH/2019)",
        rows[1]: "tahun buku 2022 — KSP Maju (BH 12/BH/2019)",
        rows[2]: "Kopi (pemilik Ali)",
        rows[3]: "evaluasi SAKIP 2022",
        rows[4]: "SKM Dinas 2022 (2022)",
        rows[5]: "Koperasi 00000000… (tidak ada di sini)",
    }
    target = m.Target.select().first()
    if target is not None:
        assert row_names.name("target", target.uuid).startswith(f"target {target.tahun} — IKU ")


def test_a_package_row_is_named_from_its_values(db):
    kop = _registers()
    assert row_names.name_of_values("koperasi", {"nama": "KSP Baru",
                                                 "nomor_badan_hukum": "9/BH"}) == "KSP Baru (BH 9/BH)"
    assert row_names.name_of_values("koperasi_tahun_buku", {"tahun": 2023, "koperasi": kop.uuid}) \
        == "tahun buku 2023 — KSP Maju (BH 12/BH/2019)"
    assert row_names.name_of_values("koperasi_tahun_buku", {"tahun": 2023, "koperasi": "x"}) \
        == "tahun buku 2023 — koperasi yang belum ada di sini"


def test_the_audit_log_names_its_rows(db, db_path, capsys):
    _registers()
    entries = audit_log.entries()
    names = set(audit_log.names(entries).values())
    assert {"KSP Maju (BH 12/BH/2019)", "tahun buku 2022 — KSP Maju (BH 12/BH/2019)",
            "Kopi (pemilik Ali)"} <= names
    uuids = [m.Koperasi.get().uuid, m.UsahaKecil.get().uuid]
    assert cli(["--db", str(db_path), "audit"]) == 0
    out = capsys.readouterr().out
    assert "koperasi_tahun_buku tahun buku 2022 — KSP Maju (BH 12/BH/2019)" in out
    assert "usaha_kecil Kopi (pemilik Ali)" in out
    assert not any(u[:12] in out for u in uuids)
