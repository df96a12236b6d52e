"""``$HSYNC_HOME`` itself: created owner-only (0700), since it holds state, backups and logs that
may name secrets. An existing folder is left with the mode its owner gave it."""

from __future__ import annotations

import os
from pathlib import Path


def ensure_home(hsync_home: Path) -> None:
    if hsync_home.is_dir():
        return
    hsync_home.parent.mkdir(parents=True, exist_ok=True)
    try:
        hsync_home.mkdir(mode=0o700)
    except FileExistsError:
        return
    os.chmod(hsync_home, 0o700)  # whatever the umask
