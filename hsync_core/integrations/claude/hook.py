"""What Claude Code's hooks run (through hsync's plugin): ``hsync hook post-tool-use`` and
``hsync hook session-start``.

``post-tool-use`` gets Claude Code's ``PostToolUse`` payload on stdin after an ``Edit``, ``Write``
or ``MultiEdit``. When the edited file is a Claude Code source (:func:`.sources.paths.source_scope`)
it asks the running daemon to sync, or else starts a detached ``hsync sync --debounce`` (which
waits for the lock and coalesces bursts) and returns at once: Claude never waits for a sync.

``session-start`` prints at most one line, which Claude Code adds to the session's context: which
targets are out of date or drifted, and how many notifications wait; nothing when all is in sync.
It reads the sources with the built-in reader and checks owned outputs against ``state.json``
(trusting a file whose size and mtime are as recorded), without loading any adapter.

Both always exit 0: a failure becomes a notification (``hsync notifications``) and at most one
short line on stderr. Nothing here imports the engine or an adapter.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

#: how long to wait for the payload on stdin (Claude Code writes it at once and closes the pipe)
PAYLOAD_WAIT = 0.5
LOG_NAME = "hook.log"
LOG_LIMIT = 1 << 20  # bytes; the log is rotated once (hook.log.1) past this size
#: the smallest debounce a hook-triggered sync uses (``--debounce 0`` would mean "no debounce")
MIN_DEBOUNCE = 0.05
LINK_HASH_PREFIX = "symlink:"  # how state records a link output's hash (see ownership.py)
FAILURE_KIND = "failed"


class HookInputError(ValueError):
    """The hook's stdin is empty or not a JSON object."""


# ----------------------------------------------------------------------------------- input


def read_stdin(timeout: float = PAYLOAD_WAIT, stream: Any = None) -> str:
    """What the hook got on stdin: read until end of file, for at most ``timeout`` seconds.

    A terminal or a closed stdin gives ``""``; so does a pipe nobody writes to, once the time is
    up (a hook must never hang).
    """
    stream = sys.stdin if stream is None else stream
    try:
        fd = stream.fileno()
        if os.isatty(fd):
            return ""
    except (AttributeError, OSError, ValueError):
        return ""
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        try:
            selector.register(fd, selectors.EVENT_READ)
        except (OSError, ValueError):  # a regular file (stdin < file) cannot be polled
            with contextlib.suppress(OSError):
                return os.read(fd, 1 << 24).decode("utf-8", "replace")
            return ""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                break
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


def parse_payload(text: str) -> dict[str, Any]:
    """The hook's JSON object; :class:`HookInputError` when stdin was empty or not an object."""
    if not text.strip():
        raise HookInputError("no hook input on stdin (expected Claude Code's hook JSON)")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HookInputError(f"hook input on stdin is not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise HookInputError(f"hook input on stdin is a JSON {type(data).__name__}, not an object")
    return data


def edited_path(payload: Mapping[str, Any]) -> str | None:
    """The file an ``Edit``/``Write``/``MultiEdit`` changed (``tool_input.file_path``)."""
    tool_input = payload.get("tool_input")
    if not isinstance(tool_input, dict):
        return None
    value = tool_input.get("file_path") or tool_input.get("notebook_path")
    return value if isinstance(value, str) and value else None


# --------------------------------------------------------------------------------- where


def project_for(
    payload: Mapping[str, Any], environ: Mapping[str, str], home: Path, option: str | None = None
) -> Path | None:
    """The project of this hook call, found like ``hsync`` finds it from a directory: the
    ``--project`` option, else ``$CLAUDE_PROJECT_DIR``, else the payload's ``cwd``, else the
    current directory; then the git root above it. The home directory is not a project."""
    start = option or environ.get("CLAUDE_PROJECT_DIR") or _text(payload.get("cwd")) or os.getcwd()
    directory = Path(start).expanduser()
    if not directory.is_dir():
        return None
    directory = directory.resolve()
    project = next((p for p in (directory, *directory.parents) if (p / ".git").exists()), directory)
    if project == home.resolve() or project == Path(project.anchor):
        return None
    return project


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _variants(path: Path) -> list[Path]:
    """``path`` as given (made absolute, ``..`` folded) and with links resolved."""
    plain = Path(os.path.abspath(path))
    resolved = Path(os.path.realpath(plain))
    return [plain] if resolved == plain else [plain, resolved]


def classify(file_path: str, *, cwd: Path, home: Path, hsync_home: Path, project: Path | None) -> str | None:
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
    for candidate in _variants(path):
        for home_variant in _variants(home):
            for hsync_variant in _variants(hsync_home):
                found = source_scope(
                    candidate, home=home_variant, hsync_home=hsync_variant, projects=projects
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
    cwd = Path(_text(payload.get("cwd")) or os.getcwd())
    project = project_for(payload, environ, home, project_option)
    scope = classify(file_path, cwd=cwd, home=home, hsync_home=hsync_home, project=project)
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


# ------------------------------------------------------------------------------ session-start


def _enabled_targets(config: Any, environ: Mapping[str, str]) -> list[str]:
    """Installed targets the config enables, from entry-point names (no adapter is imported)."""
    from importlib.metadata import entry_points

    from ...plugins import ENTRY_POINT_GROUP, _names, _wanted

    allow = _names(environ.get("HSYNC_LOAD_PLUGINS")) if "HSYNC_LOAD_PLUGINS" in environ else None
    deny = _names(environ.get("HSYNC_DISABLE_PLUGINS"))
    names = sorted({ep.name for ep in entry_points(group=ENTRY_POINT_GROUP) if _wanted(ep, allow, deny)})
    return config.enabled_targets(names)


def _load_state(hsync_home: Path) -> dict[str, Any] | None:
    """``state.json`` as plain data, or None when it is missing, unreadable or of another
    schema (this check never migrates or moves the file; ``hsync status`` does)."""
    from ...store.state import SCHEMA_VERSION

    try:
        data = json.loads((hsync_home / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        return None
    return data


class _Record:
    """The parts of an owned-output record that :class:`DiskFile` reads."""

    def __init__(self, raw: Mapping[str, Any]):
        self.hash = raw.get("hash")
        self.stat = raw.get("stat")


def _unchanged(raw: Mapping[str, Any]) -> bool:
    """The cheap answer for most outputs: a whole file whose size and mtime are as recorded, or
    a link that still points where hsync pointed it. False means "look closer"."""
    style, path = raw.get("style"), raw["path"]
    try:
        if style == "file" and raw.get("stat"):
            st = os.lstat(path)
            return [st.st_mtime_ns, st.st_size] == raw["stat"]
        if style == "link" and str(raw.get("hash", "")).startswith(LINK_HASH_PREFIX):
            return LINK_HASH_PREFIX + os.readlink(path) == raw["hash"]
    except OSError:
        return False
    return False


def _drifted(outputs: Mapping[str, Any], disks: dict[tuple[str, str], Any]) -> list[str]:
    """Ids of owned outputs edited by hand or removed (files whose size and mtime are as
    recorded are trusted without being read)."""
    found = []
    for output_id, raw in outputs.items():
        if not isinstance(raw, dict) or not isinstance(raw.get("path"), str):
            continue
        if _unchanged(raw):
            continue
        from ...planning.disk import DiskFile, parse_key

        key = (raw["path"], str(raw.get("style")))
        disk = disks.get(key)
        if disk is None:
            disk = disks[key] = DiskFile(Path(raw["path"]), str(raw.get("style")))
        if disk.error:
            found.append(output_id)
            continue
        if disk.current_hash(parse_key(output_id), _Record(raw)) != raw.get("hash"):
            found.append(output_id)
    return found


def _sources_digests(
    home: Path, hsync_home: Path, project: Path | None, config: Any, environ: Mapping[str, str]
) -> dict[str, str]:
    """The sources digest per level, computed as a sync records it (built-in reader only)."""
    from ...models import Context, Item, sources_digest
    from ...sources.reader import read_sources

    ctx = Context(home=home, hsync_home=hsync_home, project=project, config=config, environ=environ)
    items = [i for i in read_sources(ctx) if isinstance(i, Item)]
    levels = ["user"] + (["project"] if project is not None else [])
    digests = {level: sources_digest(i for i in items if i.level == level) for level in levels}
    digests["_empty"] = sources_digest(())
    return digests


def _names_list(names: Iterable[str]) -> str:
    return ", ".join(sorted(set(names)))


def session_summary(
    *, home: Path, hsync_home: Path, project: Path | None, environ: Mapping[str, str]
) -> str | None:
    """The line for the start of a Claude Code session, or None when everything is in sync."""
    from ...store.notifications import pending_count

    parts: list[str] = []
    try:
        parts.extend(_sync_summary(home, hsync_home, project, environ))
    except Exception as exc:  # a broken source or config: say so in one line, do not fail
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        parts.append(f"cannot tell what is in sync ({problem})")
    pending = pending_count(hsync_home)
    if pending:
        parts.append(f"{pending} notification{'s' if pending != 1 else ''} waiting")
    if not parts:
        return None
    return "hsync: " + "; ".join(parts) + " — run /hsync:status"


def _sync_summary(
    home: Path, hsync_home: Path, project: Path | None, environ: Mapping[str, str]
) -> list[str]:
    from ...config import load_config

    config = load_config(hsync_home, project)
    targets = _enabled_targets(config, environ)
    if not targets:
        return []
    state = _load_state(hsync_home)
    scopes = (state or {}).get("scopes") or {}
    digests = _sources_digests(home, hsync_home, project, config, environ)
    changed: set[str] = set()
    never: set[str] = set()
    drift: dict[str, set[str]] = {}
    disks: dict[tuple[str, str], Any] = {}
    for level, key in (("user", "user"), ("project", str(project) if project else None)):
        if key is None:
            continue
        recorded = ((scopes.get(key) or {}).get("targets")) or {}
        for target in targets:
            record = recorded.get(target)
            if not isinstance(record, dict):
                if digests[level] != digests["_empty"]:
                    never.add(target)  # sources to sync, never synced here
                continue
            if record.get("sources_digest") != digests[level]:
                changed.add(target)
            for output_id in _drifted(record.get("outputs") or {}, disks):
                drift.setdefault(output_id, set()).add(target)
    parts = []
    stale = changed | never
    if stale:
        why = "never synced" if not changed else "sources changed since last sync"
        parts.append(f"{_names_list(stale)} out of date ({why})")
    if drift:
        owners = {t for ts in drift.values() for t in ts}
        count = len(drift)
        parts.append(f"{count} drifted output{'s' if count != 1 else ''} ({_names_list(owners)})")
    return parts
