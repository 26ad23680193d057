"""``python -m kit``: the kit's command line."""

import sys

from kit.cli import main

sys.exit(main())
