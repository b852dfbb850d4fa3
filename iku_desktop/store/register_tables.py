"""The table of each register (``registers``): the model of ``store.models`` for the
registers the migrations created, else a model made from the spec's fields (a register
added by one ``registers.register`` call; its migration creates the table with
``create_table``). A made model is a ``SyncModel``: uuid, ``updated_at``, origin and
tombstone, so its rows can travel like any other."""

from __future__ import annotations

from peewee import BooleanField, ForeignKeyField, IntegerField, TextField

from ..registers.spec import RegisterSpec
from . import models as m
from .fields import ExactDecimalField, IsoDateField

KNOWN = {model._meta.table_name: model for model in (
    m.Koperasi, m.KoperasiTahunBuku, m.UsahaKecil, m.Sakip, m.IkmSurvei, m.IkmRespon, m.Target,
    m.RealisasiManual)}
_MADE: dict[str, tuple[RegisterSpec, type]] = {}


def _field(f):
    null = not f.required or f.default is not None
    if f.kind == "kabupaten":
        return ForeignKeyField(m.Kabupaten, column_name=f.column, null=null)
    if f.kind in ("int", "money"):
        return IntegerField(null=null)
    if f.kind == "score":
        return ExactDecimalField(null=null)
    if f.kind == "date":
        return IsoDateField(null=null)
    if f.kind == "bool":
        return BooleanField(null=null, default=f.default)
    return TextField(null=null, default=f.default)


def model_for(spec: RegisterSpec):
    """The peewee model of the register's table."""
    if spec.table in KNOWN:
        return KNOWN[spec.table]
    made = _MADE.get(spec.table)
    if made is None or made[0] is not spec:
        attrs = {}
        for f in spec.stored_fields:
            name = f.column[:-3] if f.kind == "kabupaten" and f.column.endswith("_id") \
                else f.column
            attrs[name] = _field(f)
        attrs["Meta"] = type("Meta", (), {"table_name": spec.table})
        model = type(f"Register_{spec.table}", (m.SyncModel,), attrs)
        made = _MADE[spec.table] = (spec, model)
    return made[1]

