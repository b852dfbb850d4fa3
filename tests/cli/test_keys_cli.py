"""``iku office keys`` and signed, sealed packages on the command line."""

from __future__ import annotations

import re

from iku_desktop.cli import main as cli
from iku_desktop.services import editing
from iku_desktop.store.database import open_database

FINGERPRINT = re.compile(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}")


def run(capsys, *args):
    code = cli([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def own_fingerprint(capsys, db) -> str:
    code, out, _ = run(capsys, "--db", db, "office", "keys")
    assert code == 0 and out.startswith("Kunci kantor ini:")
    return FINGERPRINT.search(out.splitlines()[1]).group()


def district(capsys, path, kabupaten="Muaro Jambi"):
    """A new kabupaten/kota office with one usaha of its area."""
    assert run(capsys, "--db", path, "init")[0] == 0
    assert run(capsys, "--db", path, "office", "set", "--kabupaten", kabupaten)[0] == 0
    db = open_database(path)
    editing.prepare_usaha("Kopi", "Ali", kabupaten, "01/03/2021").write()
    db.close()


def test_first_package_key_files_preview_and_listing(tmp_path, capsys):
    prov, muaro = tmp_path / "provinsi.sqlite", tmp_path / "muaro.sqlite"
    assert run(capsys, "--db", prov, "init")[0] == 0
    district(capsys, muaro)
    # the province's key is not known yet: say so, and offer the two ways
    code, _, err = run(capsys, "--db", muaro, "package", "export", "-o", tmp_path / "a.ikupkg")
    assert code == 1 and "iku office keys import" in err and "--unsealed" in err
    assert not (tmp_path / "a.ikupkg").exists()
    prov_fp = own_fingerprint(capsys, prov)
    code, out, _ = run(capsys, "--db", prov, "office", "keys", "export", tmp_path / "p.ikukey")
    assert code == 0 and prov_fp in out
    code, out, _ = run(capsys, "--db", muaro, "office", "keys", "import", tmp_path / "p.ikukey")
    assert code == 0 and prov_fp in out and "telepon" in out
    code, out, _ = run(capsys, "--db", muaro, "package", "export", "-o", tmp_path / "a.ikupkg")
    muaro_fp = own_fingerprint(capsys, muaro)
    assert code == 0 and f"disegel untuk kantor provinsi (provinsi), sidik {prov_fp}" in out
    # the preview names sender and receiver with their fingerprints before the merge
    code, out, _ = run(capsys, "--db", prov, "package", "import", tmp_path / "a.ikupkg",
                       "--dry-run")
    assert code == 0 and "Pratinjau" in out
    assert f"Pengirim: kantor Kabupaten Muaro Jambi (1505), sidik {muaro_fp}" in out
    assert "kunci BARU" in out and f"Penerima: kantor provinsi (provinsi), sidik {prov_fp}" in out
    assert "Belum ada kunci kantor lain" in run(capsys, "--db", prov, "office", "keys")[1]
    assert run(capsys, "--db", prov, "package", "import", tmp_path / "a.ikupkg")[0] == 0
    code, out, _ = run(capsys, "--db", prov, "office", "keys")
    [line] = [x for x in out.splitlines() if x.strip().startswith("1505")]
    assert muaro_fp in line and "dari paket pertamanya" in line
    assert re.search(r"pertama \d\d-\d\d-\d{4} \d\d:\d\d \S+ +terakhir \d\d-\d\d-\d{4}", line)
    code, out, _ = run(capsys, "--db", muaro, "office", "show")
    assert muaro_fp in out


def test_a_new_key_is_refused_until_accepted(tmp_path, capsys):
    prov, old, new = (tmp_path / f"{n}.sqlite" for n in ("provinsi", "lama", "baru"))
    assert run(capsys, "--db", prov, "init")[0] == 0
    for path, name in ((old, "lama"), (new, "baru")):
        district(capsys, path)
        assert run(capsys, "--db", path, "package", "export", "--unsealed",
                   "-o", tmp_path / f"{name}.ikupkg")[0] == 0
    code, out, err = run(capsys, "--db", prov, "package", "import", tmp_path / "lama.ikupkg")
    assert code == 0 and "PERINGATAN: Paket tidak disegel" in out
    old_fp, new_fp = own_fingerprint(capsys, old), own_fingerprint(capsys, new)
    for dry_run in ((), ("--dry-run",)):
        code, _, err = run(capsys, "--db", prov, "package", "import", tmp_path / "baru.ikupkg",
                           *dry_run)
        assert code == 1 and old_fp in err and new_fp in err
    code, out, _ = run(capsys, "--db", prov, "office", "keys", "accept", "1505", new_fp)
    assert code == 0 and new_fp in out
    code, out, _ = run(capsys, "--db", prov, "package", "import", tmp_path / "baru.ikupkg")
    assert code == 0 and "kunci yang sudah dipercaya" in out
    assert run(capsys, "--db", prov, "office", "keys", "accept", "1505", "ABCD")[0] == 1
    assert run(capsys, "--db", prov, "office", "keys", "accept", "1505")[0] == 2
    assert run(capsys, "--db", prov, "office", "keys", "hapus", "1505")[0] == 2


def test_the_province_names_its_receivers(tmp_path, capsys):
    prov, muaro, kota = (tmp_path / f"{n}.sqlite" for n in ("provinsi", "muaro", "kota"))
    assert run(capsys, "--db", prov, "init")[0] == 0
    code, _, err = run(capsys, "--db", prov, "package", "export", "-o", tmp_path / "p.ikupkg")
    assert code == 1 and "Belum ada kunci kantor kabupaten/kota" in err
    district(capsys, muaro)
    district(capsys, kota, "Kota Jambi")
    assert run(capsys, "--db", muaro, "office", "keys", "export", tmp_path / "m.ikukey")[0] == 0
    assert run(capsys, "--db", prov, "office", "keys", "import", tmp_path / "m.ikukey")[0] == 0
    code, _, err = run(capsys, "--db", prov, "package", "export", "--to", "1571",
                       "-o", tmp_path / "p.ikupkg")
    assert code == 1 and "Kunci kantor Kota Jambi belum dikenal" in err
    code, out, _ = run(capsys, "--db", prov, "package", "export", "-o", tmp_path / "p.ikupkg")
    assert code == 0 and "disegel untuk kantor Kabupaten Muaro Jambi (1505)" in out
    assert "tidak dapat dibuka oleh" in out and "kantor Kota Jambi" in out
    code, _, err = run(capsys, "--db", kota, "package", "import", tmp_path / "p.ikupkg")
    assert code == 1 and "disegel untuk kantor Kabupaten Muaro Jambi" in err
    code, out, _ = run(capsys, "--db", muaro, "package", "import", tmp_path / "p.ikupkg",
                       "--json")
    assert code == 0 and '"sealed": true' in out and '"new_key": true' in out
