"""``sync --debounce S``: coalesce bursts of triggers without ever dropping the last change.

Each run records when it started (``$HSYNC_HOME/last-sync``). A debounced trigger first waits
until S seconds have passed since the last start, then takes the lock (waiting for it). If a sync
*started* after the trigger was made, that sync read the sources after the change that caused
the trigger, so the change is covered and the trigger ends. Otherwise it syncs.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


class Debouncer:
    def __init__(self, hsync_home: Path, *, clock=time.time, sleep=time.sleep):
        self.path = hsync_home / "last-sync"
        self.requested = clock()
        self._clock = clock
        self._sleep = sleep

    def last_start(self) -> float:
        try:
            return float(self.path.read_text(encoding="ascii").strip() or 0)
        except (OSError, ValueError):
            return 0.0

    def wait_out(self, window: float) -> float:
        """Sleep until ``window`` seconds after the last start; return how long it slept."""
        remaining = self.last_start() + window - self._clock()
        if remaining > 0:
            self._sleep(remaining)
            return remaining
        return 0.0

    def covered(self) -> bool:
        """True when a sync started after this trigger was made."""
        return self.last_start() > self.requested

    def mark_start(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(f".last-sync.{os.getpid()}")
        temp.write_text(f"{self._clock():.6f}\n", encoding="ascii")
        os.replace(temp, self.path)
