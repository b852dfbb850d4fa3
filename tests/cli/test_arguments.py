"""Numbers on the command line: ASCII digits only and within bounds, refused with an
Indonesian message (never an OverflowError traceback, never Arabic-Indic digits)."""

import pytest

from iku_desktop.cli import main


def refused(capsys, *argv):
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize("year", ["99999999999999999999", "٢٠٢٣", "²⁰²³", "1899", "2101",
                                  "-2022", "2022.0", ""])
def test_compute_year_is_refused(db_path, capsys, year):
    err = refused(capsys, "--db", str(db_path), "compute", "--year", year)
    assert "tahun harus bilangan bulat 1900–2100" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", [["export", "capaian", "-o", "x.xlsx"],
                                     ["print", "capaian", "-o", "x.pdf"],
                                     ["lock"]])
def test_other_year_options_are_bounded(db_path, tmp_path, capsys, command):
    command = [str(tmp_path / c) if c.startswith("x.") else c for c in command]
    err = refused(capsys, "--db", str(db_path), *command, "--year", "٢٠٢٣")
    assert "tahun harus bilangan bulat" in err


def test_a_plain_year_still_works(db_path):
    assert main(["--db", str(db_path), "compute", "--year", "2022"]) == 0


@pytest.mark.parametrize("scale", ["٣", "0", "101", "99999999999999999999999"])
def test_demo_scale_is_refused(tmp_path, capsys, scale):
    db = tmp_path / "demo.sqlite"
    assert main(["--db", str(db), "init"]) == 0
    err = refused(capsys, "--db", str(db), "demo", "--scale", scale)
    assert "skala harus bilangan bulat 1–100" in err


@pytest.mark.parametrize("number", ["99999999999999999999999", "٣", "#²", "-1", "0"])
def test_package_resolve_number_is_refused(db_path, capsys, number):
    code = main(["--db", str(db_path), "package", "resolve", number, "--keep-ours"])
    assert code == 2
    assert "NOMOR" in capsys.readouterr().err


def test_audit_limit_is_bounded(db_path, capsys):
    err = refused(capsys, "--db", str(db_path), "audit", "--limit", "99999999999999999999999")
    assert "batas harus bilangan bulat" in err


# argparse's own words are Indonesian too (issue 14)
ENGLISH = ("usage:", "error:", "options", "positional arguments", "show this help",
           "required", "invalid choice", "unrecognized arguments", "invalid int value")


def test_help_is_indonesian(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["compute", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: iku compute")
    assert "opsi:" in out and "tampilkan bantuan ini, lalu keluar" in out
    assert not any(word in out for word in ENGLISH)
    assert "--year TAHUN" in out and "--db BERKAS" in out and "YEAR" not in out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "argumen:" in capsys.readouterr().out


@pytest.mark.parametrize("argv, said", [
    (["compute"], "iku compute: galat: argumen berikut wajib diisi: --year"),
    (["print", "bogus", "-o", "x.pdf"],
     "pilihan 'bogus' tidak dikenal (pilih salah satu: 'dokumen',"),
    (["nosuch"], "argumen PERINTAH: pilihan 'nosuch' tidak dikenal"),
    (["compute", "--year", "2022", "--extra"], "iku: galat: argumen tidak dikenal: --extra"),
    (["demo", "--seed", "x"], "argumen --seed: nilai 'x' tidak sah"),
])
def test_usage_errors_are_indonesian(capsys, argv, said):
    err = refused(capsys, *argv)
    assert err.startswith("penggunaan: iku")
    assert said in err
    assert not any(word in err for word in ENGLISH)


def test_the_parser_leaves_argparse_english_for_others():
    import argparse

    from iku_desktop.cli import build_parser

    build_parser().format_help()
    assert argparse._("usage: ") == "usage: "


def test_template_all_is_named_in_indonesian(tmp_path, capsys):
    assert main(["template", "all", "-o", str(tmp_path / "t.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "Templat semua jenis data ditulis" in out and " all " not in out
