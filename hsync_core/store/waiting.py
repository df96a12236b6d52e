"""How many notifications wait in ``$HSYNC_HOME/notifications.json``, read with the standard
library only: the "notifications waiting" line follows almost every command, and the session-start
hook says it too, so counting must not load the store's models (:mod:`.notifications`)."""

from __future__ import annotations

import json
import os
from pathlib import Path


def pending_count(hsync_home: Path) -> int:
    """How many undismissed notifications wait (0 when there is no file; never raises: a broken
    file is dealt with by the commands that write it)."""
    try:
        with open(os.path.join(hsync_home, "notifications.json"), "rb") as handle:
            data = json.loads(handle.read())
        notes = data["notifications"]
        return sum(1 for note in notes if isinstance(note, dict) and not note.get("dismissed"))
    except Exception:  # absent, unreadable, not JSON, not the store's shape
        return 0
