"""Packages are read streaming, with a row limit: a package declaring more rows than
``MAX_ROWS`` is refused before its body is read, and a large package is merged in bounded
memory (its rows are never all in memory at once)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from iku_desktop.exchange import keys
from iku_desktop.exchange import package as pkgfile
from iku_desktop.exchange.importer import import_file
from iku_desktop.services import office_keys, package_merge, packages
from iku_desktop.store import migrate
from iku_desktop.store.fields import new_uuid, utc_now
from tests.conftest import table_dump, write_csv
from tests.services.test_packages import MUARO_JAMBI, _rewrite, at, new_office

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata", "NIB",
          "Tanggal NIB", "Modal Usaha"]


def district_with_usaha(folder: Path, n: int = 1) -> Path:
    """A district (keys exchanged with a province made first in ``folder``) holding ``n``
    usaha kecil with a NIB."""
    district = new_office(folder, "muaro", MUARO_JAMBI)
    rows = [[f"Usaha {i}", f"Pemilik {i}", "Muaro Jambi", "01/03/2021", f"91{i:011d}",
             "02/03/2021", "2.000.000.000"] for i in range(n)]
    with at(district):
        assert import_file(write_csv(folder / "usaha.csv", HEADER, rows)).written
    return district


class GeneratedRows:
    """``n`` portable usaha kecil rows made from ``template`` as they are walked (never all
    in memory: what a district's export of that many rows holds)."""

    def __init__(self, template: dict, n: int) -> None:
        self.template, self.n = template, n

    def __len__(self) -> int:
        return self.n

    def __iter__(self):
        for i in range(self.n):
            yield dict(self.template, uuid=f"{0x51 << 120 | i:032x}", nama_usaha=f"Usaha {i}",
                       nama_pemilik=f"Pemilik {i}", nib=f"93{i:011d}")


def write_big_package(district: Path, target: Path, rows: int, change=None) -> None:
    """A valid package of ``rows`` usaha kecil from ``district``, sealed to the province,
    written straight from generated rows (``change``: a list of them made, then changed)."""
    plain = target.with_name("template.ikupkg")
    with at(district) as db:
        packages.export_package(plain, everything=True, unsealed=True)
        env = pkgfile.open_envelope(plain, migrate.latest_version())
        from iku_desktop.services.sync_rows import all_portable_columns

        template = pkgfile.read_body(env, None, all_portable_columns(db.connection())
                                     ).tables["usaha_kecil"][0]
        pkg = pkgfile.Package(new_uuid(), MUARO_JAMBI, env.sender.office_name, utc_now(),
                              None, migrate.latest_version(),
                              {"usaha_kecil": GeneratedRows(template, rows) if change is None
                               else change(list(GeneratedRows(template, rows)))},
                              order=env.manifest.get(pkgfile.ORDER_FIELD),
                              audit_head=env.manifest.get("audit_head"))
        pkgfile.write(target, pkg, office_keys.own_secret(),
                      [office_keys.receiver("provinsi")])
    plain.unlink()


def test_the_outer_manifest_declares_the_rows(tmp_path):
    new_office(tmp_path, "provinsi")
    district = district_with_usaha(tmp_path, 3)
    with at(district):
        packages.export_package(tmp_path / "a.ikupkg")
    manifest = json.loads(zipfile.ZipFile(tmp_path / "a.ikupkg").read(pkgfile.MANIFEST))
    assert manifest["body"]["rows"] == 3


def test_a_package_declaring_more_rows_than_the_limit_is_refused_before_its_body_is_read(
        tmp_path, monkeypatch):
    prov = new_office(tmp_path, "provinsi")
    district = district_with_usaha(tmp_path, 5)
    with at(district):
        packages.export_package(tmp_path / "a.ikupkg")

    def spoil_body(members):  # reading the body would fail on its checksum
        members[pkgfile.BODY_SEALED] = bytes(len(members[pkgfile.BODY_SEALED]))

    _rewrite(tmp_path / "a.ikupkg", tmp_path / "big.ikupkg", spoil_body)
    monkeypatch.setattr(pkgfile, "MAX_ROWS", 4, raising=False)
    with at(prov) as db:
        before = table_dump(db)
        with pytest.raises(pkgfile.PackageError) as refused:
            packages.import_package(tmp_path / "big.ikupkg")
        assert table_dump(db) == before
    message = str(refused.value)
    assert "5 baris" in message and "4 baris" in message and "--since" in message
    assert "checksum" not in message


def test_a_package_over_the_limit_is_not_written(tmp_path, monkeypatch):
    new_office(tmp_path, "provinsi")
    district = district_with_usaha(tmp_path, 5)
    monkeypatch.setattr(pkgfile, "MAX_ROWS", 4, raising=False)
    with at(district):
        with pytest.raises(pkgfile.PackageError, match="--since"):
            packages.export_package(tmp_path / "a.ikupkg")
    assert list(tmp_path.glob("*.ikupkg*")) == []


def test_an_inner_manifest_declaring_more_rows_than_the_outer_is_refused(tmp_path):
    """A sender's own key can sign anything: the body is held to the rows the outer
    manifest declared before it was opened."""
    prov = new_office(tmp_path, "provinsi")
    district = district_with_usaha(tmp_path, 3)
    with at(district):
        packages.export_package(tmp_path / "plain.ikupkg", everything=True, unsealed=True)
        env = pkgfile.open_envelope(tmp_path / "plain.ikupkg", migrate.latest_version())
        manifest = dict(env.manifest, body=dict(env.manifest["body"], rows=2))
        text = json.dumps(manifest).encode()
        secret = office_keys.own_secret()
    with zipfile.ZipFile(tmp_path / "lying.ikupkg", "w") as z:
        z.writestr(pkgfile.MANIFEST, text)
        z.writestr(pkgfile.SIGNATURE, keys.sign(secret, pkgfile.SIGN_CONTEXT + text).hex())
        z.writestr(pkgfile.BODY_PLAIN, env.body)
    with at(prov) as db:
        before = table_dump(db)
        with pytest.raises(pkgfile.PackageError, match="baris"):
            packages.import_package(tmp_path / "lying.ikupkg")
        assert table_dump(db) == before


CHILD = """
import resource, sys, time
from pathlib import Path
from iku_desktop.services import packages
from iku_desktop.store.database import open_database
db = open_database(Path(sys.argv[1]))
t0 = time.perf_counter()
r = packages.import_package(Path(sys.argv[2]))
assert not r.refused and r.counts["usaha_kecil"].added == int(sys.argv[3]), r.as_dict()
db.close()
status = Path("/proc/self/status")  # this process's own peak (ru_maxrss keeps the parent's)
peak = [int(l.split()[1]) for l in status.read_text().splitlines() if l.startswith("VmHWM")] \
    if status.exists() else [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]
print(peak[0], time.perf_counter() - t0)
"""


def import_in_child(prov: Path, package: Path, rows: int) -> tuple[float, float]:
    """Peak resident memory (MiB) and seconds of a merge in a fresh process."""
    out = subprocess.run([sys.executable, "-c", CHILD, str(prov), str(package), str(rows)],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    kib, seconds = out.split()
    return int(kib) / 1024, float(seconds)


@pytest.mark.slow
def test_a_large_package_is_merged_in_bounded_memory(tmp_path):
    """150.000 rows against 1.000: the peak of the merge process may grow by SQLite's page
    cache and a chunk of rows, not with the package (held whole, ≈ 2 KB a row)."""
    prov = new_office(tmp_path, "provinsi")
    district = district_with_usaha(tmp_path)
    small, big = tmp_path / "small.ikupkg", tmp_path / "big.ikupkg"
    write_big_package(district, small, 1_000)
    write_big_package(district, big, 150_000)
    copy = tmp_path / "provinsi-2.sqlite"  # the same office (its key), no package merged
    shutil.copy(prov, copy)
    base, _ = import_in_child(prov, small, 1_000)
    peak, seconds = import_in_child(copy, big, 150_000)
    assert peak - base < 100, (base, peak, seconds)


def test_a_natural_key_repeated_in_a_later_chunk_is_refused(tmp_path, monkeypatch):
    """Merged a chunk at a time, a row is still held to the natural keys the rows before it
    took (written by an earlier chunk)."""
    prov = new_office(tmp_path, "provinsi")
    district = district_with_usaha(tmp_path)

    def repeat_nib(rows):
        rows[4]["nib"] = rows[0]["nib"]
        return rows

    write_big_package(district, tmp_path / "a.ikupkg", 5, repeat_nib)
    monkeypatch.setattr(package_merge, "CHUNK_ROWS", 2)
    with at(prov):
        r = packages.import_package(tmp_path / "a.ikupkg")
    assert r.counts["usaha_kecil"].added == 4
    [refused] = r.refused
    assert refused.uuid == f"{0x51 << 120 | 4:032x}"
    assert "sudah dipakai usaha kecil lain: " in refused.reason  # named, written earlier
    assert f"{0x51 << 120:032x}"[:8] not in refused.reason


def test_a_member_holding_more_rows_than_listed_is_refused_at_the_first_row_too_many(
        tmp_path):
    prov = new_office(tmp_path, "provinsi")
    district = district_with_usaha(tmp_path, 3)
    with at(district):
        packages.export_package(tmp_path / "plain.ikupkg", everything=True, unsealed=True)
        env = pkgfile.open_envelope(tmp_path / "plain.ikupkg", migrate.latest_version())
        secret = office_keys.own_secret()
    with zipfile.ZipFile(io.BytesIO(env.body)) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    inner = json.loads(members[pkgfile.MANIFEST])
    inner["tables"]["usaha_kecil"]["rows"] = 1
    members[pkgfile.MANIFEST] = json.dumps(inner).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    body = out.getvalue()
    total = sum(t["rows"] for t in inner["tables"].values())
    manifest = dict(env.manifest, body=dict(env.manifest["body"], size=len(body), rows=total,
                                            sha256=hashlib.sha256(body).hexdigest()))
    text = json.dumps(manifest).encode()
    with zipfile.ZipFile(tmp_path / "more.ikupkg", "w") as z:
        z.writestr(pkgfile.MANIFEST, text)
        z.writestr(pkgfile.SIGNATURE, keys.sign(secret, pkgfile.SIGN_CONTEXT + text).hex())
        z.writestr(pkgfile.BODY_PLAIN, body)
    with at(prov) as db:
        before = table_dump(db)
        with pytest.raises(pkgfile.PackageError, match="usaha_kecil berisi lebih dari 1 baris"):
            packages.import_package(tmp_path / "more.ikupkg")
        assert table_dump(db) == before
