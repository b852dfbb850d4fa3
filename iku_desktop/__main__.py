"""``python -m iku_desktop`` = ``iku``."""

import sys

from .cli import main

sys.exit(main())
