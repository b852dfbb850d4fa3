"""The command lines' argument parser and argument types (``iku`` and ``iku-desktop``), all in
Indonesian.

``Parser`` is argparse's parser speaking Indonesian: its own words ("usage:", "options",
"the following arguments are required", "invalid choice", …) are argparse's gettext
strings, looked up in the module's ``_``/``ngettext`` when used; the parser swaps them for
``ARGPARSE_WORDS`` only while it builds, parses or formats (no process-wide change).

The types take whole numbers written with the ASCII digits 0-9 only (``int()`` would take
"٢٠٢٣" or "²") and within bounds (a 20-digit year or conflict number would overflow SQLite
with a traceback)."""

from __future__ import annotations

import argparse
import functools
import re
from contextlib import contextmanager

_DIGITS = re.compile(r"[0-9]{1,18}")
YEAR_MIN, YEAR_MAX = 1900, 2100
SCALE_MAX = 100
COUNT_MAX = 10**9
NUMBER_MAX = 2**63 - 1  # the largest SQLite row id


def whole(text: str, low: int, high: int, what: str) -> int:
    """``text`` as a whole number from ``low`` to ``high``; ``ArgumentTypeError`` with an
    Indonesian message otherwise."""
    value = str(text).strip()
    if not _DIGITS.fullmatch(value) or not low <= int(value) <= high:
        raise argparse.ArgumentTypeError(
            f"{what} harus bilangan bulat {low}–{high} dengan angka 0-9, bukan {text!r}")
    return int(value)


def year(text: str) -> int:
    return whole(text, YEAR_MIN, YEAR_MAX, "tahun")


def scale(text: str) -> int:
    return whole(text, 1, SCALE_MAX, "skala")


def count(text: str) -> int:
    return whole(text, 1, COUNT_MAX, "batas")


def conflict_number(text: str | None) -> int | None:
    """A conflict number as typed ("12" or "#12"); None when it is not one."""
    try:
        return whole((text or "").removeprefix("#"), 1, NUMBER_MAX, "nomor")
    except argparse.ArgumentTypeError:
        return None


#: argparse's own strings (Python 3.11–3.13) in Indonesian
ARGPARSE_WORDS = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "subcommands": "perintah",
    "show this help message and exit": "tampilkan bantuan ini, lalu keluar",
    "show program's version number and exit": "tampilkan versi, lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "pilihan %(value)r tidak dikenal (pilih salah satu: %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "perintah %(parser_name)r tidak dikenal (pilihan: %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(value)r tidak sah",
    "expected one argument": "perlu satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected at least one argument": "perlu sedikitnya satu nilai",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "ignored explicit argument %r": "nilai %r diabaikan",
    "ambiguous option: %(option)s could match %(matches)s":
        "opsi %(option)s tidak jelas: dapat berarti %(matches)s",
    "unexpected option string: %s": "opsi tidak terduga: %s",
    "can't open '%(filename)s': %(error)s": "berkas '%(filename)s' tidak dapat dibuka: %(error)s",
}
_PLURALS = {"expected %s argument": "perlu %s nilai"}


def _gettext(text):
    return ARGPARSE_WORDS.get(text, text) if isinstance(text, str) else text


def _ngettext(singular, plural, n):
    return _PLURALS.get(singular, singular if n == 1 else plural)


@contextmanager
def _indonesian():
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _gettext, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _speaking_indonesian(method):
    @functools.wraps(method)
    def wrapped(*args, **kwargs):
        with _indonesian():
            return method(*args, **kwargs)
    return wrapped


#: the placeholder ``--help`` shows for a value, by the argument's name (argparse would
#: show the English name: "--year YEAR", "-o OUTPUT")
METAVARS = {"db": "BERKAS", "output": "BERKAS", "file": "BERKAS", "year": "TAHUN",
            "survey": "SURVEI", "since": "WAKTU", "table": "TABEL", "source": "SUMBER",
            "limit": "BATAS", "scale": "SKALA", "seed": "BENIH", "code": "KODE",
            "key": "NAMA", "value": "NILAI", "kabupaten": "KABUPATEN", "indikator": "NOMOR"}


class Parser(argparse.ArgumentParser):
    """argparse's parser with its own words in Indonesian (its subparsers are Parsers too),
    and Indonesian placeholders (``METAVARS``) for arguments declared without one.
    A parser given as ``parents`` must be a Parser: groups are merged by their title."""

    def add_argument(self, *names, **kwargs):
        if "metavar" not in kwargs and "choices" not in kwargs and kwargs.get("nargs") != 0:
            long = [n for n in names if n.startswith("--")]
            dest = kwargs.get("dest") or (long[0][2:] if long else names[0].lstrip("-"))
            if dest.replace("-", "_") in METAVARS:
                kwargs["metavar"] = METAVARS[dest.replace("-", "_")]
        return super().add_argument(*names, **kwargs)

    __init__ = _speaking_indonesian(argparse.ArgumentParser.__init__)
    add_subparsers = _speaking_indonesian(argparse.ArgumentParser.add_subparsers)
    parse_args = _speaking_indonesian(argparse.ArgumentParser.parse_args)
    parse_known_args = _speaking_indonesian(argparse.ArgumentParser.parse_known_args)
    format_usage = _speaking_indonesian(argparse.ArgumentParser.format_usage)
    format_help = _speaking_indonesian(argparse.ArgumentParser.format_help)
    error = _speaking_indonesian(argparse.ArgumentParser.error)
