"""``hsync hook post-tool-use``: after Claude edits a file, sync the other harnesses.

Gets Claude Code's ``PostToolUse`` payload on stdin after an ``Edit``, ``Write`` or ``MultiEdit``.
When the edited file is a Claude Code source (:func:`hsync_core.sources.paths.source_scope`) it
asks the running daemon to sync, or else starts a detached ``hsync sync --debounce`` (which waits
for the lock and coalesces bursts) and returns at once: Claude never waits for a sync. Always
exits 0: a failure becomes a notification and at most one short line on stderr. Imports neither
the engine nor an adapter.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .hook_input import HookInputError, edited_path, parse_payload, project_for, text_value

LOG_NAME = "hook.log"
LOG_LIMIT = 1 << 20  # bytes; the log is rotated once (hook.log.1) past this size
#: the smallest debounce a hook-triggered sync uses (``--debounce 0`` would mean "no debounce")
MIN_DEBOUNCE = 0.05
LINK_HASH_PREFIX = "symlink:"  # how state records a link output's hash (see ownership.py)
FAILURE_KIND = "failed"


def _variants(path: Path) -> list[Path]:
    """``path`` as given (made absolute, ``..`` folded) and with links resolved."""
    plain = Path(os.path.abspath(path))
    resolved = Path(os.path.realpath(plain))
    return [plain] if resolved == plain else [plain, resolved]


def classify(
    file_path: str,
    *,
    cwd: Path,
    home: Path,
    hsync_home: Path,
    project: Path | None,
    claude_dir: Path | None = None,
) -> str | None:
    """The scope to sync (``user``, ``project`` or ``all``) when ``file_path`` is a Claude Code
    source (of the user, of ``project``, or hsync's own config); None for any other file.

    Paths are compared both as written and with links resolved (``~/.claude`` may be a link
    into a dotfiles repository; a project may be reached through a link).
    """
    from ...sources.paths import source_scope

    path = Path(file_path).expanduser()
    if not path.is_absolute():
        path = cwd / path
    projects = _variants(project) if project is not None else []
    claude_dirs: list[Path | None] = [None] if claude_dir is None else list(_variants(claude_dir))
    for candidate in _variants(path):
        for home_variant in _variants(home):
            for hsync_variant in _variants(hsync_home):
                for claude_variant in claude_dirs:
                    found = source_scope(
                        candidate,
                        home=home_variant,
                        hsync_home=hsync_variant,
                        projects=projects,
                        claude_dir=claude_variant,
                    )
                    if found is not None:
                        return found[0]
    return None


# ------------------------------------------------------------------------------ hand-off


def sync_command(scope: str, project: Path | None, debounce: float) -> list[str]:
    """The detached ``hsync sync`` a hook starts when no daemon runs (``-P``: nothing from the
    project directory, its working directory, shadows a module)."""
    command = [sys.executable, "-P", "-m", "hsync_core.cli"]
    if project is not None:
        command += ["--project", str(project)]
    window = max(debounce, MIN_DEBOUNCE)
    return [*command, "sync", "--scope", scope, "--debounce", f"{window:g}", "-q", "--trigger", "hook"]


def ask_daemon(hsync_home: Path, scope: str, project: Path | None) -> bool:
    """Hand the sync to a running daemon; False when none answers (or it refuses)."""
    from ...daemon.client import DaemonClient, DaemonUnavailable

    client = DaemonClient(hsync_home)
    if not client.path.exists() or not client.ping(timeout=0.3):
        return False
    message: dict[str, Any] = {"cmd": "sync", "scope": scope, "wait": False}
    if project is not None and scope != "user":
        message["project"] = str(project)
    try:
        reply = client.request(message, timeout=0.5)
    except (DaemonUnavailable, ValueError):
        return False
    return bool(reply.get("ok"))


def log_path(hsync_home: Path) -> Path:
    return hsync_home / "logs" / LOG_NAME


def _open_log(hsync_home: Path) -> Any:
    path = log_path(hsync_home)
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        if path.stat().st_size > LOG_LIMIT:
            os.replace(path, path.with_name(LOG_NAME + ".1"))
    return open(path, "ab")  # handed to the child, closed right after


def spawn_sync(
    command: list[str], hsync_home: Path, cwd: Path, environ: Mapping[str, str], reason: str
) -> int:
    """Start ``command`` detached (its own session, stdin from /dev/null, output appended to
    ``$HSYNC_HOME/logs/hook.log``); return its pid without waiting for it."""
    log = _open_log(hsync_home)
    try:
        child = subprocess.Popen(
            command,
            cwd=cwd,
            env=dict(environ),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
            close_fds=True,
        )
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
        line = f"{stamp} {reason}: pid {child.pid}: hsync {' '.join(command[4:])}\n"
        log.write(line.encode("utf-8", "replace"))
    finally:
        log.close()
    return child.pid


# ------------------------------------------------------------------------------ failures


def failure_key(scope: str, project: Path | None) -> str:
    """The same key as the daemon's: any later sync of that scope that runs removes it
    (:func:`hsync_core.store.notifications.notify_result`)."""
    return f"invalid:{project if scope != 'user' and project is not None else 'user'}:run"


def record_failure(hsync_home: Path, scope: str, project: Path | None, message: str) -> None:
    """A notification (kind ``failed``) for a hook, or a sync a hook started, that failed."""
    from ...store.notifications import NotificationStore

    NotificationStore(hsync_home).raise_(
        FAILURE_KIND,
        failure_key(scope, project),
        message,
        project=project if scope != "user" else None,
    )


def note_sync_failure(project_option: str | None, scope: str, error: BaseException) -> None:
    """For ``hsync sync --trigger hook`` (the detached sync a hook starts, whose output nobody
    reads): a failure before the sync could run (a broken config or source file) becomes a
    notification."""
    from ...operations.locations import find_project, home_dir, hsync_home

    home = home_dir()
    hhome = hsync_home(home)
    try:
        project = find_project(project_option, home)
    except Exception:  # a vanished --project: the failure is still worth telling
        project = Path(project_option) if project_option else None
    why = str(error).splitlines()[0] if str(error) else type(error).__name__
    try:
        record_failure(hhome, scope, project, f"sync after an edit in Claude Code failed: {why}")
    except Exception as exc:  # the notification store itself is unusable: say so in the log
        print(f"hsync: cannot record the hook's outcome: {type(exc).__name__}: {exc}", file=sys.stderr)


# ------------------------------------------------------------------------------ post-tool-use


class Outcome:
    """What a hook did: ``action`` (``ignored``, ``daemon``, ``spawned``, ``failed``) and at
    most one line for stderr."""

    def __init__(self, action: str, message: str | None = None, **details: Any):
        self.action = action
        self.message = message
        self.details = details

    def __repr__(self) -> str:
        return f"Outcome({self.action!r}, {self.message!r}, {self.details!r})"


def post_tool_use(
    text: str,
    *,
    home: Path,
    hsync_home: Path,
    environ: Mapping[str, str],
    project_option: str | None = None,
) -> Outcome:
    """Decide and hand off; never raises for bad input (see :func:`run_post_tool_use`)."""
    try:
        payload = parse_payload(text)
    except HookInputError as exc:
        return Outcome("ignored", f"hsync hook: {exc}")
    event = payload.get("hook_event_name")
    if event is not None and event != "PostToolUse":  # before the edit, a sync would miss it
        return Outcome("ignored", f"hsync hook: post-tool-use got a {event} payload; nothing done")
    file_path = edited_path(payload)
    if file_path is None:
        return Outcome("ignored")
    cwd = Path(text_value(payload.get("cwd")) or os.getcwd())
    project = project_for(payload, environ, home, project_option)
    from ...sources.locations import moved_claude_dir

    claude_dir = moved_claude_dir(home, environ)  # Claude Code runs the hook with its environment
    scope = classify(
        file_path, cwd=cwd, home=home, hsync_home=hsync_home, project=project, claude_dir=claude_dir
    )
    if scope is None:
        return Outcome("ignored")
    from ...config import load_config
    from ...errors import HsyncError

    try:
        debounce = load_config(hsync_home, project).daemon.debounce_ms / 1000
    except HsyncError as exc:  # a broken config: nothing can sync until it is fixed
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        record_failure(hsync_home, scope, project, f"sync after editing {file_path} not started: {problem}")
        return Outcome("failed", f"hsync hook: {problem}")
    if ask_daemon(hsync_home, scope, project):
        return Outcome("daemon", scope=scope, project=project)
    command = sync_command(scope, project, debounce)
    pid = spawn_sync(command, hsync_home, project or home, environ, f"edit of {file_path}")
    return Outcome("spawned", scope=scope, project=project, pid=pid, command=command)


def run_post_tool_use(
    text: str, *, home: Path, hsync_home: Path, environ: Mapping[str, str], project_option: str | None
) -> Outcome:
    """:func:`post_tool_use`, with every unexpected failure turned into a notification."""
    try:
        return post_tool_use(
            text, home=home, hsync_home=hsync_home, environ=environ, project_option=project_option
        )
    except Exception as exc:  # the hook must never fail a tool call; report and go on
        message = f"{type(exc).__name__}: {exc}"
        try:
            record_failure(hsync_home, "user", None, f"the PostToolUse hook failed: {message}")
        except Exception as again:  # not even a notification: the one line is all there is
            message += f" (and no notification: {type(again).__name__}: {again})"
        return Outcome("failed", f"hsync hook: failed: {message}"[:300])
