"""The order of packages: numbered per office, rows carrying the version they were derived
from. Late, duplicated and replayed packages never roll a row back, a gap is reported and
a later package delivers what it held, rows whose parent has not arrived are held and
applied when it does."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.exchange import package as pkgfile
from iku_desktop.services import editing, office_keys, packages
from iku_desktop.services.backups import restore_backup
from iku_desktop.services.package_values import row_problems
from iku_desktop.services.sync_rows import Mapper, portable_schema
from iku_desktop.store import audit, backup, migrate
from iku_desktop.store import models as m
from iku_desktop.store.fields import new_uuid, utc_now
from tests.conftest import table_dump

from .test_package_values import GOOD_USAHA
from .test_packages import (
    KOTA_JAMBI, MUARO_JAMBI, at, koperasi_id, new_office, registers, signed_package, write,
)

KOP = "12/BH/2019"


def export(db: Path, tmp_path: Path, name: str, **kwargs) -> Path:
    with at(db):
        packages.export_package(tmp_path / f"{name}.ikupkg", **kwargs)
    return tmp_path / f"{name}.ikupkg"


def receive(db: Path, package: Path, **kwargs) -> packages.MergeResult:
    with at(db):
        return packages.import_package(package, **kwargs)


def copy_database(src: Path, dst: Path) -> Path:
    """A copy of an office's database file as it is now (what a backup restored later
    gives back)."""
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{src}{suffix}").exists():
            shutil.copy(f"{src}{suffix}", f"{dst}{suffix}")
    return dst


def set_alamat(db: Path, alamat: str) -> None:
    with at(db):
        write(editing.prepare_edit("koperasi", koperasi_id(KOP), "alamat", alamat))


def alamat_at(db: Path) -> str:
    with at(db):
        return m.Koperasi.get(m.Koperasi.nomor_badan_hukum == KOP).alamat


def add_koperasi(db: Path) -> None:
    with at(db):
        write(editing.prepare_koperasi(KOP, "KSP Maju", "01/02/2019", "Muaro Jambi",
                                       "Simpan Pinjam"))


def add_tahun_buku(db: Path, tahun: str) -> None:
    with at(db):
        write(editing.prepare_tahun_buku(koperasi_id(KOP), tahun, "1.000.000", "5.000.000"))


def run(capsys, *args) -> tuple[int, str, str]:
    code = cli([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def content(db: Path) -> dict:
    """The registers without the versions: what the users see."""
    with at(db):
        regs = registers()
    return {t: [{k: v for k, v in r.items() if k != "versi"} for r in rows]
            for t, rows in regs.items()}


def test_three_offices_converge_with_late_duplicated_and_replayed_packages(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    b = new_office(tmp_path, "kota", KOTA_JAMBI)
    add_koperasi(a)
    add_tahun_buku(a, "2022")
    a1 = export(a, tmp_path, "a1")
    set_alamat(a, "Jl. Kedua")
    # a backup of the district's database, taken before its second package was made
    old = copy_database(a, tmp_path / "muaro-lama.sqlite")
    a2 = export(a, tmp_path, "a2")
    set_alamat(a, "Jl. Ketiga")
    a3 = export(a, tmp_path, "a3")
    with at(b):
        write(editing.prepare_usaha("Keripik Kota", "Siti", "Kota Jambi", "01/03/2021"))
    b1 = export(b, tmp_path, "b1")

    # the province gets the district's packages out of order, one of them twice
    third, second, late = receive(prov, a3), receive(prov, a2), receive(prov, a1)
    assert alamat_at(prov) == "Jl. Ketiga"  # the late packages did not roll it back
    assert late.counts["koperasi"].kept == 1 and late.counts["koperasi_tahun_buku"].added == 1
    assert (third.missing, second.missing, late.missing) == ([2], [1], [])
    assert any("datang sesudah paket ke-3" in n for n in late.order_notes)
    assert receive(prov, a2).already

    # the copy put back sends its second package again, with a new package id: the
    # replay is reported and changes nothing here
    replay = export(old, tmp_path, "a2-dari-cadangan")
    assert pkgfile.open_envelope(replay, migrate.latest_version()).package_id != \
        pkgfile.open_envelope(a2, migrate.latest_version()).package_id
    before = content(prov)
    r = receive(prov, replay)
    assert content(prov) == before and alamat_at(prov) == "Jl. Ketiga"
    assert r.counts["koperasi"].kept == 1 and not r.changed
    assert any("nomor ke-2 dari kantor Kabupaten Muaro Jambi (1505), yang sudah diterima "
               "di sini sebagai paket lain (a2.ikupkg" in n for n in r.order_notes)
    receive(prov, b1)

    # the province's packages reach a district out of order, and twice
    p1 = export(prov, tmp_path, "p1")
    with at(prov):
        write(editing.prepare_year_value("target", m.Indikator.select().first().id, 2023, "75"))
    p2 = export(prov, tmp_path, "p2")
    for district in (a, b):
        # the districts had acknowledged nothing: the second package holds everything
        assert receive(district, p2).missing == []
        late = receive(district, p1)
        assert not late.changed and any("datang sesudah paket ke-2" in n
                                        for n in late.order_notes)
        assert receive(district, p1).already
    assert alamat_at(a) == alamat_at(b) == "Jl. Ketiga"
    final = content(prov)
    assert content(a) == content(b) == final
    assert len(final["koperasi_tahun_buku"]) == 1 and len(final["target"]) >= 1
    with at(prov) as db:
        assert audit.verify(db.connection()).ok


def test_a_gap_is_reported_and_a_later_package_delivers_what_it_held(tmp_path, capsys):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(a):
        write(editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021"))
    a1 = export(a, tmp_path, "a1")
    with at(a):
        write(editing.prepare_usaha("Teh", "Ani", "Muaro Jambi", "02/03/2021"))
        kopi = m.UsahaKecil.get(m.UsahaKecil.nama_usaha == "Kopi").id
        write(editing.prepare_edit("usaha_kecil", kopi, "sektor", "Kuliner"))
    export(a, tmp_path, "a2-hilang")  # lost on the way
    with at(a):
        write(editing.prepare_usaha("Gula", "Ana", "Muaro Jambi", "03/03/2021"))
    a3 = export(a, tmp_path, "a3")
    receive(prov, a1)
    code, out, _ = run(capsys, "--db", prov, "package", "import", a3)
    assert code == 0
    assert "Paket ke-2 dari kantor Kabupaten Muaro Jambi (1505) belum diterima" in out
    with at(prov):
        assert {u.nama_usaha for u in m.UsahaKecil.select()} == {"Kopi", "Gula"}
        assert m.UsahaKecil.get(m.UsahaKecil.nama_usaha == "Kopi").sektor != "Kuliner"
    # the province writes back (its package says how far it got); the district's next
    # package carries again what the lost one held, and the gap closes
    receive(a, export(prov, tmp_path, "p1"))
    r = receive(prov, export(a, tmp_path, "a4"))
    assert r.missing == [] and r.order_notes == []
    with at(prov):
        assert {u.nama_usaha for u in m.UsahaKecil.select()} == {"Kopi", "Teh", "Gula"}
        assert m.UsahaKecil.get(m.UsahaKecil.nama_usaha == "Kopi").sektor == "Kuliner"
    assert content(prov)["usaha_kecil"] == content(a)["usaha_kecil"]
    # acknowledged: the next package holds only what changed since
    receive(a, export(prov, tmp_path, "p2"))
    with at(a):
        assert packages.export_package(tmp_path / "a5.ikupkg").counts == {}


def test_tahun_buku_before_its_koperasi_is_held_then_applied(tmp_path, capsys):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    b = new_office(tmp_path, "kota", KOTA_JAMBI)
    add_koperasi(a)
    a1 = export(a, tmp_path, "a1")
    add_tahun_buku(a, "2022")
    add_tahun_buku(a, "2023")
    a2 = export(a, tmp_path, "a2")
    with at(a):
        mine = [Mapper(m.database.connection()).to_portable("koperasi_tahun_buku", r)
                for r in Mapper(m.database.connection()).rows("koperasi_tahun_buku")]

    def smuggle(tables):  # Kota Jambi sends a tahun buku of Muaro Jambi's koperasi
        tables["koperasi_tahun_buku"] = [dict(mine[0], uuid="e" * 32, tahun=2021,
                                              origin=KOTA_JAMBI, versi=None)]

    with at(b):
        write(editing.prepare_usaha("Keripik Kota", "Siti", "Kota Jambi", "01/03/2021"))
    signed_package(b, tmp_path / "b1.ikupkg", smuggle)

    preview = receive(prov, a2, dry_run=True)
    assert preview.refused == []  # not refused as another office's rows, nor lost
    assert preview.counts["koperasi_tahun_buku"].held == 2 and preview.still_held == 2
    code, out, _ = run(capsys, "--db", prov, "package", "import", a2)
    assert code == 0 and "tertahan 2" in out and "2 baris tertahan" in out
    with at(prov):
        assert m.KoperasiTahunBuku.select().count() == 0
        held = packages.held_rows()
        assert len(held) == 2 and {h.kantor for h in held} == {MUARO_JAMBI}
        assert all("koperasi" in h.alasan and h.nama_berkas == "a2.ikupkg" for h in held)
    r = receive(prov, tmp_path / "b1.ikupkg")
    assert [h.uuid for h in r.held] == ["e" * 32] and not r.refused and r.still_held == 3
    code, out, _ = run(capsys, "--db", prov, "package", "held")
    assert code == 0 and out.count("koperasi_tahun_buku") == 3 and "a2.ikupkg" in out
    assert "koperasi_tahun_buku tahun buku 2022 — koperasi yang belum ada di sini" in out
    assert "e" * 32 not in out

    # the koperasi arrives: its tahun buku are applied, the other district's is refused
    r = receive(prov, a1)
    assert r.counts["koperasi"].added == 1 and r.counts["koperasi_tahun_buku"].added == 2
    assert r.released == 3 and r.still_held == 0
    assert [(x.uuid, "bukan milik kantor Kota Jambi" in x.reason) for x in r.refused] == \
        [("e" * 32, True)]
    assert [x.name for x in r.refused] == ["tahun buku 2021 — KSP Maju (BH 12/BH/2019)"]
    with at(prov):
        assert sorted(t.tahun for t in m.KoperasiTahunBuku.select()) == [2022, 2023]
        assert packages.held_rows() == []
    assert content(prov)["koperasi_tahun_buku"] == content(a)["koperasi_tahun_buku"]


def test_a_province_package_to_one_district_leaves_nothing_out_of_the_next(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    b = new_office(tmp_path, "kota", KOTA_JAMBI)
    with at(prov):
        indikator = [i.id for i in m.Indikator.select().order_by(m.Indikator.id).limit(2)]
    first = export(prov, tmp_path, "p1")
    for district in (a, b):
        receive(district, first)
    with at(prov):
        write(editing.prepare_year_value("target", indikator[0], 2023, "75"))
    receive(a, export(prov, tmp_path, "p2-untuk-muaro", to=[MUARO_JAMBI]))
    with at(prov):
        write(editing.prepare_year_value("target", indikator[1], 2023, "80"))
    both = export(prov, tmp_path, "p3")
    for district in (b, a):
        r = receive(district, both)
        with at(district):
            assert sorted(t.nilai for t in m.Target.select().where(m.Target.tahun == 2023)) \
                == [Decimal("75"), Decimal("80")]
        assert r.missing == [] and r.order_notes == []  # no false gap at Kota Jambi


def test_changes_made_apart_are_a_conflict_not_a_silent_overwrite(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    add_koperasi(a)
    receive(prov, export(a, tmp_path, "a1"))
    with at(prov):
        write(editing.prepare_edit("koperasi", koperasi_id(KOP), "nama", "KSP Maju Bersama"))
    p1 = export(prov, tmp_path, "p1")
    set_alamat(a, "Jl. Lintas Timur")  # before the province's package arrives there
    r = receive(prov, export(a, tmp_path, "a2"))
    with at(prov):
        assert m.Koperasi.get().nama == "KSP Maju Bersama"  # not silently replaced
    assert r.counts["koperasi"].conflicts == 1
    with at(prov):
        [c] = packages.conflicts()
        assert {f for f, _, _ in c.fields} == {"nama", "alamat"}
        packages.resolve(c.id, "mereka")
    # the decision travels and wins at the district: newer than both versions
    receive(a, p1)
    receive(a, export(prov, tmp_path, "p2"))
    assert content(a)["koperasi"] == content(prov)["koperasi"]
    with at(a):
        assert m.Koperasi.get().alamat == "Jl. Lintas Timur"


def test_an_unnumbered_package_and_impossible_versions_are_refused(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(a):
        write(editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021"))
        pkg = pkgfile.Package(new_uuid(), MUARO_JAMBI, "", utc_now(), None,
                              migrate.latest_version(), {})
        pkgfile.write(tmp_path / "lama.ikupkg", pkg, office_keys.own_secret(),
                      [office_keys.receiver("provinsi")])
    with at(prov) as db:
        before = table_dump(db)
        with pytest.raises(pkgfile.PackageError, match="tidak bernomor urut"):
            packages.import_package(tmp_path / "lama.ikupkg")
        assert table_dump(db) == before

    def claim(tables):
        tables["usaha_kecil"][0]["versi"] = json.dumps({"provinsi": 7, MUARO_JAMBI: 1})

    signed_package(a, tmp_path / "versi.ikupkg", claim)
    r = receive(prov, tmp_path / "versi.ikupkg")
    assert [("paket ke-7 dari kantor ini" in x.reason) for x in r.refused] == [True]
    problems = row_problems("usaha_kecil", dict(GOOD_USAHA, versi='{"9999": 1}'),
                            portable_schema_of(prov)["usaha_kecil"])
    assert [p[0] for p in problems] == ["versi"]


def portable_schema_of(db: Path) -> dict:
    with at(db):
        return portable_schema(m.database.connection())


def test_a_restored_backup_numbers_its_packages_on_after_those_it_had_sent(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    old = backup.create(a, "manual")
    with at(a):
        write(editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021"))
    receive(prov, export(a, tmp_path, "a1"))
    restore_backup(a, old.path)  # the district's PC goes back to yesterday's backup
    with at(a):
        write(editing.prepare_usaha("Teh", "Ani", "Muaro Jambi", "02/03/2021"))
    r = receive(prov, export(a, tmp_path, "a2"))
    assert (r.nomor, r.order_notes, r.missing) == (2, [], [])
    assert r.counts["usaha_kecil"].added == 1
    # what the restore lost at the district comes back from the province
    receive(a, export(prov, tmp_path, "p1"))
    with at(a):
        assert {u.nama_usaha for u in m.UsahaKecil.select()} == {"Kopi", "Teh"}
