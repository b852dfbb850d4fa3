"""The indikator methods: each is one module that registers one ``Method`` here, and
everything that depends on the list of methods asks this registry — the computation,
which tables a method reads (what an edit must recompute), the method choices of the
document editor, the checks on an indikator's method (editing, packages), the label the
calculation sheet prints and the register panel the indikator's tab shows.

A new method: a module with its ``compute`` that calls ``register(Method(...))`` once, and
its import in ``services/indicators/__init__.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from ...domain.dokumen import Indikator
from ...domain.results import IndicatorResult
from ...domain.targets import Scale, target_problem

# the table holding the realisasi typed in per year (the method ``manual`` reads it)
TYPED_IN = "realisasi_manual"


@dataclass(frozen=True)
class Method:
    """Attributes:
    name: what ``indikator.metode`` holds ("nilai_ikm").
    label: how the user reads it (Indonesian): the document editor's choice and the
        calculation sheet's "Cara memperoleh realisasi".
    compute: (year, indikator) → the realisasi with everything behind it (its trace is
        what the calculation sheet prints).
    depends_on: the tables it reads besides the document and its targets; an edit of one
        of them recomputes the indikator with this method.
    panel: the register the indikator's tab shows as the data behind it (a key the window
        maps to a panel: "koperasi", "usaha_kecil", "sakip", "ikm"), None when none.
    demo_target: the target the demonstration data sets for the first year of the
        period (one more each year), None: none.
    scale: the scale its realisasi is on (``domain.targets``: a target above its top is
        refused), None: unknown (typed in).
    """

    name: str
    label: str
    compute: Callable[[int, Indikator], IndicatorResult]
    depends_on: frozenset[str] = frozenset()
    panel: str | None = None
    demo_target: Decimal | None = None
    scale: Scale | None = None

    @property
    def typed_in(self) -> bool:
        """Whether its realisasi is typed in per year (the tab then lets the user type it)."""
        return TYPED_IN in self.depends_on


_METHODS: dict[str, Method] = {}


def register(method: Method) -> Method:
    """Add ``method``; a name is registered once."""
    if method.name in _METHODS:
        raise ValueError(f"method {method.name!r} is already registered")
    _METHODS[method.name] = method
    return method


def unregister(name: str) -> None:
    """Remove a method (a test's toy method); unknown names are ignored."""
    _METHODS.pop(name, None)


def get(name: str) -> Method | None:
    return _METHODS.get(name)


def methods() -> tuple[Method, ...]:
    """Every registered method, in the order registered."""
    return tuple(_METHODS.values())


def scale_of(metode: str) -> Scale | None:
    """The scale of the realisasi of an indikator computed by ``metode``."""
    method = _METHODS.get(metode)
    return method.scale if method else None


def check_target(value: Decimal, metode: str, nomor: int) -> str | None:
    """Why ``value`` cannot be the target of indikator ``nomor`` computed by ``metode``."""
    return target_problem(value, scale_of(metode), nomor)


def names() -> tuple[str, ...]:
    return tuple(_METHODS)


def label(name: str) -> str:
    """The method's label; an unregistered name (a database written by another version of
    the program) is shown as it is stored."""
    method = _METHODS.get(name)
    return method.label if method else name


def unknown_message(name: str) -> str | None:
    """Why ``name`` cannot be an indikator's method (Indonesian), None when it can."""
    if name in _METHODS:
        return None
    return (f"Metode '{name}' tidak dikenal (pilihan: "
            + ", ".join(_METHODS) + ")")
