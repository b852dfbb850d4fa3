"""Only the newest request counts: background work started by the window (a year's
figures, a register's rows) is numbered, and a result of a request that a newer one
superseded is dropped when it arrives. A worker may ask whether its request is still the
newest and stop early (``Ticket.superseded``), answering ``SUPERSEDED``."""

from __future__ import annotations

SUPERSEDED = object()  # a worker's answer when a newer request came before it finished


class Ticket:
    """One request of a ``Latest``: whether it is still the newest."""

    __slots__ = ("_latest", "number")

    def __init__(self, latest: Latest, number: int) -> None:
        self._latest, self.number = latest, number

    def superseded(self) -> bool:
        """A newer request came (or ``Latest.supersede``); safe to ask from a worker
        thread (it reads an int the GUI thread sets)."""
        return self.number != self._latest.generation

    def dropped(self, result) -> bool:
        """Whether ``result`` of this request is not to be shown: the worker answered
        ``SUPERSEDED``, or a newer request came meanwhile."""
        return result is SUPERSEDED or self.superseded()


class Latest:
    """The requests of one kind of work; each ``new()`` supersedes every earlier one."""

    def __init__(self) -> None:
        self.generation = 0

    def new(self) -> Ticket:
        self.generation += 1
        return Ticket(self, self.generation)

    def supersede(self) -> None:
        """Every request made so far is superseded (its late result is dropped)."""
        self.generation += 1
