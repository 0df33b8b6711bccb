"""``python -m codebook.cli``: the same as the ``codebook`` command."""

import sys

from codebook.cli import main

sys.exit(main())
