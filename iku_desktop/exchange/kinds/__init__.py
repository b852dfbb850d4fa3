"""Import kinds: each module declares ``SPEC`` (columns), ``check`` (cross-field and
cross-row rules) and ``apply`` (upsert by natural key)."""

from . import ikm, koperasi, koperasi_tahunan, sakip, usaha_kecil

KINDS = {m.SPEC.name: m for m in (koperasi, koperasi_tahunan, usaha_kecil, ikm, sakip)}
