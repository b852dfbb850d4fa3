"""The error of an edit that cannot be stored (shared by the editing services)."""


class EditError(ValueError):
    """A value that cannot be stored; ``str()`` is the message shown on the field."""
