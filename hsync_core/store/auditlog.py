"""Appending to ``$HSYNC_HOME/audit.jsonl`` (see :mod:`hsync_core.store.audit` for what a line
holds and how the log is queried). Standard library only: a run served from the no-op memo
appends its lines without loading more."""

from __future__ import annotations

import json
import os
from pathlib import Path

#: the size cap: the live file is rotated before a write would take it past ``MAX_BYTES``; the
#: log is at most ``MAX_BYTES * (KEEP + 1)`` bytes (``HSYNC_AUDIT_MAX_BYTES`` overrides it)
MAX_BYTES = 2 * 1024 * 1024
KEEP = 3


def max_bytes() -> int:
    value = os.environ.get("HSYNC_AUDIT_MAX_BYTES", "")
    return int(value) if value.isdigit() and int(value) > 0 else MAX_BYTES


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
        **extra: object,
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
        data = ("\n".join(self.lines) + "\n").encode("utf-8")
        self._rotate(len(data))
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        self.lines.clear()

    def _rotate(self, incoming: int = 0) -> None:
        """Rotate (``audit.jsonl`` → ``.1`` → … → ``.KEEP``, the oldest dropped) before this write
        would take the live file past the cap; a whole batch always lands in one file."""
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return
        if size == 0 or size + incoming <= max_bytes():
            return
        for index in range(KEEP - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{index}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{index + 1}"))
        self.path.replace(self.path.with_name(f"{self.path.name}.1"))
