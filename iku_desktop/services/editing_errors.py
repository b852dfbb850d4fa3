"""The error of an edit that cannot be stored (shared by the editing services)."""


from ..errors import Refused


class EditError(Refused, ValueError):
    """A value that cannot be stored; ``str()`` is the message shown on the field."""
