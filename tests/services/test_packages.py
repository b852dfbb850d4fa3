"""Data packages between a province and two kabupaten/kota offices."""

from __future__ import annotations

import json
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from iku_desktop.exchange import package as pkgfile
from iku_desktop.services import editing, office, office_keys, packages
from iku_desktop.services.database import init_database
from iku_desktop.services.editing_errors import EditError
from iku_desktop.services.sync_rows import Mapper, all_portable_columns
from iku_desktop.store import audit, migrate
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database
from tests.conftest import table_dump

MUARO_JAMBI, KOTA_JAMBI = "1505", "1571"
REGISTERS = ("dokumen", "fungsi", "sasaran", "indikator", "target", "koperasi",
             "koperasi_tahun_buku", "usaha_kecil")


def new_office(tmp_path: Path, name: str, kabupaten: str | None = None,
               introduce: bool = True) -> Path:
    """A new office database; ``introduce``: it and the offices made before it in
    ``tmp_path`` exchange key files, so that packages between them are sealed."""
    path = tmp_path / f"{name}.sqlite"
    db = init_database(path)
    if kabupaten:
        office.set_office(kabupaten)
    db.close()
    if introduce:
        introduce_keys(path)
    return path


def introduce_keys(path: Path) -> None:
    """Exchange key files between ``path`` and the offices introduced before it."""
    folder = path.parent / "kunci"
    folder.mkdir(exist_ok=True)
    mine = folder / f"{path.stem}.ikukey"
    others = sorted(folder.glob("*.ikukey"))
    with at(path):
        office_keys.export_key_file(mine)
        for other in others:
            office_keys.import_key_file(other)
    for other in others:
        with at(path.parent / f"{other.stem}.sqlite"):
            office_keys.import_key_file(mine)


@contextmanager
def at(path: Path):
    db = open_database(path)
    try:
        yield db
    finally:
        db.close()


def registers() -> dict:
    """Every register row in portable form (references by uuid), without local fields."""
    mapper = Mapper(m.database.connection())
    out = {}
    for t in REGISTERS:
        rows = [mapper.to_portable(t, r) for r in mapper.rows(t)]
        for r in rows:
            r.pop("updated_at")
        out[t] = sorted(rows, key=lambda r: r["uuid"])
    return out


def write(change) -> None:
    change.write()


def koperasi_id(nomor: str) -> int:
    return m.Koperasi.get(m.Koperasi.nomor_badan_hukum == nomor).id


def send(src: Path, dst: Path, tmp_path: Path, name: str) -> packages.MergeResult:
    with at(src):
        packages.export_package(tmp_path / f"{name}.ikupkg")
    with at(dst):
        return packages.import_package(tmp_path / f"{name}.ikupkg")


def test_two_districts_and_the_province_end_with_identical_registers(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    b = new_office(tmp_path, "kota", KOTA_JAMBI)

    # round 1: each office records its own data
    with at(a):
        write(editing.prepare_koperasi("12/BH/2019", "KSP Maju", "01/02/2019",
                                       "Muaro Jambi", "Simpan Pinjam"))
        write(editing.prepare_tahun_buku(koperasi_id("12/BH/2019"), "2022", "1.000.000",
                                         "5.000.000"))
        assert m.Koperasi.get().origin == MUARO_JAMBI
    with at(b):
        write(editing.prepare_usaha("Keripik Kota", "Siti", "Kota Jambi", "01/03/2021"))
        write(editing.prepare_usaha("Batik Kota", "Rina", "Kota Jambi", "02/03/2021"))
    with at(prov):
        ind = m.Indikator.select().order_by(m.Indikator.urutan).first().id
        write(editing.prepare_year_value("target", ind, 2023, "75"))
    assert send(a, prov, tmp_path, "a1").counts["koperasi"].added == 1
    assert send(b, prov, tmp_path, "b1").counts["usaha_kecil"].added == 2
    with at(prov):
        packages.export_package(tmp_path / "p1.ikupkg")
    for district in (a, b):
        with at(district):
            r = packages.import_package(tmp_path / "p1.ikupkg")
            assert not r.refused and r.counts["target"].added == 1
            # the province's document is the one in force there now
            assert m.Dokumen.select().where(m.Dokumen.aktif == True).count() == 1  # noqa: E712

    # round 2: a district cannot touch what it does not own; both sides edit one koperasi
    with at(b):
        kop = koperasi_id("12/BH/2019")
        with pytest.raises(EditError, match="milik kantor Kabupaten Muaro Jambi"):
            write(editing.prepare_edit("koperasi", kop, "nama", "Diubah Kota"))
        with pytest.raises(EditError, match="Dokumen IKU|provinsi"):
            write(editing.prepare_year_value("target", m.Indikator.get().id, 2024, "1"))
        usaha = m.UsahaKecil.get(m.UsahaKecil.nama_usaha == "Keripik Kota").id
        write(editing.prepare_delete("usaha_kecil", usaha, "Hapus"))
    with at(a):
        write(editing.prepare_edit("koperasi", koperasi_id("12/BH/2019"), "alamat",
                                   "Jl. Lintas Timur"))
    with at(prov):
        write(editing.prepare_edit("koperasi", koperasi_id("12/BH/2019"), "nama",
                                   "KSP Maju Bersama"))
        packages.export_package(tmp_path / "p2.ikupkg")
    with at(a):
        r = packages.import_package(tmp_path / "p2.ikupkg")
        assert r.counts["koperasi"].conflicts == 1 and len(r.conflicts) == 1
        [c] = packages.conflicts()
        assert {f for f, _, _ in c.fields} == {"alamat", "nama"}
        assert m.Koperasi.get().nama == "KSP Maju"  # ours until decided
        packages.resolve(c.id, "kita")
        assert packages.conflicts() == [] and packages.had_conflict("koperasi", c.row_uuid)
        assert packages.conflicts(include_resolved=True)[0].keputusan == "kita"
    assert send(b, prov, tmp_path, "b2").counts["usaha_kecil"].updated == 1  # the tombstone
    r = send(a, prov, tmp_path, "a2")
    assert r.counts["koperasi"].updated == 1 and not r.conflicts
    with at(prov):
        assert m.Koperasi.get().alamat == "Jl. Lintas Timur"  # the district's decision
        assert m.UsahaKecil.get(m.UsahaKecil.nama_usaha == "Keripik Kota").deleted

    # round 3: the province sends everything on; the same package twice changes nothing
    with at(prov):
        packages.export_package(tmp_path / "p3.ikupkg")
    for district in (a, b):
        with at(district) as db:
            packages.import_package(tmp_path / "p3.ikupkg")
            before = table_dump(db)
            assert packages.import_package(tmp_path / "p3.ikupkg").already
            assert table_dump(db) == before
    with at(prov):
        final = registers()
    for district in (a, b):
        with at(district):
            assert registers() == final
            assert audit.verify(m.database.connection()).ok
    assert len(final["koperasi"]) == 1 and len(final["usaha_kecil"]) == 2
    assert [u["deleted"] for u in final["usaha_kecil"]].count(1) == 1


def test_merge_is_idempotent_even_without_the_package_log(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(a):
        write(editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021"))
        packages.export_package(tmp_path / "a.ikupkg")
    with at(prov):
        packages.import_package(tmp_path / "a.ikupkg")
        m.Paket.delete().execute()  # forget it was imported: the merge itself is a no-op
        before = registers()
        r = packages.import_package(tmp_path / "a.ikupkg")
        assert not r.already and r.counts["usaha_kecil"].unchanged == 1 and not r.changed
        assert registers() == before


def _rewrite(src: Path, dst: Path, change) -> None:
    with zipfile.ZipFile(src) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    change(members)
    with zipfile.ZipFile(dst, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


@pytest.fixture
def district_package(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(a):
        write(editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021"))
        packages.export_package(tmp_path / "a.ikupkg")
    return prov, tmp_path / "a.ikupkg"


def _edit_member(members):
    body = bytearray(members[pkgfile.BODY_SEALED])
    body[100] ^= 1
    members[pkgfile.BODY_SEALED] = bytes(body)


def _drop_member(members):
    del members[pkgfile.BODY_SEALED]


def _extra_member(members):
    members["data/lain.exe"] = b"MZ"


def _bad_manifest(members):
    members["manifest.json"] = b"{not json"


@pytest.mark.parametrize("damage,message", [
    (_edit_member, "checksum SHA-256"),
    (_drop_member, "bagian hilang"),
    (_extra_member, "bagian tambahan"),
    (_bad_manifest, "Manifes paket"),
])
def test_an_edited_or_damaged_package_is_refused_whole(district_package, tmp_path, damage,
                                                       message):
    prov, good = district_package
    bad = tmp_path / "bad.ikupkg"
    _rewrite(good, bad, damage)
    with at(prov) as db:
        before = table_dump(db)
        with pytest.raises(pkgfile.PackageError, match=message):
            packages.import_package(bad)
        assert table_dump(db) == before


def test_a_truncated_package_is_refused(district_package, tmp_path):
    prov, good = district_package
    bad = tmp_path / "cut.ikupkg"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with at(prov) as db:
        before = table_dump(db)
        with pytest.raises(pkgfile.PackageError, match="rusak atau terpotong"):
            packages.import_package(bad)
        assert table_dump(db) == before


def signed_package(db: Path, dst: Path, change, to: tuple[str, ...] = ("provinsi",)) -> None:
    """A package of everything at ``db``, its rows changed by ``change`` (tables → rows),
    signed with the key of ``db`` and sealed to the offices ``to`` (none: unsealed): what a
    sender's own PC, or a copy of its database, could write."""
    with at(db):
        plain = dst.with_name("plain-" + dst.name)
        packages.export_package(plain, everything=True, unsealed=True)
        env = pkgfile.open_envelope(plain, migrate.latest_version())
        pkg = pkgfile.read_body(env, None, all_portable_columns(m.database.connection()))
        change(pkg.tables)
        pkgfile.write(dst, pkg, office_keys.own_secret(),
                      [office_keys.receiver(code) for code in to])
        plain.unlink()


def test_rows_the_sender_does_not_own_are_refused_and_listed(district_package, tmp_path):
    prov, _ = district_package

    def smuggle(tables):
        rows = tables["usaha_kecil"]
        rows.append(dict(rows[0], uuid="f" * 32, kabupaten=KOTA_JAMBI, nama_usaha="Titipan"))

    forged = tmp_path / "forged.ikupkg"
    signed_package(tmp_path / "muaro.sqlite", forged, smuggle)
    with at(prov):
        r = packages.import_package(forged)
        assert [x.uuid for x in r.refused] == ["f" * 32]
        assert "Kota Jambi" in r.refused[0].reason
        assert r.counts["usaha_kecil"].added == 1
        assert not m.UsahaKecil.select().where(m.UsahaKecil.nama_usaha == "Titipan").exists()


def test_a_package_from_this_office_itself_is_refused(tmp_path):
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(a):
        packages.export_package(tmp_path / "self.ikupkg", unsealed=True)
        with pytest.raises(pkgfile.PackageError, match="kantor ini sendiri"):
            packages.import_package(tmp_path / "self.ikupkg")


def test_export_holds_only_what_changed_since_the_last_package(tmp_path):
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(a):
        write(editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021"))
        first = packages.export_package(tmp_path / "1.ikupkg", unsealed=True)
        assert first.counts == {"usaha_kecil": 1} and first.since is None
        assert packages.export_package(tmp_path / "2.ikupkg", unsealed=True).counts == {}
        write(editing.prepare_usaha("Teh", "Ani", "Muaro Jambi", "02/03/2021"))
        third = packages.export_package(tmp_path / "3.ikupkg", unsealed=True)
        assert third.counts == {"usaha_kecil": 1} and third.since is not None
        assert packages.export_package(tmp_path / "4.ikupkg", everything=True,
                                       unsealed=True).counts == {"usaha_kecil": 2}


def test_office_cannot_be_changed_after_sending_a_package(tmp_path):
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(a):
        packages.export_package(tmp_path / "1.ikupkg", unsealed=True)
        with pytest.raises(office.OfficeError, match="sudah mengirim paket"):
            office.set_office(KOTA_JAMBI)
        assert office.set_office(KOTA_JAMBI, force=True).code == KOTA_JAMBI


def test_files_that_are_not_packages_are_refused(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    pdf = tmp_path / "surat.ikupkg"
    pdf.write_bytes(b"%PDF-1.4 bukan paket" * 10)
    workbook = tmp_path / "register.ikupkg"
    with zipfile.ZipFile(workbook, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    newer = tmp_path / "baru.ikupkg"
    with zipfile.ZipFile(newer, "w") as z:
        z.writestr("manifest.json", json.dumps({"format": "iku-paket", "format_version": 2,
                                                "schema_version": 999, "tables": {}}))
    with at(prov) as db:
        before = table_dump(db)
        with pytest.raises(pkgfile.PackageError, match="rusak atau terpotong"):
            packages.import_package(pdf)
        with pytest.raises(pkgfile.PackageError, match="tidak ada manifes"):
            packages.import_package(workbook)
        with pytest.raises(pkgfile.PackageError, match="lebih baru"):
            packages.import_package(newer)
        with pytest.raises(pkgfile.PackageError, match="tidak dapat dibuka"):
            packages.import_package(tmp_path / "tidak-ada.ikupkg")
        assert table_dump(db) == before


def test_a_large_package_keeps_summaries_exact_and_is_audited_as_a_range(tmp_path):
    from iku_desktop.exchange.importer import import_file
    from iku_desktop.store import summaries
    from tests.conftest import write_csv

    district = new_office(tmp_path, "muaro", MUARO_JAMBI)
    prov = new_office(tmp_path, "provinsi")
    header = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata", "Modal Usaha"]
    rows = [[f"Usaha {i}", "Ali", "Muaro Jambi", "01/03/2021", "2.000.000.000"]
            for i in range(packages.BULK_ROWS + 500)]
    with at(district):
        assert import_file(write_csv(tmp_path / "u.csv", header, rows)).written
        packages.export_package(tmp_path / "besar.ikupkg")
    with at(prov) as db:
        r = packages.import_package(tmp_path / "besar.ikupkg")
        assert r.counts["usaha_kecil"].added == len(rows)
        conn = db.connection()
        assert summaries.verify(conn)
        [entry] = audit.entries(conn, table="usaha_kecil")
        assert entry.sumber.startswith("Paket besar.ikupkg") and \
            entry.perubahan["jumlah"] == len(rows)
        assert audit.verify(conn).ok
