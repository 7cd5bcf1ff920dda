"""``python -m kuntatalous``."""

import sys

from kuntatalous.cli import main

sys.exit(main())
