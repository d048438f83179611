"""Run the ``quoteattr`` command line as ``python -m quoteattr``."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
