"""``python -m sarcref.pandoc_filter``: the filter without the console script."""

from __future__ import annotations

import sys

from . import main

sys.exit(main())
