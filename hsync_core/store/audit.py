"""``$HSYNC_HOME/audit.jsonl``: one JSON line per decision, rotated by size.

Lines hold ``time``, ``trigger`` (cli, daemon, hook), ``project``, ``target``, ``kind``,
``item``, ``action`` and ``reason``. Which kinds a target may receive is a permission: every
allow and deny is logged, as is every change written, skipped, refused or failed. Unchanged
outputs are not logged (a no-op run would otherwise fill the log with nothing).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from attrs import define

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


def log_files(hsync_home: Path) -> list[Path]:
    """The audit files, oldest first (``audit.jsonl.3`` … ``audit.jsonl``)."""
    base = hsync_home / "audit.jsonl"
    older = [base.with_name(f"{base.name}.{i}") for i in range(KEEP + 5, 0, -1)]
    return [p for p in [*older, base] if p.is_file()]


_DURATION = re.compile(r"^(\d+)\s*([smhdw])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_time(text: str, now: datetime | None = None) -> datetime:
    """``2h`` / ``30m`` / ``7d`` ago, or an ISO date or time (UTC unless it says otherwise)."""
    now = now or datetime.now(UTC)
    found = _DURATION.match(text.strip())
    if found:
        return now - timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"not a time: {text!r} (use 2h, 30m, 7d or an ISO date such as 2025-01-31T12:00)"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def entry_time(entry: dict[str, Any]) -> datetime | None:
    try:
        return datetime.fromisoformat(str(entry.get("time", "")).replace("Z", "+00:00"))
    except ValueError:
        return None


@define(kw_only=True)
class AuditQuery:
    """Which entries ``hsync log`` shows; every field left None matches everything."""

    since: datetime | None = None
    until: datetime | None = None
    project: str | None = None
    target: str | None = None
    kind: str | None = None
    outcome: str | None = None  # the entry's ``action``: create, update, conflict, denied, adopted…
    trigger: str | None = None

    def matches(self, entry: dict[str, Any]) -> bool:
        for name in ("project", "target", "kind", "trigger"):
            wanted = getattr(self, name)
            if wanted is not None and entry.get(name) != wanted:
                return False
        if self.outcome is not None and entry.get("action") != self.outcome:
            return False
        if self.since is not None or self.until is not None:
            when = entry_time(entry)
            if when is None:
                return False
            if self.since is not None and when < self.since:
                return False
            if self.until is not None and when > self.until:
                return False
        return True


def read_entries(
    hsync_home: Path, query: AuditQuery | None = None, *, live_bytes: int | None = None
) -> Iterator[dict[str, Any]]:
    """Every entry matching ``query``, oldest first, across the rotated files; ``live_bytes``
    reads only that much of the live file (``--follow`` carries on from there). A line that is
    not JSON (a torn write of an older hsync) is skipped."""
    live = hsync_home / "audit.jsonl"
    for path in log_files(hsync_home):
        with path.open("rb") as handle:
            data = handle.read(live_bytes) if path == live and live_bytes is not None else handle.read()
            for line in data.decode("utf-8", "replace").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if isinstance(entry, dict) and (query is None or query.matches(entry)):
                    yield entry


def recent_entries(hsync_home: Path, limit: int, *, tail_bytes: int = 256 * 1024) -> list[dict[str, Any]]:
    """The last ``limit`` entries, oldest first, reading only the end of the newest files (for a
    view refreshed every second; ``hsync log`` reads everything). The records every sync makes of
    which kinds a target takes (``allow``/``deny`` of a whole kind, no item) are left out: they
    would crowd out what hsync did."""
    found: list[dict[str, Any]] = []
    for path in reversed(log_files(hsync_home)):
        try:
            with path.open("rb") as handle:
                size = handle.seek(0, os.SEEK_END)
                handle.seek(max(0, size - tail_bytes))
                data = handle.read()
        except OSError:
            continue
        lines = data.decode("utf-8", "replace").splitlines()
        if size > tail_bytes:
            lines = lines[1:]  # the first line read may be cut
        older = []
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and not _kind_policy(entry):
                older.append(entry)
        found = older + found
        if len(found) >= limit:
            break
    return found[-limit:] if limit > 0 else []


def _kind_policy(entry: dict[str, Any]) -> bool:
    """A record of whether a target takes a whole kind (made on every sync)."""
    return entry.get("action") in ("allow", "deny") and not entry.get("item")
