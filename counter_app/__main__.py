"""``python -m counter_app`` is the ``counter-app`` command."""

import sys

from counter_app.cli import main

sys.exit(main())
