"""``$HSYNC_HOME/projects.json``: the projects the daemon keeps in sync.

The registry holds only paths (and when each was added). When each project last synced, and
with what result, is read from ``state.json``, where every sync records it, so the two never
disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError
from .jsondoc import JsonDocument
from .state import State, now_iso

RESULT_ORDER = ("failed", "partial", "success", "unchanged")


def _empty() -> dict[str, Any]:
    return {"version": 1, "projects": []}


def normalise(path: Path | str) -> Path:
    """An absolute path without symlink games (``resolve`` works for vanished paths too)."""
    return Path(path).expanduser().resolve()


class Registry:
    def __init__(self, hsync_home: Path, home: Path | None = None):
        self.document = JsonDocument(hsync_home / "projects.json", default=_empty)
        self.home = home

    def paths(self) -> list[Path]:
        entries = self.document.read().get("projects", [])
        if not isinstance(entries, list):
            return []
        return [Path(e["path"]) for e in entries if isinstance(e, dict) and isinstance(e.get("path"), str)]

    def add(self, path: Path | str) -> tuple[Path, bool]:
        """Register a project; return (path, True) when it was new. A missing path is refused."""
        project = normalise(path)
        if not project.is_dir():
            raise UsageError(f"{path}: no such directory")
        if self.home is not None and project == normalise(self.home):
            raise UsageError(f"{path}: the home directory is not a project (its files are user level)")
        with self.document.update() as data:
            if any(e.get("path") == str(project) for e in data["projects"]):
                return project, False
            data["projects"].append({"path": str(project), "added": now_iso()})
        return project, True

    def remove(self, path: Path | str) -> Path:
        """Unregister a project (it may no longer exist); raises when it is not registered."""
        wanted = {str(normalise(path)), str(Path(path).expanduser().absolute())}
        with self.document.update() as data:
            kept = [e for e in data["projects"] if e.get("path") not in wanted]
            if len(kept) == len(data["projects"]):
                raise UsageError(f"{path}: not a registered project (see `hsync projects list`)")
            removed = next(e["path"] for e in data["projects"] if e.get("path") in wanted)
            data["projects"] = kept
        return Path(removed)


def last_sync(state: State, scope: str) -> dict[str, Any]:
    """When ``scope`` (a project path or ``user``) last synced, and the worst result of it."""
    targets = state.scopes.get(scope)
    records = list(targets.targets.values()) if targets else []
    times = [t.last_sync for t in records if t.last_sync]
    results = [t.result for t in records if t.result]
    worst = min(results, key=lambda r: RESULT_ORDER.index(r) if r in RESULT_ORDER else 0) if results else None
    return {"last_sync": max(times) if times else None, "result": worst}


def describe(paths: list[Path], state: State) -> list[dict[str, Any]]:
    return [{"path": str(p), "exists": p.is_dir(), **last_sync(state, str(p))} for p in paths]
