"""Locate files of ``resources/`` (fonts, the default document): beside the package in a
source checkout, or inside it (``_resources``) in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
_CANDIDATES = (_HERE / "_resources", _HERE.parent / "resources")


def path(name: str) -> Path:
    for base in _CANDIDATES:
        p = base / name
        if p.exists():
            return p
    raise FileNotFoundError(f"resource {name!r} not found in {[str(c) for c in _CANDIDATES]}")


def read_text(name: str) -> str:
    return path(name).read_text(encoding="utf-8")
