"""The frozen bundle's entry point: both executables run the ``counter-app`` command."""

import sys

from counter_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
