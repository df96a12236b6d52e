"""``$HSYNC_HOME/schedule.json``: the daemon's periodic jobs, with when each last ran and when it
runs next. Intervals come from the config (``[daemon] drift_check_minutes``, ``sync_minutes``);
a job whose next run passed while the daemon was down runs once when the daemon starts.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..store.jsondoc import JsonDocument

JOBS = ("drift-check", "sync")


def to_iso(when: float) -> str:
    return datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_iso(text: Any) -> float | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None


def _empty() -> dict[str, Any]:
    return {"version": 1, "jobs": {}}


class Schedule:
    """The jobs and their intervals in seconds (0: the job is off)."""

    def __init__(self, hsync_home: Path, intervals: dict[str, float], *, clock=time.time):
        self.document = JsonDocument(hsync_home / "schedule.json", default=_empty, keep_corrupt=True)
        self.intervals = {name: float(intervals.get(name) or 0) for name in JOBS}
        self._clock = clock
        self.jobs: dict[str, dict[str, Any]] = {}

    def start(self) -> list[str]:
        """Load the file, set the next run of each job, and return the jobs missed while down."""
        now = self._clock()
        with self.document.update() as data:
            jobs = data.setdefault("jobs", {})
            missed = []
            for name in JOBS:
                job = jobs.setdefault(name, {})
                every = self.intervals[name]
                job["every_seconds"] = every
                if not every:
                    job["next_run"] = None
                    continue
                due = from_iso(job.get("next_run"))
                if due is not None and due <= now:
                    missed.append(name)
                elif due is None or due > now + every:
                    job["next_run"] = to_iso(now + every)  # new job, or its interval got shorter
            self.jobs = {name: dict(job) for name, job in jobs.items() if name in JOBS}
        return missed

    def next_due(self) -> float | None:
        """When the next job is due (epoch seconds), None when no job is on."""
        times = [from_iso(j.get("next_run")) for j in self.jobs.values()]
        times = [t for t in times if t is not None]
        return min(times) if times else None

    def due(self) -> list[str]:
        now = self._clock()
        return [
            name
            for name, job in self.jobs.items()
            if (t := from_iso(job.get("next_run"))) is not None and t <= now
        ]

    def ran(self, name: str, result: str) -> None:
        now = self._clock()
        every = self.intervals[name]
        with self.document.update() as data:
            job = data.setdefault("jobs", {}).setdefault(name, {})
            job.update(
                every_seconds=every,
                last_run=to_iso(now),
                last_result=result,
                next_run=to_iso(now + every) if every else None,
            )
            self.jobs[name] = dict(job)

    def describe(self) -> dict[str, Any]:
        return {name: dict(job) for name, job in self.jobs.items()}
