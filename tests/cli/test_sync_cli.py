"""``iku office``, ``iku package`` end to end on the command line."""

from __future__ import annotations

import json

from iku_desktop.cli import main as cli
from iku_desktop.services import editing
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database


def run(capsys, *args):
    code = cli([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_office_package_conflict_round_trip(tmp_path, capsys):
    prov, muaro = tmp_path / "provinsi.sqlite", tmp_path / "muaro.sqlite"
    for db in (prov, muaro):
        assert run(capsys, "--db", db, "init")[0] == 0
    code, out, _ = run(capsys, "--db", muaro, "office", "set", "--kabupaten", "15.05")
    assert code == 0 and "Kabupaten Muaro Jambi (kode BPS 1505)" in out
    assert "Muaro Jambi" in run(capsys, "--db", muaro, "office", "show")[1]
    assert run(capsys, "--db", muaro, "office", "set")[0] == 2  # which office?
    # the district knows the province's key from its key file: its packages are sealed
    assert run(capsys, "--db", prov, "office", "keys", "export", tmp_path / "prov.ikukey")[0] == 0
    assert run(capsys, "--db", muaro, "office", "keys", "import", tmp_path / "prov.ikukey")[0] == 0
    db = open_database(muaro)
    editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021").write()
    db.close()
    code, out, _ = run(capsys, "--db", muaro, "package", "export", "-o", tmp_path / "a.ikupkg")
    assert code == 0 and "usaha_kecil" in out and "semua data" in out
    code, out, _ = run(capsys, "--db", prov, "package", "import", tmp_path / "a.ikupkg",
                       "--dry-run")
    assert code == 0 and "Pratinjau" in out and "tambah 1" in out
    code, out, _ = run(capsys, "--db", prov, "package", "import", tmp_path / "a.ikupkg",
                       "--json")
    report = json.loads(out)
    assert code == 0 and report["counts"]["usaha_kecil"]["added"] == 1
    assert "sudah pernah diimpor" in run(capsys, "--db", prov, "package", "import",
                                         tmp_path / "a.ikupkg")[1]
    # both sides change the same usaha: a conflict, resolved on the command line
    for path, sektor in ((prov, "Kuliner"), (muaro, "Jasa")):
        db = open_database(path)
        editing.prepare_edit("usaha_kecil", m.UsahaKecil.get().id, "sektor", sektor).write()
        db.close()
    assert run(capsys, "--db", prov, "package", "export", "-o", tmp_path / "p.ikupkg")[0] == 0
    code, out, _ = run(capsys, "--db", muaro, "package", "import", tmp_path / "p.ikupkg")
    assert code == 0 and "1 konflik menunggu keputusan" in out
    code, out, _ = run(capsys, "--db", muaro, "package", "conflicts")
    assert "kita: Jasa" in out and "mereka: Kuliner" in out
    assert out.startswith("#") and "usaha_kecil Kopi (pemilik Ali) (dari " in out
    number = out.split()[0].lstrip("#")
    assert run(capsys, "--db", muaro, "package", "resolve", number)[0] == 2  # which side?
    code, out, _ = run(capsys, "--db", muaro, "package", "resolve", number, "--take-theirs")
    assert code == 0 and "data kiriman diambil" in out
    assert "Tidak ada konflik" in run(capsys, "--db", muaro, "package", "conflicts")[1]
    assert "mereka" in run(capsys, "--db", muaro, "package", "conflicts", "--all")[1]
    history = run(capsys, "--db", muaro, "package", "history")[1]
    assert "keluar" in history and "masuk dari provinsi" in history
    code, _, err = run(capsys, "--db", muaro, "package", "import", tmp_path / "a.ikupkg")
    assert code == 1 and "kantor ini sendiri" in err
