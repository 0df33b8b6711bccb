"""``python -m codebook.services.demo TARGET.db REPO_ROOT``: what ``make demo`` runs."""

import sys

from codebook.services.demo.build import main

raise SystemExit(main(sys.argv[1:]))
