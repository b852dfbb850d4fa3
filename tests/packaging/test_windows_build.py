"""The Windows build's own logic, on Linux: the Qt parts it keeps cover every PySide6
module the program imports; the PE import reader that decides which Qt DLLs stay; the
staging of the program with its build information. (The build itself and the program
under Wine: packaging/windows/build.sh and smoke.sh, run by .ci/run.)"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "packaging" / "windows"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, WINDOWS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pyside_modules_imported() -> set[str]:
    found = set()
    for folder in ("ui", "iku_desktop"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([node.module] if isinstance(node, ast.ImportFrom) and node.module
                         else [a.name for a in node.names] if isinstance(node, ast.Import)
                         else [])
                found |= {n.split(".")[1] for n in names
                          if n.startswith("PySide6.") and n.count(".") >= 1}
    return found


def test_every_pyside6_module_the_program_imports_is_kept():
    kept = set(_load("prune_qt").read_keep()["module"])
    imported = _pyside_modules_imported()
    assert {"QtCore", "QtGui", "QtWidgets"} <= imported  # the scan sees the imports
    assert imported <= kept, f"imported but left out of the Windows build: {imported - kept}"


def _pe(imports: list[str], delay: list[str]) -> bytes:
    """A minimal PE32+ image: one section at RVA 0x1000 holding an import directory,
    a delay-import directory and the DLL names."""
    names = b""
    offsets = {}
    for n in imports + delay:
        offsets[n] = len(names)
        names += n.encode() + b"\0"
    imp_size = 20 * (len(imports) + 1)
    delay_size = 32 * (len(delay) + 1)
    base = 0x1000
    names_rva = base + imp_size + delay_size
    section = b"".join(struct.pack("<IIIII", 0, 0, 0, names_rva + offsets[n], 0)
                       for n in imports) + b"\0" * 20
    section += b"".join(struct.pack("<IIIIIIII", 1, names_rva + offsets[n], 0, 0, 0, 0, 0, 0)
                        for n in delay) + b"\0" * 32
    section += names
    pe_at, opt_size = 0x40, 240
    header = bytearray(0x200)
    header[:2] = b"MZ"
    struct.pack_into("<I", header, 0x3C, pe_at)
    header[pe_at:pe_at + 4] = b"PE\0\0"
    struct.pack_into("<HH", header, pe_at + 4, 0x8664, 1)  # machine, one section
    struct.pack_into("<H", header, pe_at + 20, opt_size)
    opt = pe_at + 24
    struct.pack_into("<H", header, opt, 0x20B)  # PE32+
    struct.pack_into("<II", header, opt + 112 + 8 * 1, base, imp_size)
    struct.pack_into("<II", header, opt + 112 + 8 * 13, base + imp_size, delay_size)
    struct.pack_into("<8sIIII", header, opt + opt_size, b".idata", len(section), base,
                     len(section), 0x200)
    return bytes(header) + section


def test_pe_imports_reads_imports_and_delay_imports(tmp_path):
    prune_qt = _load("prune_qt")
    dll = tmp_path / "Qt6Fake.dll"
    dll.write_bytes(_pe(["Qt6Core.dll", "KERNEL32.dll"], ["WINMM.dll"]))
    assert prune_qt.pe_imports(dll) == ["Qt6Core.dll", "KERNEL32.dll", "WINMM.dll"]
    (tmp_path / "text.dll").write_bytes(b"not a program")
    with pytest.raises(ValueError, match="not a PE file"):
        prune_qt.pe_imports(tmp_path / "text.dll")


def test_prune_keeps_the_import_closure_and_drops_the_rest(tmp_path):
    prune_qt = _load("prune_qt")
    pyside, shiboken = tmp_path / "PySide6", tmp_path / "shiboken6"
    for d in (pyside / "plugins" / "platforms", pyside / "plugins" / "qml", pyside / "qml",
              shiboken):
        d.mkdir(parents=True)
    files = {
        pyside / "QtCore.pyd": ["Qt6Core.dll", "pyside6.abi3.dll"],
        pyside / "QtQml.pyd": ["Qt6Qml.dll"],
        pyside / "Qt6Core.dll": ["MSVCP140.dll", "icuuc.dll", "KERNEL32.dll"],
        pyside / "Qt6Qml.dll": ["Qt6Core.dll"],
        pyside / "pyside6.abi3.dll": ["shiboken6.abi3.dll"],
        pyside / "msvcp140.dll": [],
        pyside / "plugins" / "platforms" / "qwindows.dll": ["Qt6Core.dll"],
        pyside / "plugins" / "qml" / "x.dll": ["Qt6Qml.dll"],
        shiboken / "Shiboken.pyd": ["shiboken6.abi3.dll"],
        shiboken / "shiboken6.abi3.dll": ["msvcp140.dll"],
        shiboken / "msvcp140.dll": [],
    }
    for path, imports in files.items():
        path.write_bytes(_pe(imports, []))
    (pyside / "designer.exe").write_bytes(b"MZ")
    (pyside / "QtCore.pyi").write_text("")
    (pyside / "qml" / "x.qml").write_text("")
    keep = {"module": ["QtCore"], "plugins": ["platforms"], "drop": []}
    prune_qt.prune(tmp_path, keep)
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert left == ["PySide6/Qt6Core.dll", "PySide6/QtCore.pyd", "PySide6/msvcp140.dll",
                    "PySide6/plugins/platforms/qwindows.dll", "PySide6/pyside6.abi3.dll",
                    "shiboken6/Shiboken.pyd", "shiboken6/msvcp140.dll",
                    "shiboken6/shiboken6.abi3.dll"]


def test_prune_refuses_a_dll_neither_bundled_nor_windows(tmp_path):
    prune_qt = _load("prune_qt")
    pyside = tmp_path / "PySide6"
    (pyside / "plugins" / "platforms").mkdir(parents=True)
    (tmp_path / "shiboken6").mkdir()
    (pyside / "QtCore.pyd").write_bytes(_pe(["Qt6Missing.dll"], []))
    (pyside / "pyside6.abi3.dll").write_bytes(_pe([], []))
    (tmp_path / "shiboken6" / "Shiboken.pyd").write_bytes(_pe([], []))
    with pytest.raises(SystemExit, match="Qt6Missing.dll"):
        prune_qt.prune(tmp_path, {"module": ["QtCore"], "plugins": ["platforms"], "drop": []})
    assert (pyside / "QtCore.pyd").exists()  # nothing deleted


@pytest.mark.skipif(not (ROOT / ".git").exists() or shutil.which("git") is None,
                    reason="not a git checkout")
def test_stage_lays_out_the_program_with_its_build(tmp_path):
    stage = _load("stage")
    version = stage.stage(ROOT, tmp_path / "stage", tmp_path / "wheels")
    pkgs = tmp_path / "stage" / "pynsist_pkgs"
    assert (pkgs / "iku_desktop" / "cli" / "__init__.py").is_file()
    assert (pkgs / "ui" / "app.py").is_file()
    assert (pkgs / "iku_desktop" / "_resources" / "fonts" / "LiberationSans-Regular.ttf").is_file()
    guide = pkgs / "iku_desktop" / "_resources" / "panduan"  # Bantuan › Panduan, offline
    assert (guide / "panduan.html").is_file() and len(list(guide.glob("*.png"))) >= 4
    build = (pkgs / "iku_desktop" / "_build.py").read_text(encoding="utf-8")
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert f'COMMIT = "{commit}"' in build
    config = (tmp_path / "stage" / "installer.cfg").read_text(encoding="utf-8")
    from iku_desktop import __version__

    assert version == __version__
    assert f"installer_name=IKU-Desktop-{__version__}-setup.exe" in config
    assert not list(pkgs.rglob("__pycache__"))  # only what git tracks
