"""Editing records one field at a time, with undo.

An edit is first *prepared*: the typed text is parsed and validated by the register's
spec (``registers``: the same cell parsers and record rules as the importer), and the
result is a ``Change`` (table, row, old and new values) or an ``EditError`` with the
Indonesian message for the field. Nothing invalid reaches the database. ``apply`` and
``revert`` write a change in a transaction and return what it touched (``OpChanges``:
the table and the reporting years), so the window recomputes only the indikator that
depend on them. Deleting is a tombstone (``deleted = 1``), never a hard delete.

Modules: ``fields`` (typed text → stored value), ``rules`` (what an edit must keep),
``prepare`` (text → ``Change``), ``change`` (``Change``, ``apply``, ``revert``).
"""

from __future__ import annotations

from ..editing_errors import EditError
from .change import YEAR_VALUES, Change, apply, revert, touched
from .fields import fields, parse_field, parse_field_value
from .prepare import (
    prepare_delete, prepare_edit, prepare_koperasi, prepare_response, prepare_row,
    prepare_sakip, prepare_survey, prepare_tahun_buku, prepare_usaha, prepare_year_value,
)

__all__ = ["Change", "EditError", "YEAR_VALUES", "fields", "apply", "parse_field",
           "parse_field_value", "prepare_delete", "prepare_edit", "prepare_koperasi",
           "prepare_response", "prepare_row", "prepare_sakip", "prepare_survey",
           "prepare_tahun_buku", "prepare_usaha", "prepare_year_value", "revert", "touched"]
