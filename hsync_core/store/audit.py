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

from .auditlog import KEEP, MAX_BYTES, AuditLog, max_bytes

__all__ = [
    "KEEP",
    "MAX_BYTES",
    "AuditLog",
    "AuditQuery",
    "entry_time",
    "log_files",
    "max_bytes",
    "parse_time",
    "read_entries",
    "recent_entries",
]


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
