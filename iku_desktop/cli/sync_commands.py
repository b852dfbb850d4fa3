"""``iku office``, ``iku package`` and ``iku audit``: the office's identity (and its keys,
``key_commands``), data packages between offices, and the audit log.

The services are imported inside the commands: building the parser (``add_parsers``) must
not load the store and the signing library (``iku --version`` stays fast)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.formatting import format_number, format_time
from ..services.editing_errors import EditError
from .. import arguments

if TYPE_CHECKING:
    from ..services import packages


def cmd_office(args) -> int:
    from ..services import office, office_keys
    from ..services.session import opened
    from . import key_commands

    with opened(args.db):
        if args.action == "show":
            info = office.current()
            print(f"Kantor: {info.describe()}")
            fingerprint = office_keys.own_fingerprint(create=False)
            if fingerprint:
                print(f"Sidik kunci kantor: {fingerprint}")
            return 0
        if args.action == "keys":
            return key_commands.cmd_keys(args.words)
        if args.words:
            print(f"Galat: kata tidak dikenal: {' '.join(args.words)}", file=sys.stderr)
            return 2
        if bool(args.kabupaten) == bool(args.provinsi):
            print("Galat: pilih salah satu: --kabupaten KODE atau --provinsi", file=sys.stderr)
            return 2
        try:
            info = office.set_office(None if args.provinsi else args.kabupaten, args.force)
        except office.OfficeError as exc:
            print(f"Galat: {exc}", file=sys.stderr)
            return 1
        print(f"Kantor basis data ini: {info.describe()}")
        return 0


def _print_parties(r: packages.MergeResult) -> None:
    from ..services import ownership

    state = ("kunci yang sudah dipercaya" if not r.new_key else
             "kunci BARU, belum pernah diterima di sini" if r.dry_run else
             "kunci BARU, kini dicatat")
    print(f"  Pengirim: {r.office_name or r.office} ({r.office}), sidik {r.fingerprint} "
          f"— {state}")
    for to in r.receivers:
        print(f"  Penerima: {ownership.describe(to.office)} ({to.office}), sidik "
              f"{to.fingerprint} — isi disegel")
    for w in r.warnings:
        print(f"  PERINGATAN: {w}")


def _print_merge(r: packages.MergeResult) -> None:
    who = r.office_name or r.office
    if r.already:
        print(f"Paket {r.package_id} dari {who} sudah pernah diimpor; tidak ada yang berubah.")
        return
    number = f" ke-{format_number(r.nomor, 0)}" if r.nomor else ""
    print(("Pratinjau paket" if r.dry_run else "Paket") + number
          + ("" if r.dry_run else " diimpor") + f" dari {who}:")
    _print_parties(r)
    for note in r.order_notes:
        print(f"  PERINGATAN: {note}")
    if not r.counts:
        print("  (paket tidak berisi perubahan)")
    for table, c in r.counts.items():
        added, updated, same, kept, conflicts, held = (format_number(v, 0) for v in (
            c.added, c.updated, c.unchanged, c.kept, c.conflicts, c.held))
        print(f"  {table:<22} tambah {added}, ubah {updated}, sama {same}, "
              f"milik kita lebih baru {kept}, konflik {conflicts}"
              + (f", tertahan {held}" if c.held else ""))
    for x in r.refused:
        print(f"  DITOLAK {x.table} {x.name or x.uuid}: {x.reason}")
    for x in r.held:
        print(f"  TERTAHAN {x.table} {x.name or x.uuid}: {x.reason}")
    if r.released:
        print(f"{format_number(r.released, 0)} baris yang tertahan dari paket sebelumnya "
              "kini digabungkan.")
    if r.still_held:
        print(f"{format_number(r.still_held, 0)} baris tertahan menunggu data induknya; "
              "digabungkan otomatis saat data itu tiba: iku package held")
    if r.conflicts:
        print(f"{format_number(len(r.conflicts), 0)} konflik menunggu keputusan: "
              "iku package conflicts")


def cmd_package(args) -> int:
    from ..services.session import opened

    with opened(args.db):
        return _package(args)


def _package(args) -> int:
    from ..services import office_keys, ownership, package_witness, packages
    from . import notices

    try:
        if args.action == "export":
            if not args.output:
                print("Galat: sebutkan berkas paket dengan -o BERKAS.ikupkg", file=sys.stderr)
                return 2
            r = packages.export_package(args.output, since=args.since, everything=args.all,
                                        to=args.to, unsealed=args.unsealed)
            rows = sum(r.counts.values())
            print(f"Paket ke-{format_number(r.nomor, 0)} ditulis: {r.path} "
                  f"({format_number(rows, 0)} baris"
                  + (f", berubah sejak {format_time(r.since)}" if r.since else ", semua data")
                  + ")")
            print(f"  ditandatangani {ownership.describe(ownership.office_code())}, sidik "
                  f"{r.fingerprint}")
            for to in r.receivers:
                print(f"  disegel untuk {ownership.describe(to.office)} ({to.office}), sidik "
                      f"{to.fingerprint}")
            if r.without_key:
                print("  tidak dapat dibuka oleh (kuncinya belum dikenal di sini): "
                      + ", ".join(ownership.describe(c) for c in r.without_key))
            if not r.receivers:
                print(f"PERINGATAN: {packages.UNSEALED_WARNING}", file=sys.stderr)
            for table, n in r.counts.items():
                print(f"  {table:<22} {format_number(n, 0)}")
        elif args.action == "import":
            if not args.target:
                print("Galat: sebutkan berkas paket", file=sys.stderr)
                return 2
            r = packages.import_package(Path(args.target), dry_run=args.dry_run)
            if args.json:
                print(json.dumps(r.as_dict(), ensure_ascii=False, indent=1))
            else:
                _print_merge(r)
            notices.backup_not_copied(r.second_problem)  # the backup before the merge
            return 1 if r.refused else 0
        elif args.action == "conflicts":
            found = packages.conflicts(include_resolved=args.all)
            if not found:
                print("Tidak ada konflik" + ("." if args.all else " yang menunggu keputusan."))
            for c in found:
                state = f"diselesaikan: {c.keputusan}" if c.resolved else "menunggu"
                print(f"#{c.id} {c.tabel} {c.nama} (dari {c.kantor}, "
                      f"{format_time(c.ditemukan_at)}, {state})")
                for f, ours, theirs in c.shown_fields(args.tampilkan_nik):
                    print(f"    {f:<24} kita: {ours!s:<28} mereka: {theirs}")
        elif args.action == "resolve":
            number = arguments.conflict_number(args.target)
            if number is None or args.choice is None:
                print("Galat: iku package resolve NOMOR --keep-ours | --take-theirs "
                      "(NOMOR: nomor konflik dengan angka 0-9, lihat iku package conflicts)",
                      file=sys.stderr)
                return 2
            packages.resolve(number, args.choice)
            print(f"Konflik #{number} diselesaikan: "
                  + ("data di sini dipertahankan" if args.choice == "kita" else
                     "data kiriman diambil"))
        elif args.action == "held":
            held = packages.held_rows()
            if not held:
                print("Tidak ada baris tertahan.")
            else:
                print(f"{format_number(len(held), 0)} baris tertahan menunggu data induknya "
                      "(digabungkan otomatis saat data itu tiba dalam paket berikutnya):")
            for h in held:
                print(f"  {h.tabel} {h.nama} dari {ownership.describe(h.kantor)} "
                      f"(paket {h.nama_berkas}, {format_time(h.dicatat_at)}): "
                      f"{h.alasan}")
        else:  # history
            for p in packages.history():
                arah = "keluar" if p.arah == "keluar" else f"masuk dari {p.kantor}"
                number = f"ke-{p.nomor}" if p.nomor else ""
                print(f"{format_time(p.dicatat_at, seconds=True)}  {arah:<20} {number:<6} "
                      f"{p.nama_berkas}  {p.jumlah}")
                for finding in package_witness.findings(p.package_id, p.arah):
                    print(f"    PERINGATAN: {finding}")
        return 0
    except (packages.PackageError, packages.ConflictError, EditError,
            office_keys.OfficeKeyError) as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return 1


def cmd_audit(args) -> int:
    from ..services import audit_log
    from ..services.session import opened

    with opened(args.db):
        if args.verify:
            v = audit_log.verify()
            print(f"{format_number(v.rows, 0)} baris log audit diperiksa: "
                  + ("utuh." if v.ok else "TIDAK UTUH."))
            for p in v.problems:
                print(f"  - {p}")
            for note in v.notes:
                print(f"  Catatan: {note}")
            return 0 if v.ok else 1
        entries = audit_log.entries(since=args.since, table=args.table, source=args.source,
                                    limit=args.limit)
        names = audit_log.names(entries)
        for e in reversed(entries):
            who = e.pengguna or "?"
            src = e.sumber or audit_log.OUTSIDE
            row = f" {names[e.id]}" if e.id in names else ""
            print(f"{format_time(e.at, seconds=True)}  {who:<10} {src:<34} {e.aksi:<6} "
                  f"{e.tabel}{row}  {e.summary(reveal=args.tampilkan_nik)}")
        return 0


def add_parsers(sub, common) -> None:
    p = sub.add_parser("office", parents=[common],
                       help="kantor pemilik basis data ini (provinsi atau kabupaten/kota)")
    p.add_argument("action", choices=("show", "set", "keys"),
                   help="keys: kunci kantor ini dan kunci kantor lain yang dipercaya")
    p.add_argument("words", nargs="*", metavar="…",
                   help="keys accept KODE SIDIK | keys export BERKAS | keys import BERKAS")
    p.add_argument("--kabupaten", help="kode BPS/Kemendagri atau nama kabupaten/kota")
    p.add_argument("--provinsi", action="store_true", help="kantor provinsi")
    p.add_argument("--force", action="store_true",
                   help="ganti kantor walau paket sudah pernah dikirim")
    p.set_defaults(func=cmd_office)

    p = sub.add_parser("package", parents=[common],
                       help="paket data antarkantor: export, import, conflicts, resolve, held, "
                            "history")
    p.add_argument("action", choices=("export", "import", "conflicts", "resolve", "held",
                                      "history"),
                   help="held: baris kiriman yang tertahan menunggu data induknya")
    p.add_argument("target", nargs="?", metavar="BERKAS|NOMOR",
                   help="import: berkas .ikupkg; resolve: nomor konflik")
    p.add_argument("-o", "--output", type=Path, help="export: berkas .ikupkg")
    p.add_argument("--since", help="export: juga data yang berubah sejak waktu ini (ISO, "
                                   "UTC); paket tetap memuat semua yang belum diakui penerima")
    p.add_argument("--to", metavar="KODE", action="append",
                   help="export: kantor penerima, boleh berulang (bawaan: provinsi; dari "
                        "provinsi: semua kabupaten/kota yang kuncinya dikenal)")
    p.add_argument("--unsealed", action="store_true",
                   help="export: hanya bertanda tangan, tidak disegel untuk penerima")
    p.add_argument("--all", action="store_true",
                   help="export: semua data; conflicts: juga yang sudah diselesaikan")
    p.add_argument("--dry-run", action="store_true", help="import: pratinjau saja")
    p.add_argument("--json", action="store_true", help="import: laporan JSON")
    p.add_argument("--tampilkan-nik", action="store_true",
                   help="tampilkan NIK pemilik utuh (data pribadi, UU 27/2022; bawaan: disamarkan)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--keep-ours", dest="choice", action="store_const", const="kita",
                   help="resolve: pertahankan data di sini")
    g.add_argument("--take-theirs", dest="choice", action="store_const", const="mereka",
                   help="resolve: ambil data kiriman")
    p.set_defaults(func=cmd_package)

    p = sub.add_parser("audit", parents=[common], help="log audit: siapa mengubah apa, kapan")
    p.add_argument("--since", help="sejak tanggal/waktu (mis. 2026-11-01)")
    p.add_argument("--table", help="hanya tabel ini")
    p.add_argument("--source", help="hanya sumber yang memuat teks ini")
    p.add_argument("--limit", type=arguments.count, help="paling banyak sekian baris terbaru")
    p.add_argument("--verify", action="store_true", help="periksa rantai hash log audit")
    p.add_argument("--tampilkan-nik", action="store_true",
                   help="tampilkan NIK pemilik utuh (data pribadi, UU 27/2022; bawaan: disamarkan)")
    p.set_defaults(func=cmd_audit)
