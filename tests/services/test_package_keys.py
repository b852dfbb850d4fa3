"""Packages that cannot be forged: signed by the sending office's key, pinned per office
code at the receiver, sealed to the receiving office's key."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from iku_desktop.exchange import keys
from iku_desktop.exchange import package as pkgfile
from iku_desktop.services import editing, office, office_keys, packages
from iku_desktop.store import audit, migrate
from iku_desktop.store import models as m
from iku_desktop.store.fields import new_uuid, utc_now

from .test_packages import KOTA_JAMBI, MUARO_JAMBI, _rewrite, at, new_office, write

NIK = "1505014101900002"


def dump_hash(db) -> str:
    """The whole database as SQL text, hashed: byte-identical content or not."""
    return hashlib.sha256("\n".join(db.connection().iterdump()).encode()).hexdigest()


def add_usaha(nama: str = "Kopi", kabupaten: str = "Muaro Jambi") -> None:
    write(editing.prepare_usaha(nama, "Ali", kabupaten, "01/03/2021"))
    u = m.UsahaKecil.get(m.UsahaKecil.nama_usaha == nama)
    write(editing.prepare_edit("usaha_kecil", u.id, "nik_pemilik", NIK))


def fingerprint_at(path: Path) -> str:
    with at(path):
        return office_keys.own_fingerprint()


@pytest.fixture
def offices(tmp_path):
    """The province and two districts that have exchanged key files."""
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    b = new_office(tmp_path, "kota", KOTA_JAMBI)
    return prov, a, b


def test_a_forged_province_package_from_another_pc_is_refused(offices, tmp_path):
    prov, a, _ = offices
    forger = new_office(tmp_path, "palsu", introduce=False)  # office provinsi, its own key
    with at(forger):
        office_keys.import_key_file(tmp_path / "kunci" / "muaro.ikukey")  # keys are public
        ind = m.Indikator.select().first().id
        write(editing.prepare_year_value("target", ind, 2023, "1"))
        packages.export_package(tmp_path / "palsu.ikupkg", to=[MUARO_JAMBI])
    real, fake = fingerprint_at(prov), fingerprint_at(forger)
    assert real != fake
    with at(a) as db:
        before = dump_hash(db)
        for dry_run in (True, False):
            with pytest.raises(office_keys.KeyMismatch) as refused:
                packages.import_package(tmp_path / "palsu.ikupkg", dry_run=dry_run)
            assert real in str(refused.value) and fake in str(refused.value)
            assert "kantor provinsi" in str(refused.value)
        assert dump_hash(db) == before


def _edited_with_checksums(members) -> None:
    """Change a row inside the body and recompute every checksum, without the key."""
    with zipfile.ZipFile(io.BytesIO(members[pkgfile.BODY_PLAIN])) as z:
        inner = {i.filename: z.read(i.filename) for i in z.infolist()}
    data = inner["data/usaha_kecil.jsonl"].replace(b"Kopi", b"Kopo")
    inner["data/usaha_kecil.jsonl"] = data
    listing = json.loads(inner["manifest.json"])
    listing["tables"]["usaha_kecil"]["sha256"] = hashlib.sha256(data).hexdigest()
    inner["manifest.json"] = json.dumps(listing).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, value in inner.items():
            z.writestr(name, value)
    body = out.getvalue()
    members[pkgfile.BODY_PLAIN] = body
    manifest = json.loads(members["manifest.json"])
    manifest["body"].update(size=len(body), sha256=hashlib.sha256(body).hexdigest())
    members["manifest.json"] = json.dumps(manifest, indent=1).encode()


def _renamed_sender(members) -> None:
    manifest = json.loads(members["manifest.json"])
    manifest["sender"]["office_name"] = "Kantor lain"
    members["manifest.json"] = json.dumps(manifest, indent=1).encode()


@pytest.mark.parametrize("edit", [_edited_with_checksums, _renamed_sender])
def test_an_edited_manifest_with_recomputed_checksums_is_refused(offices, tmp_path, edit):
    prov, a, _ = offices
    with at(a):
        add_usaha()
        packages.export_package(tmp_path / "a.ikupkg", unsealed=True)
    _rewrite(tmp_path / "a.ikupkg", tmp_path / "diubah.ikupkg", edit)
    with at(prov) as db:
        before = dump_hash(db)
        with pytest.raises(pkgfile.PackageError, match="tanda tangan kantor pengirim tidak "
                                                       "cocok"):
            packages.import_package(tmp_path / "diubah.ikupkg")
        assert dump_hash(db) == before
        assert packages.import_package(tmp_path / "a.ikupkg").counts["usaha_kecil"].added == 1


def test_a_package_signed_with_another_key_is_refused_until_accepted(offices, tmp_path):
    prov, a, _ = offices
    # Muaro Jambi reinstalls its PC: a new database, the same office, a new key
    again = new_office(tmp_path, "muaro-baru", MUARO_JAMBI, introduce=False)
    with at(again):
        office_keys.import_key_file(tmp_path / "kunci" / "provinsi.ikukey")
        add_usaha("Teh")
        packages.export_package(tmp_path / "baru.ikupkg")
    old, new = fingerprint_at(a), fingerprint_at(again)
    with at(prov) as db:
        before = dump_hash(db)
        with pytest.raises(office_keys.KeyMismatch) as refused:
            packages.import_package(tmp_path / "baru.ikupkg")
        message = str(refused.value)
        assert old in message and new in message and f"accept {MUARO_JAMBI} {new}" in message
        assert dump_hash(db) == before
        office_keys.accept(MUARO_JAMBI, new.lower().replace("-", " "))
        r = packages.import_package(tmp_path / "baru.ikupkg")
        assert r.counts["usaha_kecil"].added == 1 and not r.new_key
        [pinned] = [k for k in office_keys.pinned_keys() if k.kantor == MUARO_JAMBI]
        assert pinned.sidik == new and pinned.cara == "operator" and pinned.terakhir_at
        assert m.KunciKantor.select().where(m.KunciKantor.kantor == MUARO_JAMBI).count() == 2
        assert audit.verify(db.connection()).ok
    with at(a):  # the old PC's packages are refused now
        packages.export_package(tmp_path / "lama.ikupkg")
    with at(prov), pytest.raises(office_keys.KeyMismatch, match=old):
        packages.import_package(tmp_path / "lama.ikupkg")


def test_the_first_package_pins_the_senders_key(tmp_path):
    prov = new_office(tmp_path, "provinsi", introduce=False)
    a = new_office(tmp_path, "muaro", MUARO_JAMBI, introduce=False)
    with at(a):
        add_usaha()
        packages.export_package(tmp_path / "a1.ikupkg", unsealed=True)
        add_usaha("Teh")
        packages.export_package(tmp_path / "a2.ikupkg", unsealed=True)
    theirs = fingerprint_at(a)
    with at(prov):
        preview = packages.import_package(tmp_path / "a1.ikupkg", dry_run=True)
        assert preview.new_key and preview.fingerprint == theirs
        assert any(theirs in w and "telepon" in w for w in preview.warnings)
        assert office_keys.pinned_keys() == []  # a preview records nothing
        assert packages.import_package(tmp_path / "a1.ikupkg").new_key
        [pinned] = office_keys.pinned_keys()
        assert (pinned.kantor, pinned.sidik, pinned.cara) == (MUARO_JAMBI, theirs, "paket")
        assert pinned.dicatat_at and pinned.terakhir_at
        second = packages.import_package(tmp_path / "a2.ikupkg")
        assert not second.new_key and second.counts["usaha_kecil"].added == 1


def test_a_key_pinned_for_a_district_cannot_speak_for_the_province(offices, tmp_path):
    prov, a, b = offices

    def claim(src: Path, name: str, office_code: str, to: str) -> Path:
        """A package claiming ``office_code``, signed with the key of ``src``."""
        with at(src):
            pkg = pkgfile.Package(new_uuid(), office_code, "kantor provinsi", utc_now(), None,
                                  migrate.latest_version(), {})
            pkgfile.write(tmp_path / name, pkg, office_keys.own_secret(),
                          [office_keys.receiver(to)])
        return tmp_path / name

    as_province = claim(a, "a-sebagai-provinsi.ikupkg", "provinsi", KOTA_JAMBI)
    as_district = claim(prov, "provinsi-sebagai-muaro.ikupkg", MUARO_JAMBI, KOTA_JAMBI)
    with at(b) as db:
        before = dump_hash(db)
        with pytest.raises(pkgfile.PackageError, match="mengaku dari kantor provinsi.*kunci "
                                                       "milik kantor Kabupaten Muaro Jambi"):
            packages.import_package(as_province)
        with pytest.raises(pkgfile.PackageError, match="mengaku dari kantor Kabupaten Muaro "
                                                       "Jambi.*kunci milik kantor provinsi"):
            packages.import_package(as_district)
        assert dump_hash(db) == before


def test_a_sealed_package_cannot_be_read_without_the_receivers_key(offices, tmp_path):
    prov, a, _ = offices
    with at(a):
        add_usaha()
        packages.export_package(tmp_path / "a.ikupkg")
        secret = office_keys.own_secret()
    data = (tmp_path / "a.ikupkg").read_bytes()
    assert NIK.encode() not in data and b"Kopi" not in data and b"usaha_kecil" not in data
    env = pkgfile.open_envelope(tmp_path / "a.ikupkg", migrate.latest_version())
    assert [r.office for r in env.receivers] == ["provinsi"] and env.sealed
    assert not zipfile.is_zipfile(io.BytesIO(env.body))  # ciphertext, not the inner zip
    columns = {"usaha_kecil": {"uuid"}}
    for wrong in (secret, keys.new_secret(), None):
        with pytest.raises(pkgfile.PackageError, match="tidak dapat dibuka"):
            pkgfile.read_body(env, wrong, columns)
    with at(prov):
        r = packages.import_package(tmp_path / "a.ikupkg")
        assert r.counts["usaha_kecil"].added == 1 and [p.office for p in r.receivers] == \
            ["provinsi"]
        assert m.UsahaKecil.get().nik_pemilik == NIK


def test_a_package_sealed_for_one_office_is_refused_at_another(offices, tmp_path):
    prov, a, b = offices
    muaro = fingerprint_at(a)
    with at(prov):
        add_usaha("Warung", "Muaro Jambi")
        packages.export_package(tmp_path / "untuk-muaro.ikupkg", to=[MUARO_JAMBI])
    with at(b) as db:
        before = dump_hash(db)
        with pytest.raises(pkgfile.PackageError) as refused:
            packages.import_package(tmp_path / "untuk-muaro.ikupkg", dry_run=True)
        message = str(refused.value)
        assert "disegel untuk kantor Kabupaten Muaro Jambi" in message
        assert muaro in message and "kantor Kota Jambi" in message
        assert dump_hash(db) == before
    with at(a):
        assert packages.import_package(tmp_path / "untuk-muaro.ikupkg").changed


def test_the_province_seals_one_package_to_every_district_it_knows(offices, tmp_path):
    prov, a, b = offices
    with at(prov):
        r = packages.export_package(tmp_path / "p.ikupkg")
        assert sorted(p.office for p in r.receivers) == sorted([MUARO_JAMBI, KOTA_JAMBI])
        assert len(r.without_key) == 9  # the other districts have not sent their keys
    for district in (a, b):
        with at(district):
            assert packages.import_package(tmp_path / "p.ikupkg").counts["dokumen"].added == 1


def test_an_unsealed_package_is_taken_with_a_warning(offices, tmp_path):
    prov, a, _ = offices
    with at(a):
        add_usaha()
        r = packages.export_package(tmp_path / "a.ikupkg", unsealed=True)
        assert r.receivers == ()
    assert NIK.encode() in zipfile.ZipFile(io.BytesIO(zipfile.ZipFile(
        tmp_path / "a.ikupkg").read(pkgfile.BODY_PLAIN))).read("data/usaha_kecil.jsonl")
    with at(prov):
        r = packages.import_package(tmp_path / "a.ikupkg")
        assert r.counts["usaha_kecil"].added == 1 and not r.receivers
        assert any("tidak disegel" in w and "NIK" in w for w in r.warnings)


def test_a_districts_first_package_needs_the_provinces_key_or_unsealed(tmp_path):
    a = new_office(tmp_path, "muaro", MUARO_JAMBI, introduce=False)
    with at(a) as db:
        before = dump_hash(db)
        with pytest.raises(office_keys.ReceiverKeyUnknown, match="iku office keys import.*"
                                                                 "--unsealed"):
            packages.export_package(tmp_path / "a.ikupkg")
        assert dump_hash(db) == before and not (tmp_path / "a.ikupkg").exists()


def test_old_unsigned_packages_are_refused(offices, tmp_path):
    prov, *_ = offices
    old = tmp_path / "lama.ikupkg"
    with zipfile.ZipFile(old, "w") as z:
        z.writestr("manifest.json", json.dumps({
            "format": "iku-paket", "format_version": 1, "schema_version": 6,
            "package_id": "x", "office": MUARO_JAMBI, "created_at": "2026-01-01",
            "tables": {"usaha_kecil": {"file": "data/usaha_kecil.jsonl", "rows": 0,
                                       "sha256": hashlib.sha256(b"").hexdigest()}}}))
        z.writestr("data/usaha_kecil.jsonl", b"")
    with at(prov) as db:
        before = dump_hash(db)
        with pytest.raises(pkgfile.PackageError, match="format lama tanpa tanda tangan"):
            packages.import_package(old)
        assert dump_hash(db) == before


def test_the_private_key_never_leaves_the_database(offices, tmp_path):
    _, a, _ = offices
    with at(a) as db:
        add_usaha()
        packages.export_package(tmp_path / "a.ikupkg", unsealed=True)
        office_keys.export_key_file(tmp_path / "a.ikukey")
        secret = office_keys.own_secret()
        logged = db.execute_sql("SELECT group_concat(perubahan, ' ') FROM audit").fetchone()[0]
    files = [(tmp_path / "a.ikupkg").read_bytes(), (tmp_path / "a.ikukey").read_bytes()]
    with zipfile.ZipFile(tmp_path / "a.ikupkg") as z, \
            zipfile.ZipFile(io.BytesIO(z.read(pkgfile.BODY_PLAIN))) as inner:
        files += [z.read(n) for n in z.namelist()] + [inner.read(n) for n in inner.namelist()]
    for data in files:
        assert secret not in data and secret.hex().encode() not in data
    assert secret.hex() not in logged


def test_a_new_office_code_gets_a_new_key(tmp_path):
    a = new_office(tmp_path, "muaro", MUARO_JAMBI, introduce=False)
    with at(a):
        first = office_keys.own_fingerprint()
        office.set_office(KOTA_JAMBI)
        second = office_keys.own_fingerprint()
        assert first != second and m.KunciSendiri.select().count() == 2
        office.set_office(MUARO_JAMBI)
        assert office_keys.own_fingerprint() == first


def test_key_files_are_checked_and_a_different_key_needs_acceptance(offices, tmp_path):
    prov, a, _ = offices
    again = new_office(tmp_path, "muaro-baru", MUARO_JAMBI, introduce=False)
    with at(again):
        office_keys.export_key_file(tmp_path / "baru.ikukey")
    old, new = fingerprint_at(a), fingerprint_at(again)
    with at(prov) as db:
        before = dump_hash(db)
        with pytest.raises(office_keys.OfficeKeyError, match=f"{old}.*{new}"):
            office_keys.import_key_file(tmp_path / "baru.ikukey")
        assert dump_hash(db) == before
        office_keys.accept(MUARO_JAMBI, new)  # by phone, before any package: key unseen
        assert [k.menunggu for k in office_keys.pinned_keys() if k.kantor == MUARO_JAMBI] \
            == [True]
        assert office_keys.import_key_file(tmp_path / "baru.ikukey")[1]
        assert [k.menunggu for k in office_keys.pinned_keys() if k.kantor == MUARO_JAMBI] \
            == [False]
        with pytest.raises(office_keys.OfficeKeyError, match="sudah dipercaya"):
            office_keys.accept(MUARO_JAMBI, new)
        with pytest.raises(office_keys.OfficeKeyError, match="bukan sidik kunci"):
            office_keys.accept(MUARO_JAMBI, "12345")
        with pytest.raises(office_keys.OfficeKeyError, match="kantor basis data ini"):
            office_keys.accept("provinsi", new)
    damaged = tmp_path / "rusak.ikukey"
    body = json.loads((tmp_path / "baru.ikukey").read_text())
    damaged.write_text(json.dumps(dict(body, fingerprint="0000-0000-0000-0000")))
    with at(prov), pytest.raises(office_keys.OfficeKeyError, match="rusak"):
        office_keys.read_key_file(damaged)


def test_an_oversized_package_file_is_refused_before_it_is_read(offices, tmp_path,
                                                                 monkeypatch):
    prov, a, _ = offices
    with at(a):
        packages.export_package(tmp_path / "a.ikupkg")
    monkeypatch.setattr(pkgfile, "MAX_FILE", 100)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    with at(prov), pytest.raises(pkgfile.PackageError, match="terlalu besar"):
        packages.import_package(tmp_path / "a.ikupkg")


def test_an_oversized_manifest_is_refused_before_it_is_parsed(offices, tmp_path):
    prov, *_ = offices
    big = tmp_path / "besar.ikupkg"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", "{" + " " * (pkgfile.MAX_MANIFEST + 1) + "}")
    with at(prov), pytest.raises(pkgfile.PackageError, match="manifest.json terlalu besar"):
        packages.import_package(big)
