"""What the daemon answers on its control socket: ``ping``, ``status``, ``snapshot`` (read-only:
what ``hsync monitor`` shows), ``sync`` (refused for a folder that is not a registered project)
and ``stop``. A mixin of :class:`~.runtime.Daemon`:
syncs run on the daemon's main thread, never on the socket's."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path
from typing import Any

from ..errors import HsyncError
from ..store.projects import describe, last_sync
from ..store.waiting import pending_count
from .control import ProtocolError
from .paths import socket_path

USER = "user"


class RequestHandlers:
    """The control socket's requests, answered from the daemon's state."""

    # set by Daemon
    hsync_home: Path
    home: Path
    registry: Any
    syncs: dict[str, int]
    started: float
    window: float
    schedule: Any
    watcher: Any
    plugins: Any
    queue: Any
    projects: list[Path]
    activity: Any

    def _ping(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"pid": os.getpid()}

    def _status(self, request: dict[str, Any]) -> dict[str, Any]:
        from ..store.state import StateStore

        try:
            state = StateStore(self.hsync_home, self.home).load()
        except HsyncError:
            state = None
        registered = self.registry.paths()
        projects = describe(registered, state) if state else [{"path": str(p)} for p in registered]
        for entry in projects:
            entry["daemon_syncs"] = self.syncs.get(entry["path"], 0)
        return {
            "running": True,
            "pid": os.getpid(),
            "socket": str(socket_path(self.hsync_home)),
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.started)),
            "uptime_seconds": round(time.time() - self.started, 1),
            "debounce_ms": round(self.window * 1000),
            "user": {**(last_sync(state, USER) if state else {}), "daemon_syncs": self.syncs.get(USER, 0)},
            "projects": projects,
            "schedule": self.schedule.describe(),
            "notifications": pending_count(self.hsync_home),
            "watching": self.watcher.watched(),
            "activity": self.activity(),
        }

    def _snapshot(self, request: dict[str, Any]) -> dict[str, Any]:
        """Read-only: the daemon, each scope's targets with their last sync and result, the
        pending notifications and the last ``activity`` (default 20) audit entries."""
        from ..store.audit import recent_entries
        from ..store.notifications import NotificationStore
        from ..store.state import StateStore

        limit = request.get("activity", 20)
        if not isinstance(limit, int) or isinstance(limit, bool) or not 0 <= limit <= 500:
            raise ProtocolError('"activity" must be a number of entries from 0 to 500')
        try:
            state = StateStore(self.hsync_home, self.home).load()
        except HsyncError:
            state = None
        scopes = []
        for scope in (USER, *(str(p) for p in self.registry.paths())):
            found = state.scopes.get(scope) if state else None
            targets = {
                name: {"last_sync": t.last_sync, "result": t.result}
                for name, t in sorted((found.targets if found else {}).items())
            }
            scopes.append(
                {
                    "scope": scope,
                    "exists": scope == USER or Path(scope).is_dir(),
                    "targets": targets,
                    "daemon_syncs": self.syncs.get(scope, 0),
                }
            )
        try:
            notes = [
                {k: getattr(n, k) for k in ("id", "kind", "message", "time", "project")}
                for n in NotificationStore(self.hsync_home).pending()
            ]
        except (HsyncError, OSError, ValueError):
            notes = []
        return {
            "daemon": {
                "pid": os.getpid(),
                "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.started)),
                "uptime_seconds": round(time.time() - self.started, 1),
                "debounce_ms": round(self.window * 1000),
            },
            "scopes": scopes,
            "notifications": notes,
            "activity": recent_entries(self.hsync_home, limit),
            "schedule": self.schedule.describe(),
        }

    def _sync_request(self, request: dict[str, Any]) -> Any:
        project = request.get("project")
        level = request.get("scope", "all")
        targets = request.get("targets") or []
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            raise ProtocolError('"targets" must be a list of target names')
        unknown = sorted(set(targets) - set(self.plugins.target_names))
        if unknown:
            known = ", ".join(self.plugins.target_names) or "none"
            raise ProtocolError(f"unknown target {', '.join(unknown)} (installed: {known})")
        if level not in ("user", "project", "all"):
            raise ProtocolError('"scope" must be one of user, project, all')
        if project is not None:
            if not isinstance(project, str) or not os.path.isabs(project):
                raise ProtocolError('"project" must be an absolute path')
            if not os.path.isdir(project):
                raise ProtocolError(f"{project}: no such directory")
            if Path(project).resolve() not in self._registered():  # any client could ask
                raise ProtocolError(f"{project}: not a registered project (`hsync projects add` it)")
            projects = [Path(project).resolve()]
        else:
            projects = None  # every registered project
        scopes: list[str] = []
        if level in ("user", "all"):
            scopes.append(USER)
        if level in ("project", "all"):
            scopes.extend(str(p) for p in projects) if projects is not None else scopes.append("*")
        if not request.get("wait", True):
            self.queue.put(("call", lambda: self._queue_syncs(scopes), {}, threading.Event()))
            return {"queued": True, "scopes": scopes}
        return {
            "results": self._on_main(
                lambda: [self.sync_scope(s, tuple(targets)) for s in self._expand(scopes)]
            )
        }

    def _registered(self) -> set[Path]:
        with contextlib.suppress(HsyncError):
            return {p.resolve() for p in self.registry.paths()}  # read now, not as last refreshed
        return set(self.projects)

    def _expand(self, scopes: list[str]) -> list[str]:
        if "*" in scopes:
            self.refresh()  # "*": every registered project, as registered now
        return [s for s in scopes if s != "*"] + ([str(p) for p in self.projects] if "*" in scopes else [])

    def _queue_syncs(self, scopes: list[str]) -> None:
        for scope in self._expand(scopes):
            self.request(f"sync:{scope}")

    def _stop_request(self, request: dict[str, Any]) -> dict[str, Any]:
        return self.stop() or {"stopping": True, "pid": os.getpid()}
