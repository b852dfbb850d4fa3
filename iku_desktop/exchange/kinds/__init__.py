"""Import kinds: each module declares ``SPEC`` (its columns, from the register's spec in
``registers``), ``check`` (cross-row rules: duplicate keys, references; the record's own
rules come from the register's spec) and ``apply`` (upsert by natural key). A register
added by ``registers.register`` alone is imported by ``generic.SpecKind``.

``KINDS`` is read live: kind name → module (or ``SpecKind``), in the registry's order."""

from __future__ import annotations

from collections.abc import Mapping

from ... import registers
from . import ikm, koperasi, koperasi_tahunan, sakip, target, usaha_kecil
from .generic import SpecKind

BUILT_IN = {m.SPEC.name: m for m in (koperasi, koperasi_tahunan, usaha_kecil, ikm, sakip,
                                          target)}


class _Kinds(Mapping):
    def __init__(self) -> None:
        self._made: dict[str, SpecKind] = {}

    def _current(self) -> dict:
        out = {}
        for name in registers.kinds():
            if name in BUILT_IN:
                out[name] = BUILT_IN[name]
            else:
                made = self._made.get(name)
                if made is None or made.REGISTER is not registers.by_kind(name):
                    made = self._made[name] = SpecKind(registers.by_kind(name))
                out[name] = made
        return out

    def __getitem__(self, name: str):
        return self._current()[name]

    def __iter__(self):
        return iter(self._current())

    def __len__(self) -> int:
        return len(self._current())


KINDS = _Kinds()
