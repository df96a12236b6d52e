"""``$HSYNC_HOME/notifications.json``: what the daemon and the Claude Code hooks want a person to
know (drift found, conflicts, failed syncs, a registered project that vanished).

Each notification has a ``key`` naming the problem (``drift:/path``, ``failed:<scope>:<target>``,
``vanished:/path``). While a notification with the same key exists, dismissed or not, the same
problem is not raised again; when a later check finds the problem gone, the notification is
removed (``resolve``), so that the problem coming back raises a new one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from attrs import asdict, define

from .jsondoc import JsonDocument
from .state import now_iso
from .waiting import pending_count

__all__ = ["Notification", "NotificationStore", "notify_drift", "notify_result", "pending_count"]


@define(kw_only=True)
class Notification:
    """``kind`` is drift, conflict, failed, invalid, vanished or desktop (desktop notifications
    are on but cannot be shown)."""

    id: int
    kind: str
    message: str
    key: str
    time: str
    project: str | None = None
    path: str | None = None
    dismissed: bool = False


def _empty() -> dict[str, Any]:
    return {"version": 1, "next_id": 1, "notifications": []}


class NotificationStore:
    def __init__(self, hsync_home: Path):
        self.document = JsonDocument(hsync_home / "notifications.json", default=_empty, keep_corrupt=True)

    def all(self) -> list[Notification]:
        return [Notification(**n) for n in self.document.read().get("notifications", [])]

    def pending(self) -> list[Notification]:
        return [n for n in self.all() if not n.dismissed]

    def changes(self) -> Changes:
        """Raise and resolve several notifications under one lock and one write."""
        return Changes(self.document)

    def raise_(self, kind: str, key: str, message: str, **where: Any) -> Notification | None:
        with self.changes() as changes:
            return changes.raise_(kind, key, message, **where)

    def dismiss(self, ids: Iterable[int] | None = None) -> list[int]:
        """Mark notifications dismissed (all when ``ids`` is None); return the ids changed."""
        wanted = None if ids is None else set(ids)
        changed = []
        with self.document.update() as data:
            for note in data["notifications"]:
                if (wanted is None or note["id"] in wanted) and not note["dismissed"]:
                    note["dismissed"] = True
                    changed.append(note["id"])
        return changed

    def clear(self) -> int:
        with self.document.update() as data:
            count = len(data["notifications"])
            data["notifications"] = []
            return count


class Changes:
    """``with store.changes() as c: c.raise_(...); c.resolve(...)``"""

    def __init__(self, document: JsonDocument):
        self._update = document.update()
        self.data: dict[str, Any] = {}
        self.raised: list[Notification] = []

    def __enter__(self) -> Changes:
        self.data = self._update.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._update.__exit__(*exc)

    def raise_(
        self, kind: str, key: str, message: str, *, project: Path | str | None = None, path: str | None = None
    ) -> Notification | None:
        """Add a notification unless one with ``key`` exists; return the new one (or None)."""
        if any(n["key"] == key for n in self.data["notifications"]):
            return None
        note = Notification(
            id=self.data["next_id"],
            kind=kind,
            message=message,
            key=key,
            time=now_iso(),
            project=str(project) if project else None,
            path=path,
        )
        self.data["next_id"] += 1
        self.data["notifications"].append(asdict(note))
        self.raised.append(note)
        return note

    def resolve(self, prefix: str, *, still: Iterable[str] = (), project: str | bool | None = False) -> None:
        """Remove notifications whose key starts with ``prefix`` and is not in ``still`` (only
        those of ``project`` when it is given; None is the user scope)."""
        keep = set(still)
        self.data["notifications"] = [
            n
            for n in self.data["notifications"]
            if not n["key"].startswith(prefix)
            or n["key"] in keep
            or (project is not False and n.get("project") != project)
        ]


def _describe(output_id: str) -> str:
    file, _, key = output_id.partition("::")
    return f"{file} ({key})" if key else file


def _project(scope: str) -> str | None:
    return None if scope == "user" else scope


def notify_drift(store: NotificationStore, scope: str, drifted: dict[str, list[str]]) -> list[Notification]:
    """Raise one notification per drifted output of ``scope`` (``{target: [output ids]}``) and
    resolve those of this scope that are no longer drifted."""
    project = _project(scope)
    with store.changes() as changes:
        keys = set()
        for target, ids in drifted.items():
            for output_id in ids:
                keys.add(f"drift:{output_id}")
                changes.raise_(
                    "drift",
                    f"drift:{output_id}",
                    f"{target}: {_describe(output_id)} was edited by hand; hsync keeps it "
                    "(`hsync diff` shows the difference, `hsync sync --force` overwrites it)",
                    project=project,
                    path=output_id.partition("::")[0],
                )
        changes.resolve("drift:", still=keys, project=project)
    return changes.raised


def notify_result(store: NotificationStore, result: Any, scope: str, *, raise_new: bool = True) -> None:
    """Notifications from one sync of ``scope`` (``"user"`` or a project path): conflicts, failed
    targets and broken source items. A target that synced cleanly resolves its earlier failure,
    and a source item no longer broken resolves its notification."""
    project = _project(scope)
    with store.changes() as changes:
        for name, target in result.targets.items():
            failed_key = f"failed:{scope}:{name}"
            failures = [c for c in target.changes if c.action == "failed"]
            if not (target.error or failures):
                changes.resolve(failed_key)
            elif raise_new:
                why = target.error or f"{_describe(failures[0].id)}: {failures[0].reason}"
                changes.raise_("failed", failed_key, f"{name}: sync failed: {why}", project=project)
            for change in target.changes:
                if change.action == "conflict" and raise_new:
                    changes.raise_(
                        "conflict",
                        f"drift:{change.id}",
                        f"{name}: {_describe(change.id)}: {change.reason}",
                        project=project,
                        path=str(change.path),
                    )
        keys = set()
        for problem in result.problems:
            key = f"invalid:{scope}:{problem.kind}:{problem.name}"
            keys.add(key)
            if raise_new:
                where = f" ({problem.path})" if problem.path else ""
                changes.raise_(
                    "invalid",
                    key,
                    f"skipped {problem.kind} '{problem.name}'{where}: {problem.reason}",
                    project=project,
                )
        changes.resolve(f"invalid:{scope}:", still=keys)
