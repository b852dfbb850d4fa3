"""Item roles, flags and alignments, looked up once. A model's ``data`` and ``flags`` are
called for every role of every cell painted, and PySide6's short forms (``Qt.DisplayRole``,
``Qt.ItemIsEditable``) are looked up through its compatibility layer at ~8 µs each: a
register's cell cost ~40 µs and a full grid of the IKM register ~50 ms. Compared with
these, a role costs well under a microsecond."""

from __future__ import annotations

from PySide6.QtCore import Qt

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
DISPLAY_OR_EDIT = (DISPLAY, EDIT)

NO_FLAGS = Qt.ItemFlag.NoItemFlags
SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE = Qt.ItemFlag.ItemIsEditable

HORIZONTAL = Qt.Orientation.Horizontal
VERTICAL = Qt.Orientation.Vertical
RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
