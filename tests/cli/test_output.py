"""The CLI's output in the places a user sends it: a pipe that closes early (``| head``),
a file written under a legacy Windows code page (cp1252 has no '−' or '→')."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow  # each test starts the CLI as a process (~1 s)


def run_iku(args, env_extra=None, **kw):
    env = dict(os.environ, **(env_extra or {}))
    env.pop("PYTHONUTF8", None)
    return subprocess.Popen([sys.executable, "-m", "iku_desktop", *args], cwd=ROOT, env=env,
                            **kw)


@pytest.mark.parametrize("args", [["--help"], ["compute", "--year", "2022", "--json"]])
def test_a_pipe_closed_early_ends_quietly(db_path, args):
    """As ``iku … | head -0``: the reader is gone before anything is written."""
    proc = run_iku(["--db", str(db_path), *args], stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE)
    proc.stdout.close()  # before the child (still importing) writes a byte
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert "Exception ignored" not in err, err


def test_head_reads_the_first_line_only(db_path):
    shell = f"{sys.executable} -m iku_desktop --db '{db_path}' compute --year 2022 --json | head -1"
    r = subprocess.run(["sh", "-c", shell], cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
    assert r.stdout == "{\n" and "Traceback" not in r.stderr, r.stderr


def test_output_to_a_file_is_utf8_under_cp1252(db_path, tmp_path):
    out = tmp_path / "hasil.json"
    with out.open("wb") as f:
        proc = run_iku(["--db", str(db_path), "compute", "--year", "2022", "--json"],
                       {"PYTHONIOENCODING": "cp1252"}, stdout=f, stderr=subprocess.PIPE)
        err = proc.communicate(timeout=120)[1].decode("utf-8", "replace")
    assert proc.returncode == 0, err
    text = out.read_bytes().decode("utf-8")  # UTF-8, whatever the code page
    assert "−" in text  # "Y−1" in the rule's text: not in cp1252
    assert json.loads(text)["year"] == 2022


def test_text_output_and_messages_to_files_under_cp1252(db_path, tmp_path):
    with (tmp_path / "out.txt").open("wb") as out, (tmp_path / "err.txt").open("wb") as err:
        proc = run_iku(["--db", str(db_path), "compute", "--year", "2022"],
                       {"PYTHONIOENCODING": "cp1252"}, stdout=out, stderr=err)
        proc.wait(timeout=120)
    assert proc.returncode == 0, (tmp_path / "err.txt").read_bytes()
    assert "–" in (tmp_path / "out.txt").read_bytes().decode("utf-8")
    # an Indonesian error message with '→'-class characters reaches a cp1252 stderr file too
    with (tmp_path / "err2.txt").open("wb") as err:
        proc = run_iku(["--db", str(tmp_path / "tidak-ada.sqlite"), "compute", "--year", "2022"],
                       {"PYTHONIOENCODING": "cp1252"}, stdout=subprocess.DEVNULL, stderr=err)
        proc.wait(timeout=120)
    text = (tmp_path / "err2.txt").read_bytes().decode("utf-8")
    assert proc.returncode == 2 and "Traceback" not in text and "Galat" in text, text


def test_output_redirected_to_a_full_disk_is_said_without_a_traceback(db_path, tmp_path):
    import subprocess
    import sys

    from tests.store.disks import fill, small_disk

    with small_disk(tmp_path / "penuh", "1m") as folder:
        fill(folder)
        with open(folder / "keluaran.txt", "w") as out:
            run = subprocess.run([sys.executable, "-m", "iku_desktop", "--db", str(db_path),
                                  "audit"], stdout=out, stderr=subprocess.PIPE, text=True,
                                 encoding="utf-8")
    assert run.returncode == 2, run.stderr
    assert "disk penuh" in run.stderr and "Traceback" not in run.stderr
