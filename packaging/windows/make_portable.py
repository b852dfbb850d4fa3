"""The portable zip: the same program as the installer, to run from an unpacked folder or a
USB stick where installers are blocked (called by build.sh with the build tools' Python,
which has distlib).

    python make_portable.py NSIS_DIR OUT.zip VERSION

The zip holds one folder ``IKU-Desktop-<version>/`` with ``Python/``, ``pkgs/``, ``bin/``
(``iku.exe``, ``iku-desktop.exe``) as installed, ``IKU Desktop.exe`` to start the window,
the ``portable`` marker (data then goes to ``data/`` beside it: iku_desktop/portable.py)
and ``BACA-SAYA.txt``. The launchers are distlib's, with a shebang relative to their own
folder, as pynsist makes them, so the folder works wherever it is unpacked.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from nsist.commands import SCRIPT_TEMPLATE, find_exe

README = """\
IKU Desktop {version} — salinan portabel

Menjalankan: klik dua kali "IKU Desktop.exe". Perintah baris: bin\\iku.exe (mis.
bin\\iku.exe --version). Tidak perlu dipasang dan tidak perlu hak administrator.

Data: karena berkas "portable" ada di folder ini, basis data, cadangannya dan pengaturan
jendela disimpan di folder "data" di sini. Salin seluruh folder ini untuk memindahkan
atau mencadangkan program beserta datanya. Tanpa berkas "portable", data disimpan di
folder data pengguna (%LOCALAPPDATA%\\IKU Desktop), seperti program yang dipasang.

Syarat: Windows 10 (1809 atau lebih baru) atau Windows 11, 64-bit. Windows 7 tidak bisa.
"""

MARKER = """\
Berkas penanda: selama berkas ini ada, IKU Desktop menyimpan datanya di folder "data"
di samping program ini, bukan di folder data pengguna.
"""


def launcher(console: bool, python_relative: str) -> bytes:
    """A distlib launcher running ``ui.app:main`` with the Python at a path relative to
    the launcher's own folder."""
    script = SCRIPT_TEMPLATE.format(module="ui.app", func="main", extra_preamble="")
    body = io.BytesIO()
    with zipfile.ZipFile(body, "w") as z:
        z.writestr("__main__.py", script.encode("utf-8"))
    shebang = f"#!<launcher_dir>\\{python_relative}\r\n".encode("ascii")
    return Path(find_exe(64, console=console)).read_bytes() + shebang + body.getvalue()


def build(nsis: Path, out: Path, version: str) -> int:
    top = f"IKU-Desktop-{version}"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for folder in ("Python", "pkgs", "bin"):
            for p in sorted((nsis / folder).rglob("*")):
                if p.is_file() and "__pycache__" not in p.parts:
                    z.write(p, f"{top}/{p.relative_to(nsis).as_posix()}")
        z.write(nsis / "iku.ico", f"{top}/iku.ico")
        z.writestr(f"{top}/IKU Desktop.exe", launcher(False, "Python\\pythonw.exe"))
        z.writestr(f"{top}/portable", MARKER)
        z.writestr(f"{top}/BACA-SAYA.txt", README.format(version=version).replace("\n", "\r\n"))
    tmp.replace(out)
    return out.stat().st_size


if __name__ == "__main__":
    size = build(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
    print(f"{sys.argv[2]}: {size / 1e6:.1f} MB")
