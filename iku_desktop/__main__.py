"""``python -m iku_desktop`` = ``iku``."""

import sys

from .cli import entry

sys.exit(entry())
