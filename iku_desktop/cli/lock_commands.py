"""``iku document`` (status, tetapkan, new revision) and ``iku lock`` (a year's realisasi).
The services are imported when a command runs, not when the parser is built."""

from __future__ import annotations

import sys

from ..domain.formatting import format_time
from ..services.editing_errors import EditError
from .. import arguments


def _guarded(args, work) -> int:
    """Run ``work()`` on the open database; a refused act is exit code 1 with its reason."""
    from ..services.session import opened

    with opened(args.db):
        try:
            work()
            return 0
        except EditError as exc:
            print(f"Galat: {exc}", file=sys.stderr)
            return 1


def _document(action: str) -> None:
    from ..services import locking

    if action == "finalize":
        doc = locking.tetapkan()
        print(f"Dokumen IKU revisi {doc.revisi} ditetapkan; kini hanya dapat dibaca.")
    elif action == "new-revision":
        doc = locking.new_revision()
        print(f"Revisi {doc.revisi} dibuat dari revisi {doc.revisi - 1}; ubah lalu tetapkan "
              "lagi.")
    else:
        doc = locking.document_state()
        if doc is None:
            print("Tidak ada dokumen IKU aktif di basis data ini (kantor kabupaten/kota "
                  "menerimanya dalam paket dari kantor provinsi: iku package import BERKAS)")
        else:
            state = (f"ditetapkan {format_time(doc.ditetapkan_at)}" if doc.ditetapkan_at
                     else "belum ditetapkan (dapat diubah)")
            print(f"Dokumen IKU revisi {doc.revisi}: {state}")
        for lock in locking.year_locks():
            print(f"Realisasi {lock.tahun} dikunci {format_time(lock.dikunci_at)} "
                  f"oleh {lock.pengguna} "
                  f"(kode {lock.kode})")


def _lock(year: int) -> None:
    from ..services import locking

    lock = locking.lock_year(year)
    print(f"Realisasi {lock.tahun} dikunci. Laporan Capaian {lock.tahun} kini dicetak dari "
          f"keadaan ini (kode verifikasi {lock.kode}).")


def cmd_document(args) -> int:
    return _guarded(args, lambda: _document(args.action))


def cmd_lock(args) -> int:
    return _guarded(args, lambda: _lock(args.year))


def add_parsers(sub, common) -> None:
    p = sub.add_parser("document", parents=[common],
                       help="status dokumen IKU; finalize: tetapkan (setelah ditandatangani); "
                            "new-revision: revisi baru dari dokumen yang sudah ditetapkan")
    p.add_argument("action", choices=("status", "finalize", "new-revision"))
    p.set_defaults(func=cmd_document)

    p = sub.add_parser("lock", parents=[common],
                       help="kunci realisasi satu tahun setelah dilaporkan")
    p.add_argument("--year", type=arguments.year, required=True, help="tahun, mis. 2022")
    p.set_defaults(func=cmd_lock)
