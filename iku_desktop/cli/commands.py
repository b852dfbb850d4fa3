"""The commands of ``iku``; each returns an exit code. The Excel, PDF and demo services are
imported by the commands that use them: ``compute`` loads the store and the indicators
only."""

from __future__ import annotations

import contextlib
import json
import sys

from ..domain.formatting import format_number, format_time
from ..services import session
from ..services.database import daily_backup, office_code, open_for_work
from ..services.indicators import compute_year
from ..services.session import opened
from . import notices, render


def refused(exc: Exception, code: int = 1, note: str = "") -> int:
    """Say why a command was refused ("Galat: …" on stderr); its exit code."""
    print(f"Galat: {exc}{note}", file=sys.stderr)
    return code


def cmd_init(args) -> int:
    db = session.create_database(args.db)
    doc = session.active_document()
    db.close()
    print(f"Basis data dibuat: {args.db}")
    print(f"Dokumen IKU: {doc.judul} — {doc.unit_organisasi}, {doc.tempat_tanggal}; "
          f"{len(doc.sasaran)} sasaran, {len(doc.semua_indikator)} indikator")
    return 0


def cmd_import(args) -> int:
    from ..services import transfer

    db = open_for_work(args.db)  # takes the daily backup (a dry run too)
    try:
        result = transfer.import_file(args.file, kind=args.kind, dry_run=args.dry_run,
                                      origin=office_code())
    finally:
        db.close()
    # the daily backup and the one before the import: not on the stick
    not_copied = notices.not_copied_problems(daily_backup(db), result.backup)
    if args.json:
        said = result.as_dict()
        said["second_folder_problem"] = "\n".join(not_copied)
        print(json.dumps(said, ensure_ascii=False, indent=2))
    else:
        ok = result.report.ok  # once: asked per line it made a 100.000-issue report quadratic
        out = sys.stdout if ok else sys.stderr
        for issue in result.report.issues:
            print(issue.render(), file=out)
        if not ok:
            print(f"Impor dibatalkan: {len(result.report.errors)} galat. "
                  "Tidak ada data yang disimpan.", file=sys.stderr)
        elif args.dry_run:
            print(f"Pemeriksaan selesai ({', '.join(result.kinds)}): tidak ada galat. "
                  "Tidak ada data yang disimpan (--dry-run).")
        else:
            for table, c in result.counts.items():
                print(f"{table}: {format_number(c.added, 0)} ditambah, "
                      f"{format_number(c.updated, 0)} diubah, "
                      f"{format_number(c.unchanged, 0)} tetap")
    for problem in not_copied:
        notices.backup_not_copied(problem)
    if not result.report.ok and args.errors_out and result.tables:
        try:
            bad = transfer.write_errors(result, args.errors_out)
        except transfer.OutputError as exc:
            return refused(exc)
        print(f"{format_number(bad, 0)} baris bermasalah ditulis ke {args.errors_out} (hanya "
              "baris bermasalah, dengan kolom Kesalahan dan Baris asal); perbaiki baris itu di "
              "berkas asal lalu impor lagi.", file=sys.stderr)
    return 0 if result.report.ok else 1


def cmd_compute(args) -> int:
    with opened(args.db):
        doc = session.active_document()
        if doc is None:
            return refused("basis data tidak berisi dokumen IKU aktif")
        reports = compute_year(doc, args.year)
    if args.json:
        print(json.dumps(render.report_json(args.year, reports), ensure_ascii=False, indent=2))
    else:
        if args.year not in doc.tahun:
            print(f"Catatan: {args.year} di luar periode dokumen "
                  f"({doc.tahun_awal}–{doc.tahun_akhir})")
        print(render.report_text(args.year, doc.unit_organisasi, reports))
    return 0


def cmd_demo(args) -> int:
    from ..services import demo

    with opened(args.db):
        try:
            counts = demo.fill(args.scale, args.seed,
                               progress=lambda what: print(f"… {what} selesai", file=sys.stderr))
        except demo.DemoError as exc:
            return refused(exc)
    print("Data demo ditambahkan: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    return 0


def cmd_print(args) -> int:
    from ..services import printing, transfer

    params = {}
    if args.kind != "dokumen":
        params["year"] = args.year
    if args.kind == "ikm" and args.survey:
        params["survey"] = args.survey
    with opened(args.db):
        try:
            # the PDF is written whole before its code is archived
            out = printing.make(args.kind, params, paper=args.paper, path=args.output)
        except printing.PrintError as exc:
            return refused(exc)
        except transfer.OutputError as exc:
            return refused(exc, 2, "; kodenya tidak diarsipkan")
    note = "" if out.archive_id else " (tidak diarsipkan: basis data terbuka hanya-baca)"
    print(f"{args.output}: {out.pages} halaman, kode verifikasi {out.code}{note}")
    return 0


def cmd_verify(args) -> int:
    from ..services import printing

    with opened(args.db):
        try:
            result = printing.verify(args.code)
        except ValueError as exc:
            return refused(exc, 2)
    print(result.message)
    return 0 if result.known and result.still_matches else 1


def cmd_setting(args) -> int:
    from ..services import setting_edit

    with opened(args.db):
        if not args.key:
            for key in setting_edit.keys():
                value = setting_edit.current(key)
                label, help_text = setting_edit.describe(key)
                shown = ("(gambar)" if key == "kop_surat_logo" and value else
                         " | ".join(value) if isinstance(value, list) else
                         ("Ya" if value else "Tidak") if isinstance(value, bool) else value)
                print(f"{key} = {shown or '(kosong)'}\n    {label}. {help_text}")
            return 0
        try:
            setting_edit.set_from_text(args.key, args.value, args.file)
        except (KeyError, ValueError) as exc:
            return refused(exc.args[0], 2)
        print(f"{args.key} diubah.")
        return 0


def cmd_template(args) -> int:
    from ..services import transfer

    # a template filled from the database (target: the document's indikator and years)
    # opens it; the others are written without one
    filled = args.kind in transfer.PREFILLED_TEMPLATES
    try:
        with opened(args.db) if filled else contextlib.nullcontext():
            transfer.write_template(args.kind, args.output)
    except transfer.Refused as exc:
        return refused(exc, 2)
    what = "semua jenis data" if args.kind == "all" else args.kind
    print(f"Templat {what} ditulis: {args.output}")
    return 0


def cmd_export(args) -> int:
    from ..services import transfer

    with opened(args.db):
        try:
            n = transfer.export(args.kind, args.output, year=args.year)
        except transfer.TransferError as exc:
            return refused(exc)
        except transfer.OutputError as exc:
            return refused(exc, 2)
    print(f"{format_number(n, 0)} baris diekspor ke {args.output}")
    return 0


def cmd_check(args) -> int:
    with opened(args.db):
        checked = session.check_database()
    if not checked.ok:  # said with the way back to the latest backup (cli._run)
        raise session.DatabaseDamaged(
            f"Pemeriksaan integritas basis data {args.db} gagal: "
            f"{'; '.join(checked.problems)}. Pulihkan dari cadangan terakhir.")
    print(f"Basis data {args.db} utuh: setiap halaman, baris dan indeks diperiksa "
          f"({format_number(checked.seconds, 1)} detik).")
    return 0


def cmd_backup(args) -> int:
    from ..services import backups

    backups.require_database(args.db)
    try:
        if args.action == "create":
            b = backups.create_backup(args.db)
            print(f"Cadangan dibuat: {b.path}")
            notices.second_copy(b)
        elif args.action == "list":
            found = backups.list_backups(args.db)
            if not found:
                print("Belum ada cadangan.")
            for b in found:
                when = format_time(b.taken_at.astimezone(), seconds=True)
                print(f"{when}  {b.label:<28} {b.path}")
        else:
            done = backups.restore_backup(args.db, args.file)  # recorded in the audit log
            print(f"Dipulihkan dari {done.source}. Keadaan sebelumnya disimpan: "
                  f"{done.safety.path}")
            notices.second_copy(done.safety)
    except backups.BackupError as exc:
        return refused(exc)
    return 0
