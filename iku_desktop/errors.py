"""One base class for refusals.

A *refusal* is the program saying no to something the user asked: a value that breaks a
rule, a file that is not what it claims, a package that cannot be trusted, a database
that cannot be opened. ``str()`` of a refusal is the Indonesian message the user reads;
front ends catch ``Refused`` once, show the message and leave everything as it was. Bugs
are not refusals: they stay ordinary exceptions and reach the crash report.
"""


class Refused(Exception):
    """Something the program will not do; ``str()`` is the user's message (Indonesian)."""
