"""Typed text → the value stored in a field, by the register's spec (``registers``): the
cell parsers of the importer, the required check, the stored form (a choice by its
value, a kabupaten/kota by its id). Refusals are ``EditError`` naming the field."""

from __future__ import annotations

from typing import Any

from ... import registers
from ...exchange.cells import CellError, is_blank
from ...registers.spec import Field
from ...store import models as m
from ..editing_errors import EditError


def fields(table: str) -> dict[str, Field]:
    """Stored column → ``Field`` for the fields of ``table`` the editing service edits
    (read from the registry: a register added by ``registers.register`` is editable)."""
    return registers.get(table).editable


def field_of(table: str, name: str) -> Field:
    try:
        return fields(table)[name]
    except KeyError:
        raise EditError(f"Kolom '{name}' tidak dapat diubah") from None


def parse_field(table: str, name: str, raw) -> Any:
    """The stored value of field ``name`` (its stored column) of ``table`` typed as
    ``raw``; None for a blank optional field."""
    return parse_value(field_of(table, name), raw)


def parse_value(spec: Field, raw) -> Any:
    """The stored value of a field typed as ``raw`` (any stored field: a new row gives its
    key too)."""
    if is_blank(raw):
        if spec.required:
            raise EditError(f"{spec.label} wajib diisi")
        return None
    try:
        value = spec.stored(spec.parse(raw))
    except CellError as exc:
        raise EditError(f"{spec.label}: {exc}") from exc
    if spec.kind == "kabupaten":
        return m.Kabupaten.get(m.Kabupaten.bps == value.bps).id
    return value


def parse_field_value(parse, raw, label: str):
    """A required value outside a register's fields (the year of a new row)."""
    if is_blank(raw):
        raise EditError(f"{label} wajib diisi")
    try:
        return parse(raw)
    except CellError as exc:
        raise EditError(f"{label}: {exc}") from exc
