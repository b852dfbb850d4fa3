"""A value that may be unknown, with the reason why.

Unknown is not zero: a figure that cannot be computed carries a reason in Indonesian,
which every front end shows instead of a number ("–" with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Outcome:
    """Attributes:
    value: the rounded figure, or None when it cannot be computed.
    reason: why ``value`` is None (Indonesian, for the user); None when computed.
    """

    value: Decimal | None
    reason: str | None = None

    def __post_init__(self) -> None:
        if (self.value is None) == (self.reason is None):
            raise ValueError("Outcome needs exactly one of value or reason")

    @property
    def computable(self) -> bool:
        return self.value is not None

    @classmethod
    def unknown(cls, reason: str) -> "Outcome":
        return cls(None, reason)
