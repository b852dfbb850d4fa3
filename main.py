"""python main.py [--db PATH] opens the IKU Desktop window (same as ``iku-desktop``)."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
