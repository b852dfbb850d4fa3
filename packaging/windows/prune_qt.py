"""Leave out of the Windows build the Qt parts the program never loads.

``python prune_qt.py PKGS_DIR`` (the ``pkgs`` folder pynsist assembled): keeps the PySide6
modules and plugin folders named in ``qt-keep.txt`` and every DLL they import, directly
or through each other (read from the PE import and delay-import tables); deletes the
other Qt DLLs and modules, QML, the tools (designer.exe, …), translations, headers, type
stubs and build files. A kept file that imports a DLL found neither in the bundle nor in
Windows is an error: the build stops rather than ship a program that cannot start.
"""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# folders of PySide6/shiboken6 the running program never reads
DROP_DIRS = ("qml", "translations", "include", "lib", "metatypes", "typesystems", "glue",
             "doc", "scripts", "resources")
DROP_SUFFIXES = (".exe", ".lib", ".pyi")


def pe_imports(path: Path) -> list[str]:
    """The DLL names a PE file (DLL, .pyd, EXE) imports, delay-loaded ones included."""
    data = path.read_bytes()
    if data[:2] != b"MZ":
        raise ValueError(f"{path}: not a PE file")
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise ValueError(f"{path}: not a PE file")
    n_sections, = struct.unpack_from("<H", data, pe + 6)
    opt_size, = struct.unpack_from("<H", data, pe + 20)
    opt = pe + 24
    magic, = struct.unpack_from("<H", data, opt)
    dirs = opt + (112 if magic == 0x20B else 96)
    sections = []
    for i in range(n_sections):
        vsize, vaddr, rsize, raw = struct.unpack_from("<IIII", data, opt + opt_size + 40 * i + 8)
        sections.append((vaddr, max(vsize, rsize), raw))

    def offset(rva: int) -> int:
        for vaddr, size, raw in sections:
            if vaddr <= rva < vaddr + size:
                return rva - vaddr + raw
        raise ValueError(f"{path}: RVA {rva:#x} outside every section")

    def name_at(rva: int) -> str:
        start = offset(rva)
        return data[start:data.index(b"\0", start)].decode("ascii")

    names = []
    for index, size, name_field in ((1, 20, 12), (13, 32, 4)):  # imports, delay imports
        rva, _ = struct.unpack_from("<II", data, dirs + 8 * index)
        if rva == 0:
            continue
        at = offset(rva)
        while True:
            entry = data[at:at + size]
            if len(entry) < size or not any(entry):
                break
            names.append(name_at(struct.unpack_from("<I", entry, name_field)[0]))
            at += size
    return names


def read_keep(path: Path = HERE / "qt-keep.txt") -> dict[str, list[str]]:
    keep: dict[str, list[str]] = {"module": [], "plugins": [], "drop": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            kind, value = line.split(None, 1)
            keep[kind].append(value)
    return keep


def _is_system(name: str) -> bool:
    """A DLL Windows provides (or the Universal CRT, part of Windows 10)."""
    return name.lower().startswith(("api-ms-win-", "ext-ms-win-")) or name.lower() in SYSTEM


# DLLs of Windows 10/11 the kept Qt files import (checked: the build fails on any other)
SYSTEM = {n.lower() for n in """
kernel32.dll user32.dll gdi32.dll advapi32.dll shell32.dll ole32.dll oleaut32.dll
ws2_32.dll winmm.dll version.dll netapi32.dll userenv.dll mpr.dll authz.dll ntdll.dll
icuuc.dll icuin.dll imm32.dll dwmapi.dll uxtheme.dll shlwapi.dll comdlg32.dll
winspool.drv d3d9.dll d3d11.dll d3d12.dll dxgi.dll dwrite.dll d2d1.dll dcomp.dll
opengl32.dll setupapi.dll wtsapi32.dll crypt32.dll bcrypt.dll secur32.dll iphlpapi.dll
dnsapi.dll comctl32.dll cfgmgr32.dll dxva2.dll ncrypt.dll propsys.dll shcore.dll
runtimeobject.dll d3dcompiler_47.dll python3.dll python312.dll usp10.dll msimg32.dll
powrprof.dll hid.dll rpcrt4.dll winhttp.dll uiautomationcore.dll mscms.dll""".split()}


def prune(pkgs: Path, keep: dict[str, list[str]] | None = None) -> tuple[int, int]:
    keep = keep or read_keep()
    pyside, shiboken = pkgs / "PySide6", pkgs / "shiboken6"
    local: dict[str, list[Path]] = {}  # the MSVC runtime sits in both folders: keep both
    for p in [*pyside.glob("*.dll"), *shiboken.glob("*.dll")]:
        local.setdefault(p.name.lower(), []).append(p)
    plugins = pyside / "plugins"
    dropped_plugins = {(plugins / d).resolve() for d in keep["drop"]}
    roots = [pyside / f"{m}.pyd" for m in keep["module"]]
    roots += [pyside / "pyside6.abi3.dll", shiboken / "Shiboken.pyd"]
    for folder in keep["plugins"]:
        roots += [p for p in sorted((plugins / folder).glob("*.dll"))
                  if p.resolve() not in dropped_plugins]
    needed: set[Path] = set()
    todo = list(roots)
    while todo:
        f = todo.pop()
        if f in needed:
            continue
        if not f.is_file():
            raise SystemExit(f"prune_qt: {f} is missing from the wheels")
        needed.add(f)
        for name in pe_imports(f):
            if name.lower() in local:
                todo += local[name.lower()]
            elif not _is_system(name):
                raise SystemExit(f"prune_qt: {f.name} imports {name}, neither bundled nor "
                                 f"part of Windows")
    before = _size(pyside) + _size(shiboken)
    for d in (pyside, shiboken):
        for sub in DROP_DIRS:
            shutil.rmtree(d / sub, ignore_errors=True)
        for p in d.iterdir():
            if p.is_file() and (p.suffix in DROP_SUFFIXES
                                or p.suffix in (".dll", ".pyd") and p not in needed):
                p.unlink()
    for p in plugins.iterdir():
        if p.name not in keep["plugins"]:
            shutil.rmtree(p)
    for p in dropped_plugins:
        p.unlink(missing_ok=True)
    return before, _size(pyside) + _size(shiboken)


def _size(d: Path) -> int:
    return sum(p.stat().st_size for p in d.rglob("*") if p.is_file())


if __name__ == "__main__":
    before, after = prune(Path(sys.argv[1]))
    print(f"Qt: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB (kept: "
          f"{', '.join(read_keep()['module'])} and their DLLs; plugins "
          f"{', '.join(read_keep()['plugins'])})")
