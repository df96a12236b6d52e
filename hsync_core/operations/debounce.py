"""``sync --debounce S``: coalesce bursts of triggers without ever dropping the last change.

Each run records when it started, in one mark per *request* — the scope, the project and the
targets asked for (``$HSYNC_HOME/debounce/<digest>``) — so a debounced sync of one project never
swallows a pending change of another project, scope or target set. A debounced trigger first
waits until S seconds have passed since its request's last start, then takes the lock (waiting
for it). If a sync of the same request *started* after the trigger was made, that sync read the
sources after the change that caused the trigger, so the change is covered and the trigger ends.
Otherwise it syncs. The clock and the sleep are injectable (tests use a fake clock).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from pathlib import Path


def request_key(scope: str, project: Path | None, targets: Iterable[str]) -> str:
    """What a debounce mark is for: the same scope, project and targets."""
    text = f"{scope}\0{project or ''}\0{','.join(sorted(targets))}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:24]


class Debouncer:
    def __init__(self, hsync_home: Path, key: str = "all", *, clock=time.time, sleep=time.sleep):
        self.path = hsync_home / "debounce" / key
        self._clock = clock
        self._sleep = sleep
        self.requested = clock()

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
        """True when a sync of the same request started after this trigger was made."""
        return self.last_start() > self.requested

    def mark_start(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        temp.write_text(f"{self._clock():.6f}\n", encoding="ascii")
        os.replace(temp, self.path)
