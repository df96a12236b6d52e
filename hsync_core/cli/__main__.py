"""``python -m hsync_core.cli``."""

from hsync_core.cli import main

main()
