"""``iku target``: the targets of the document in force per indikator and year.

``iku target list [--json]`` shows the grid ("–" for a year without a target, a locked
year marked "dikunci"); ``iku target set --indikator N --year Y NILAI`` sets one (``--hapus``
removes it), through the editing service: a locked year, another office's data or a
read-only database is refused with its reason (exit code 1). The services are imported
when the command runs, not when the parser is built."""

from __future__ import annotations

import json
import sys

from ..domain.formatting import DASH, format_decimal, format_number
from ..errors import Refused
from .. import arguments


def _list(as_json: bool) -> int:
    from ..services import targets

    grid = targets.grid()
    if grid is None:
        print("Tidak ada dokumen IKU aktif di basis data ini", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps({
            "years": list(grid.years), "locked": sorted(grid.locked),
            "indicators": [{"number": r.nomor, "sasaran": r.sasaran_nomor, "name": r.nama,
                            "satuan": r.satuan,
                            "targets": {str(y): None if y not in r.values else
                                        float(r.values[y]) for y in grid.years}}
                           for r in grid.rows]}, ensure_ascii=False, indent=2))
        return 0
    heads = [str(y) + (" (dikunci)" if y in grid.locked else "") for y in grid.years]
    cells = [[format_number(r.values[y]) if y in r.values else DASH for y in grid.years]
             for r in grid.rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
    print("Target Indikator Kinerja Utama per tahun")
    print("  ".join(["No ", *(h.rjust(w) for h, w in zip(heads, widths)), "Indikator"]))
    for r, row in zip(grid.rows, cells):
        name = r.nama + (f" ({r.satuan})" if r.satuan else "")
        print("  ".join([str(r.nomor).rjust(3), *(c.rjust(w) for c, w in zip(row, widths)),
                         name]))
    for y, when in sorted(grid.locked.items()):
        print(f"Tahun {y} dikunci {when}: targetnya tidak dapat diubah.")
    return 0


def _set(args) -> int:
    from ..services import targets

    if (args.value is None) == (not args.hapus):
        print("Galat: beri NILAI target, atau --hapus untuk menghapusnya (tidak keduanya)",
              file=sys.stderr)
        return 2
    ind = targets.indikator_of(args.indikator)
    changes = targets.set_target(args.indikator, args.year, "" if args.hapus else args.value)
    now = targets.grid().rows
    value = next(r.values.get(args.year) for r in now if r.indikator_id == ind.id)
    shown = DASH if value is None else format_decimal(value)
    what = "tidak berubah" if changes.empty else "disimpan"
    print(f"Target indikator {ind.nomor} tahun {args.year}: {shown} ({what})")
    return 0


def cmd_target(args) -> int:
    from ..services.session import opened  # the store loads when the command runs

    with opened(args.db):
        try:
            return _list(args.json) if args.action == "list" else _set(args)
        except Refused as exc:
            print(f"Galat: {exc}", file=sys.stderr)
            return 1


def add_parsers(sub, common) -> None:
    p = sub.add_parser("target", parents=[common],
                       help="target indikator per tahun: list (tampilkan), set (ubah)")
    acts = p.add_subparsers(dest="action", required=True, metavar="AKSI")
    q = acts.add_parser("list", parents=[common], help="tampilkan target semua indikator")
    q.add_argument("--json", action="store_true", help="keluaran JSON")
    q.set_defaults(func=cmd_target)
    q = acts.add_parser("set", parents=[common], help="ubah target satu indikator satu tahun")
    q.add_argument("--indikator", required=True, metavar="N",
                   help="nomor indikator: 1, IKU 1, atau 1.2 (indikator kedua sasaran 1)")
    q.add_argument("--year", type=arguments.year, required=True, help="tahun, mis. 2024")
    q.add_argument("value", nargs="?", metavar="NILAI", help="target, mis. 20,5")
    q.add_argument("--hapus", action="store_true", help="hapus target tahun itu")
    q.set_defaults(func=cmd_target)
