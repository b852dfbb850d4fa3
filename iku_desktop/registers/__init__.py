"""The registers, each declared once by a ``RegisterSpec`` (``spec``): koperasi, tahun
buku, usaha kecil, SAKIP, IKM survey and response, targets and realisasi.

``register(spec)`` is the one call that adds a register: the importer, the editing
service, the package check, the export, the templates and the window's columns all read
this registry. Pure (no peewee): ``store.register_tables`` gives each its model.
"""

from __future__ import annotations

from . import ikm, koperasi, koperasi_tahun_buku, sakip, usaha_kecil, year_values
from .spec import Field, RegisterSpec

REGISTRY: dict[str, RegisterSpec] = {}


def register(spec: RegisterSpec) -> RegisterSpec:
    """Add (or replace) a register: from now on it is imported, edited, checked in
    packages, exported, given a template and shown by its spec."""
    REGISTRY[spec.table] = spec
    return spec


def unregister(table: str) -> None:
    REGISTRY.pop(table, None)


def get(table: str) -> RegisterSpec:
    return REGISTRY[table]


def by_kind(kind: str) -> RegisterSpec | None:
    """The register imported, exported and templated as ``kind`` ("koperasi-tahunan")."""
    return next((s for s in REGISTRY.values() if s.kind == kind), None)


def kinds() -> list[str]:
    return [s.kind for s in REGISTRY.values() if s.kind]


for _spec in (koperasi.SPEC, koperasi_tahun_buku.SPEC, usaha_kecil.SPEC, ikm.RESPON,
              sakip.SPEC, ikm.SURVEI, year_values.TARGET, year_values.REALISASI):
    register(_spec)

__all__ = ["Field", "REGISTRY", "RegisterSpec", "by_kind", "get", "kinds", "register",
           "unregister"]
