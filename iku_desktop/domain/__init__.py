"""Pure rules of the IKU (no I/O, no database, no Qt).

Every rule of the rule book (``shared/DOMAIN.md``) lives here exactly once, with its
legal basis in the docstring. Arithmetic is exact (``Decimal``/``Fraction``) and rounds
once, at the end.
"""
