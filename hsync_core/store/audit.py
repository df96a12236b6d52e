"""``$HSYNC_HOME/audit.jsonl``: one JSON line per decision, rotated by size.

Lines hold ``time``, ``trigger`` (cli, daemon, hook), ``project``, ``target``, ``kind``,
``item``, ``action`` and ``reason``. Which kinds a target may receive is a permission: every
allow and deny is logged, as is every change written, skipped, refused or failed. Unchanged
outputs are not logged (a no-op run would otherwise fill the log with nothing).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

MAX_BYTES = 2 * 1024 * 1024
KEEP = 3


class AuditLog:
    def __init__(self, hsync_home: Path, *, trigger: str, project: Path | None, time: str):
        self.path = hsync_home / "audit.jsonl"
        self.base = {"time": time, "trigger": trigger, "project": str(project) if project else None}
        self.lines: list[str] = []

    def record(
        self,
        *,
        target: str | None,
        kind: str | None,
        item: str | None,
        action: str,
        reason: str | None = None,
        **extra: Any,
    ) -> None:
        entry = {
            **self.base,
            "target": target,
            "kind": kind,
            "item": item,
            "action": action,
            "reason": reason,
        }
        entry.update(extra)
        self.lines.append(json.dumps(entry, ensure_ascii=False, default=str))

    def flush(self) -> None:
        if not self.lines:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._rotate()
        data = ("\n".join(self.lines) + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        self.lines.clear()

    def _rotate(self) -> None:
        try:
            if self.path.stat().st_size < MAX_BYTES:
                return
        except FileNotFoundError:
            return
        for index in range(KEEP - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{index}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{index + 1}"))
        self.path.replace(self.path.with_name(f"{self.path.name}.1"))
