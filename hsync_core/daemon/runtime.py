"""The daemon itself: one main thread that runs every sync and drift check in turn (so they
never overlap, and each goes through :func:`hsync_core.operations.runner.sync_once` under the run lock),
fed by the watcher threads, the control socket and the schedule.

Changes are coalesced per scope: each change to a scope's sources (re)sets that scope's deadline
to *now + debounce*, so a burst ends in one sync that reads the sources after the last change. A
change to user-level sources syncs the user scope once; a change to a project's sources syncs
that project. A change to an output hsync owns schedules a drift check of its scope, so a hand
edit raises a notification within seconds.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import HsyncError, LockHeld
from ..sources.locations import moved_claude_dir
from ..sources.paths import source_scope
from ..store.notifications import NotificationStore, notify_drift
from ..store.projects import Registry
from .control import ControlSocket, ProtocolError, clear_stale
from .desktop import DesktopNotifier
from .paths import pid_path, socket_path
from .pidfile import PidFile
from .requests import RequestHandlers
from .schedule import Schedule
from .watcher import Watcher

log = logging.getLogger("hsync.daemon")

USER = "user"
MAX_DELAY_WINDOWS = 6  # a scope that keeps changing still syncs at least every 6 windows
REQUEST_TIMEOUT = 600.0


class Daemon(RequestHandlers):
    def __init__(
        self, *, home: Path, hsync_home: Path, environ: Mapping[str, str], debounce: float | None = None
    ):
        from ..config import load_config
        from ..plugins import make_plugin_manager

        self.home = home.resolve()
        self.hsync_home = hsync_home.resolve()
        self.environ = dict(environ)
        self.claude_dir = moved_claude_dir(self.home, self.environ)  # CLAUDE_CONFIG_DIR
        config = load_config(self.hsync_home, None)
        self.window = config.daemon.debounce_ms / 1000 if debounce is None else debounce
        self.plugins = make_plugin_manager()
        self.registry = Registry(self.hsync_home, self.home)
        self.notes = NotificationStore(self.hsync_home)
        self.desktop = DesktopNotifier(self.notes, self.environ, enabled=config.notifications.desktop)
        self.schedule = Schedule(
            self.hsync_home,
            {"drift-check": config.daemon.drift_check_minutes * 60, "sync": config.daemon.sync_minutes * 60},
        )
        self.watcher = Watcher(self._changes_seen)
        self.control = ControlSocket(
            socket_path(self.hsync_home),
            {
                "ping": self._ping,
                "status": self._status,
                "snapshot": self._snapshot,
                "sync": self._sync_request,
                "stop": self._stop_request,
            },
        )
        self.queue: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self.stopping = threading.Event()
        self.started = time.time()
        self.projects: list[Path] = []
        self.owned: dict[Path, set[str]] = {}  # owned output path -> scopes ("user" or project path)
        self.pending: dict[str, tuple[float, float]] = {}  # job -> (deadline, first request)
        self.syncs: dict[str, int] = {}  # scope -> syncs run by this daemon
        self.clock, self._watching = time.time, False  # a fake clock in tests; watchers started?
        # what the daemon is about to do, for `status` (read by the socket's threads)
        self.jobs_lock = threading.RLock()
        self.working: str | None = "starting"  # the job the main thread runs now
        self.unhandled = 0  # batches of changes seen by a watcher, not handled yet

    # ------------------------------------------------------------------------------ lifecycle
    def run(self) -> None:
        with PidFile(pid_path(self.hsync_home)):
            if clear_stale(socket_path(self.hsync_home)):
                log.info("removed a stale socket left by a daemon that did not stop cleanly")
            self.control.start()
            try:
                self._serve()
            finally:
                self.control.stop()
                self.watcher.stop()

    def _serve(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: self.stop())
        log.info(
            "hsync daemon started (pid %d, socket %s, debounce %d ms)",
            os.getpid(),
            socket_path(self.hsync_home),
            self.window * 1000,
        )
        missed = self.schedule.start()
        self.refresh()
        for scope in (USER, *map(str, self.projects)):
            self.request(f"sync:{scope}", delay=0)
        for job in missed:
            log.info("running %s, missed while the daemon was down", job)
            self._working(job)
            try:
                self.run_job(job)
            finally:
                self._working(None)
        self._working(None)  # "starting" until the first syncs are requested
        while not self.stopping.is_set():
            try:
                item = self.queue.get(timeout=self._timeout())
            except queue.Empty:
                item = None
            if item is not None:
                self._handle(item)
            self._run_due()
            self.desktop.forward()  # what this turn raised also goes to the desktop (when on)
        self.desktop.close()
        log.info("hsync daemon stopped")

    def stop(self) -> None:
        self.stopping.set()
        self.queue.put(("wake",))

    def _timeout(self) -> float:
        times = [deadline for deadline, _ in self.pending.values()]
        due = self.schedule.next_due()
        if due is not None:
            times.append(due)
        if not times:
            return 3600.0
        return min(max(min(times) - self.clock(), 0.0), 3600.0)

    # ------------------------------------------------------------------------------ events
    def _changes_seen(self, paths: set[Path]) -> None:
        """A watcher thread's batch of changes: counted until the main thread has handled it."""
        with self.jobs_lock:
            self.unhandled += 1
        self.queue.put(("changes", paths))

    def activity(self) -> dict[str, Any]:
        """What the daemon is doing and about to do: the job running now, the jobs waiting for
        their debounce window or schedule, and batches of changes not looked at yet. All empty:
        nothing will happen until something changes (or a scheduled job comes due)."""
        with self.jobs_lock:
            return {
                "working": self.working,
                "pending": sorted(self.pending),
                "changes_waiting": self.unhandled,
            }

    def _working(self, job: str | None) -> None:
        with self.jobs_lock:
            self.working = job

    def _handle(self, item: tuple[Any, ...]) -> None:
        kind = item[0]
        if kind == "changes":
            self._working("changes")
            try:
                self.changed(item[1])
            finally:
                with self.jobs_lock:
                    self.unhandled -= 1
                    self.working = None
        elif kind == "call":
            _, func, box, done = item
            self._working("request")
            try:
                box["value"] = func()
            except Exception as exc:
                box["error"] = exc
            finally:
                self._working(None)
            done.set()

    def changed(self, paths: set[Path]) -> None:
        registry_file = self.registry.document.path
        # an empty batch: a watcher stopped (a watched directory vanished) and may have missed
        # events; a registered project that is gone must be reported
        if not paths or registry_file in paths or not all(p.is_dir() for p in self.projects):
            before = set(self.projects)
            self.refresh()
            for project in set(self.projects) - before:
                log.info("project registered: %s", project)
                self.request(f"sync:{project}")
        for path in paths:
            found = source_scope(
                path,
                home=self.home,
                hsync_home=self.hsync_home,
                projects=self.projects,
                claude_dir=self.claude_dir,
            )
            if found is not None:
                level, project = found
                if level == "all":
                    for scope in (USER, *map(str, self.projects)):
                        self.request(f"sync:{scope}")
                else:
                    self.request(f"sync:{USER if level == 'user' else project}")
            for scope in self.owned.get(path, ()):
                self.request(f"check:{scope}")
        self.rewatch()

    def request(self, job: str, *, delay: float | None = None) -> None:
        """Run ``job`` (``sync:<scope>``, ``check:<scope>``) after the debounce window, counted
        from the latest request, but no later than a few windows after the first one."""
        now = self.clock()
        window = self.window if delay is None else delay
        with self.jobs_lock:
            _, first = self.pending.get(job, (0.0, now))
            self.pending[job] = (min(now + window, first + MAX_DELAY_WINDOWS * max(self.window, 0.1)), first)

    def _run_due(self) -> None:
        now = self.clock()
        for job in sorted(j for j, (deadline, _) in self.pending.items() if deadline <= now):
            with self.jobs_lock:  # never seen as neither pending nor running
                del self.pending[job]
                self.working = job
            action, _, scope = job.partition(":")
            try:
                if action == "sync":
                    self.sync_scope(scope)
                else:
                    self.check_scope(scope)
            finally:
                self._working(None)
        for job in self.schedule.due():
            self._working(job)
            try:
                self.run_job(job)
            finally:
                self._working(None)

    # ------------------------------------------------------------------------------ work
    def refresh(self) -> None:
        """Re-read the registry; raise or resolve "vanished" notifications; re-watch."""
        try:
            paths = self.registry.paths()
        except HsyncError as exc:
            log.error("%s", exc)
            paths = self.projects
        self.projects = [p for p in paths if p.is_dir()]
        with self.notes.changes() as changes:
            for path in paths:
                if path.is_dir():
                    changes.resolve(f"vanished:{path}")
                else:
                    note = changes.raise_(
                        "vanished",
                        f"vanished:{path}",
                        f"registered project {path} no longer exists "
                        f"(`hsync projects remove {path}` forgets it)",
                        project=path,
                    )
                    if note:
                        log.warning("%s", note.message)
        self._load_owned()
        self.rewatch()

    def _load_owned(self) -> None:
        from ..store.state import StateStore

        try:
            state = StateStore(self.hsync_home, self.home).load()
        except HsyncError as exc:
            log.error("%s", exc)
            return
        owned: dict[Path, set[str]] = {}
        for scope in (USER, *map(str, self.projects)):
            found = state.scopes.get(scope)
            for target in found.targets.values() if found else ():
                for record in target.outputs.values():
                    owned.setdefault(Path(record.path), set()).add(scope)
        self.owned = owned

    def rewatch(self) -> None:
        claude = self.claude_dir or self.home / ".claude"
        recursive = [claude, *(p / ".claude" for p in self.projects)]
        flat = {self.home, self.hsync_home, *self.projects, *(p.parent for p in self.owned)}
        if self.watcher.watch(recursive, flat):
            log.debug("watching %s", self.watcher.watched())
            for scope in (USER, *map(str, self.projects)) if self._watching else ():
                self.request(f"sync:{scope}")  # a new watcher misses edits made while it started
            self._watching = True

    def _context(self, scope: str, **options: Any) -> Any:
        from ..config import load_config
        from ..models import Context

        project = None if scope == USER else Path(scope)
        level = "user" if project is None else "project"
        config = load_config(self.hsync_home, project)
        return Context(
            home=self.home,
            hsync_home=self.hsync_home,
            project=project,
            config=config,
            environ=self.environ,
            scope=level,
            trigger="daemon",
            **options,
        )

    def sync_scope(self, scope: str, targets: tuple[str, ...] = ()) -> dict[str, Any]:
        """Sync one scope now (the user level, or one project's files)."""
        from ..operations.results_json import to_json
        from ..operations.runner import sync_once

        if scope != USER and not Path(scope).is_dir():
            self.refresh()
            return {"scope": scope, "ok": False, "error": "the project no longer exists"}
        started = time.monotonic()
        try:
            ctx = self._context(scope)
            result = sync_once(self.plugins, ctx, targets=targets, wait=60.0)
        except LockHeld as exc:
            log.warning("sync of %s postponed: %s", scope, exc)
            self.request(f"sync:{scope}", delay=1.0)
            return {"scope": scope, "ok": False, "error": str(exc)}
        except HsyncError as exc:
            log.error("sync of %s: %s", scope, exc)
            self.notes.raise_(
                "invalid", f"invalid:{scope}:run", f"sync of {scope} stopped: {exc}", project=_project(scope)
            )
            return {"scope": scope, "ok": False, "error": str(exc)}
        self.syncs[scope] = self.syncs.get(scope, 0) + 1
        summary = ", ".join(f"{name} {t.status}" for name, t in result.targets.items()) or "no targets"
        log.info("synced %s in %.0f ms: %s", scope, (time.monotonic() - started) * 1000, summary)
        self._load_owned()
        self.rewatch()
        return {
            "scope": scope,
            "ok": result.ok,
            "exit_code": result.exit_code,
            "report": to_json(result, self.home),
        }

    def check_scope(self, scope: str) -> dict[str, list[str]]:
        """Look for owned outputs of ``scope`` edited by hand; notify about new ones."""
        from ..engine import Engine
        from ..operations.status import collect

        if scope != USER and not Path(scope).is_dir():
            return {}
        try:
            engine = Engine(self.plugins, self._context(scope, dry_run=True))
            report = collect(engine)
        except HsyncError as exc:
            log.error("drift check of %s: %s", scope, exc)
            return {}
        level = "user" if scope == USER else "project"
        drifted = {
            target: scopes[level]["drifted"]
            for target, scopes in report["targets"].items()
            if level in scopes
        }
        for note in notify_drift(self.notes, scope, drifted):
            log.warning("drift: %s", note.message)
        return drifted

    def run_job(self, job: str) -> None:
        self.refresh()
        scopes = (USER, *map(str, self.projects))
        if job == "drift-check":
            found = sum(len(ids) for scope in scopes for ids in self.check_scope(scope).values())
            result = f"{found} drifted output(s)"
        else:
            results = [self.sync_scope(scope) for scope in scopes]
            result = "ok" if all(r["ok"] for r in results) else "problems"
        log.info("%s: %s", job, result)
        self.schedule.ran(job, result)

    # ------------------------------------------------------------------------------ control
    def _on_main(self, func: Any) -> Any:
        """Run ``func`` on the main thread (between other work) and wait for its result."""
        box: dict[str, Any] = {}
        done = threading.Event()
        self.queue.put(("call", func, box, done))
        if not done.wait(REQUEST_TIMEOUT):
            raise ProtocolError(f"no answer within {REQUEST_TIMEOUT:g} s")
        if "error" in box:
            raise box["error"]
        return box["value"]


def _project(scope: str) -> str | None:
    return None if scope == USER else scope
