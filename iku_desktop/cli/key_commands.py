"""``iku office keys``: this office's key fingerprint and the other offices' pinned keys
(list), ``accept KODE SIDIK`` (a new key after comparing its fingerprint by phone),
``export BERKAS`` (this office's public key) and ``import BERKAS`` (another office's)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..domain.formatting import format_time
from ..services import office_keys, ownership
from ..services.editing_errors import EditError

USAGE = ("Galat: iku office keys [accept KODE SIDIK | export BERKAS | import BERKAS]")
CARA = {"paket": "dari paket pertamanya", "berkas": "dari berkas kunci",
        "operator": "diterima petugas"}


def _when(at: str | None) -> str:
    return format_time(at)


def list_keys() -> int:
    mine = office_keys.own_party()
    print(f"Kunci kantor ini: {ownership.describe(mine.office)}")
    print(f"  sidik {mine.fingerprint}")
    pinned = office_keys.pinned_keys()
    if not pinned:
        print("Belum ada kunci kantor lain yang dipercaya (dicatat dari paket pertama kantor "
              "itu atau dari berkas kuncinya).")
        return 0
    print("Kunci kantor lain yang dipercaya:")
    for k in pinned:
        state = " (menunggu paket/berkas dengan kunci ini)" if k.menunggu else ""
        print(f"  {k.kantor:<9} {k.nama:<40} sidik {k.sidik}  pertama {_when(k.dicatat_at)}  "
              f"terakhir {_when(k.terakhir_at)}  {CARA.get(k.cara, k.cara)}{state}")
    return 0


def cmd_keys(rest: list[str]) -> int:
    """Run ``iku office keys …`` on the open database; ``rest``: the words after ``keys``."""
    action = rest[0] if rest else "list"
    try:
        if action == "list" and len(rest) <= 1:
            return list_keys()
        if action == "accept" and len(rest) == 3:
            k = office_keys.accept(rest[1], rest[2])
            print(f"Kunci baru {ownership.describe(k.kantor)} diterima: sidik {k.sidik}. "
                  "Paket kantor itu yang ditandatangani dengan kunci lama kini ditolak.")
            return 0
        if action == "export" and len(rest) == 2:
            key = office_keys.export_key_file(Path(rest[1]))
            print(f"Kunci publik {ownership.describe(key.office)} ditulis ke {rest[1]} "
                  f"(sidik {key.fingerprint}). Kirim berkas ini ke kantor lain dan bacakan "
                  "sidiknya lewat telepon; kunci rahasia tetap di basis data ini.")
            return 0
        if action == "import" and len(rest) == 2:
            key, changed = office_keys.import_key_file(Path(rest[1]))
            who = ownership.describe(key.office)
            print((f"Kunci {who} dicatat" if changed else f"Kunci {who} sudah dicatat")
                  + f": sidik {key.fingerprint}. Bandingkan sidik ini lewat telepon dengan "
                  "petugas kantor itu (iku office keys di sana).")
            return 0
    except (office_keys.OfficeKeyError, EditError) as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return 1
    print(USAGE, file=sys.stderr)
    return 2
