"""The ``iku`` command line: init, import, compute, print, export, backup, office, package,
audit, document, lock, target, demo (``commands``, ``sync_commands``, ``lock_commands``,
``target_commands``).

Every command takes ``--db PATH`` (or ``IKU_DB``); only ``init`` creates a file. Messages
are Indonesian; exit codes: 0 success, 1 the data was refused or cannot be computed,
2 usage or database errors. Output is UTF-8 when it goes to a file or a pipe (or to a
console whose code page lacks the program's characters); a reader that stops early
(``| head``) ends the command quietly.

Arguments first: the parser is built from light modules only, and a command's module (and
with it the store, Excel, PDF and signing libraries) is imported when it is dispatched —
``iku --version`` or a usage error never pays for them (``tests/cli/test_startup.py``).
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
from importlib import import_module
from pathlib import Path

from .. import version
from .. import arguments
from . import lock_commands, sync_commands, target_commands

EXIT_OK, EXIT_REFUSED, EXIT_ERROR = 0, 1, 2


class _Command:
    """``commands.<name>``, imported when the command runs (not when the parser is built)."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, args) -> int:
        command = getattr(import_module(".commands", __name__), self.name)
        _started()
        return command(args)


class _Kinds:
    """The choices of a kind argument, asked of the services the first time argparse
    checks a value or shows them (``%(choices)s``)."""

    def __init__(self, service: str, name: str):
        self._where = (service, name)
        self._kinds: tuple[str, ...] | None = None

    def _get(self) -> tuple[str, ...]:
        if self._kinds is None:
            service, name = self._where
            self._kinds = tuple(getattr(import_module(f"..services.{service}", __name__), name))
        return self._kinds

    def __contains__(self, value) -> bool:
        return value in self._get()

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


IMPORT_KINDS = _Kinds("transfer", "IMPORT_KINDS")
TEMPLATE_KINDS = _Kinds("transfer", "TEMPLATE_KINDS")
EXPORT_KINDS = _Kinds("transfer", "EXPORT_KINDS")
PRINT_KINDS = _Kinds("printing", "KINDS")


def build_parser() -> arguments.Parser:
    common = arguments.Parser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help="berkas basis data (bawaan: IKU_DB atau folder data pengguna)")
    parser = arguments.Parser(
        prog="iku", parents=[common],
        description="IKU Desktop — Indikator Kinerja Utama Dinas Koperasi dan UKM Provinsi Jambi")
    parser.add_argument("--version", action=_Version,
                        help="tampilkan versi dan build, lalu keluar")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    p = sub.add_parser("init", parents=[common],
                       help="buat basis data baru berisi dokumen IKU resmi (Januari 2022)")
    p.set_defaults(func=_Command("cmd_init"))

    p = sub.add_parser("import", parents=[common],
                       help="impor data dari .xlsx, .xls, .ods atau .csv")
    p.add_argument("file", type=Path, help="berkas .xlsx, .xls, .ods atau .csv")
    p.add_argument("--kind", choices=IMPORT_KINDS, metavar="JENIS",
                   help="jenis data: %(choices)s (bawaan: dikenali dari judul kolom)")
    p.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    p.add_argument("--json", action="store_true", help="laporan dalam JSON")
    p.add_argument("--errors-out", type=Path, metavar="BERKAS.xlsx",
                   help="bila ada galat: tulis baris yang bermasalah saja, dengan kolom "
                   "Kesalahan dan Baris asal")
    p.set_defaults(func=_Command("cmd_import"))

    p = sub.add_parser("template", parents=[common], help="tulis templat Excel untuk diisi")
    p.add_argument("kind", choices=TEMPLATE_KINDS, metavar="JENIS",
                   help="%(choices)s")
    p.add_argument("-o", "--output", type=Path, required=True, help="berkas .xlsx")
    p.set_defaults(func=_Command("cmd_template"))

    p = sub.add_parser("export", parents=[common], help="ekspor data ke Excel")
    p.add_argument("kind", choices=EXPORT_KINDS, metavar="JENIS",
                   help="%(choices)s")
    p.add_argument("-o", "--output", type=Path, required=True, help="berkas .xlsx")
    p.add_argument("--year", type=arguments.year, help="tahun (capaian)")
    p.set_defaults(func=_Command("cmd_export"))

    p = sub.add_parser("compute", parents=[common], help="hitung semua indikator satu tahun")
    p.add_argument("--year", type=arguments.year, required=True, help="tahun, mis. 2022")
    p.add_argument("--json", action="store_true", help="keluaran JSON (lihat README)")
    p.set_defaults(func=_Command("cmd_compute"))

    p = sub.add_parser("print", parents=[common],
                       help="cetak ke PDF: dokumen, capaian, ikm, perhitungan")
    p.add_argument("kind", choices=PRINT_KINDS, metavar="JENIS",
                   help="dokumen | capaian | ikm | perhitungan")
    p.add_argument("-o", "--output", type=Path, required=True, help="berkas PDF keluaran")
    p.add_argument("--year", type=arguments.year, help="tahun (capaian, ikm, perhitungan)")
    p.add_argument("--survey", help="nama survei (ikm; bawaan: semua survei tahun itu)")
    p.add_argument("--paper", type=str.upper, choices=("A4", "F4"),
                   help="ukuran kertas (bawaan: pengaturan, A4)")
    p.set_defaults(func=_Command("cmd_print"))

    p = sub.add_parser("verify", parents=[common],
                       help="periksa kode verifikasi sebuah cetakan (luring)")
    p.add_argument("code", help="kode, mis. IKU-7Q2KM-9XD3T")
    p.set_defaults(func=_Command("cmd_verify"))

    p = sub.add_parser("backup", parents=[common], help="cadangan basis data")
    p.add_argument("action", choices=("list", "create", "restore"),
                   help="list: daftar cadangan; create: buat sekarang; restore: pulihkan")
    p.add_argument("file", nargs="?", type=Path, help="untuk restore: berkas cadangan "
                   "(bawaan: yang terbaru)")
    p.set_defaults(func=_Command("cmd_backup"))

    p = sub.add_parser("check", parents=[common],
                       help="periksa keutuhan basis data (integrity_check SQLite: setiap "
                            "halaman, baris dan indeks)")
    p.set_defaults(func=_Command("cmd_check"))

    p = sub.add_parser("setting", parents=[common],
                       help="tampilkan atau ubah pengaturan kantor (keputusan aturan, cetakan)")
    p.add_argument("key", nargs="?", help="nama pengaturan (tanpa: tampilkan semua)")
    p.add_argument("value", nargs="*", help="nilai baru (Ya/Tidak, teks, atau baris kop surat)")
    p.add_argument("--file", type=Path, help="untuk kop_surat_logo: berkas PNG/JPEG")
    p.set_defaults(func=_Command("cmd_setting"))

    sync_commands.add_parsers(sub, common)
    lock_commands.add_parsers(sub, common)
    target_commands.add_parsers(sub, common)

    p = sub.add_parser("demo", parents=[common],
                       help="isi basis data baru dengan data sintetis bertanda [DEMO]")
    p.add_argument("--scale", type=arguments.scale, default=1,
                   help="kelipatan ukuran Jambi (1 ≈ 5.000 koperasi, 20.000 usaha kecil)")
    p.add_argument("--seed", type=int, default=2022, help="benih acak (hasil selalu sama)")
    p.set_defaults(func=_Command("cmd_demo"))
    return parser


class _Version(argparse.Action):
    """``--version``: the version and the build (asked of git only when requested)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"iku {version.describe()}")
        parser.exit()


# characters the program writes that legacy code pages (cp1252, cp437) lack
_WRITTEN = "–−→×≥✔✘…"


def _utf8_output() -> None:
    """UTF-8 on stdout/stderr when they are not a console, or when their encoding cannot
    write the program's text (Windows redirects use the ANSI code page, cp1252 has no '−')."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        try:
            _WRITTEN.encode(stream.encoding or "ascii")
            encodes = True
        except (LookupError, UnicodeEncodeError):
            encodes = False
        if not encodes or not stream.isatty():
            stream.reconfigure(encoding="utf-8")


_starting = False  # the program's own process (``entry``), until its command's code is in


def entry() -> int:
    """The ``iku`` program (its console script, ``python -m iku_desktop``): ``main`` in a
    process of its own. Its start-up makes objects that live until it ends (the modules,
    classes and functions of the store and the services: ≈ 23.000 that the garbage
    collector tracks, for ``iku compute``). The collector is off while they are made and
    then leaves them out (``gc.freeze``), so that neither its collections during the
    command nor the last one at exit walk them again (≈ 40 ms of ``iku compute``,
    docs/PERFORMANCE.md). Called in a test process, ``main`` leaves the collector alone."""
    global _starting
    _starting = True
    gc.disable()
    try:
        return main()
    finally:
        _started()


def _started() -> None:
    """The command's code is imported: what exists now lives until the process ends."""
    global _starting
    if _starting:
        _starting = False
        gc.freeze()
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    try:
        code = _run(argv)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        # the reader stopped early (``iku … | head``): as the Python docs recommend, point
        # stdout at devnull so the interpreter's final flush does not fail again, and exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            raise
        # the output went to a file on a full disk (``iku … > out.txt``): say so on stderr
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        print("Galat: keluaran tidak dapat ditulis: disk penuh. Kosongkan ruang disk lalu "
              "jalankan lagi", file=sys.stderr)
        return 2


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # the command runs: now the services (the store, SQLite) are needed
    from ..services import session
    from ..services.database import default_path, explain
    from ..services.session import DatabaseDamaged, DatabaseError

    if not hasattr(args, "db"):
        args.db = default_path()
    from . import notices

    session.for_command_line(
        f"Perintah iku {args.command}",
        lambda s: print(f"Menunggu basis data yang sedang ditulis proses lain… ({s:.0f} "
                        "detik)", file=sys.stderr),
        lambda made: notices.backup_not_copied(made.second_problem))  # before an upgrade
    if not isinstance(args.func, _Command):  # (its module imported already)
        _started()
    try:
        try:
            return args.func(args)
        except Exception as exc:  # noqa: BLE001 — only SQLite's and peewee's are explained
            known = explain(exc, args.db)  # read-only, disk full, busy: said, not a traceback
            if known is None:
                raise
            raise known from exc
    except DatabaseError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        if isinstance(exc, DatabaseDamaged) and args.command != "backup":
            from ..services import backups

            usable = backups.latest_usable(args.db)
            if usable is not None:
                from ..domain.formatting import format_time

                when = format_time(usable.taken_at.astimezone())
                print(f"Cadangan terakhir: {usable.path} ({when}). "
                      f"Pulihkan dengan: iku --db {args.db} backup restore", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
