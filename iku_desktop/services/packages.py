"""Data packages between offices: the one door the window and the command line use.

- sending (``package_export``): ``export_package`` writes this office's next package,
  signed and sealed to its receivers;
- receiving (``package_import``): ``import_package`` checks a package whole, then merges it
  (``package_merge``) and returns a ``MergeResult`` whose ``changes`` name the tables it
  wrote; ``held_rows`` are rows waiting for their parent; ``history`` the packages sent
  and received;
- conflicts (``package_conflicts``): ``conflicts`` lists them, ``resolve`` keeps ours or
  takes theirs and returns what it changed.
"""

from __future__ import annotations

from ..exchange.package import SUFFIX, PackageError  # noqa: F401
from .office_keys import KeyMismatch, OfficeKeyError, ReceiverKeyUnknown  # noqa: F401
from .package_conflicts import (  # noqa: F401
    ConflictError, ConflictView, conflicts, had_conflict, resolve,
)
from .package_export import (  # noqa: F401
    UNSEALED_WARNING, ExportResult, export_package, intended, last_export, receivers,
)
from .package_import import (  # noqa: F401
    HeldRow, PackageEntry, held_rows, history, import_package, open_package, read_package,
)
from .package_merge import (  # noqa: F401
    BULK_ROWS, MergeResult, RefusedRow, Source, TableCounts, merge,
)
