"""One sync, the way every trigger runs it: the CLI, the daemon and the Claude Code hook.

Under the run lock, with ``--debounce`` semantics when asked (see :mod:`hsync_core.operations.debounce`),
and with notifications: a run started by the daemon or a hook raises them for conflicts,
failures and broken source items (nobody watches its output); every real run resolves the ones
it finds fixed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..engine import Engine, RunResult
from ..models import Context
from ..store.lock import RunLock
from .debounce import Debouncer, request_key

UNATTENDED = ("daemon", "hook")


def sync_once(
    plugins: Any,
    ctx: Context,
    *,
    targets: Iterable[str] = (),
    wait: float = 0.0,
    debounce: float | None = None,
) -> RunResult | None:
    """Run the engine; None when a debounced request was covered by a sync that started after it."""
    engine = Engine(plugins, ctx, targets=targets)
    if ctx.dry_run:
        return engine.run()
    debouncer = Debouncer(ctx.hsync_home, request_key(ctx.scope, ctx.project, engine.targets))
    if debounce:
        debouncer.wait_out(debounce)
        wait = max(wait, 3600.0)  # a debounced trigger must never drop the last change
    with RunLock(ctx.hsync_home, wait=wait):
        if debounce and debouncer.covered():
            return None
        debouncer.mark_start()
        result = engine.run()
    record_notifications(ctx, result)
    return result


def record_notifications(ctx: Context, result: RunResult) -> None:
    from ..store.notifications import NotificationStore, notify_result

    store = NotificationStore(ctx.hsync_home)
    unattended = ctx.trigger in UNATTENDED
    if not unattended and not store.document.path.exists():
        return
    for level in ("user", "project"):
        if ctx.wants_level(level) and (level == "user" or ctx.project is not None):
            scope = "user" if level == "user" else str(ctx.project)
            notify_result(store, _only_level(result, level), scope, raise_new=unattended)


def _only_level(result: RunResult, level: str) -> RunResult:
    from attrs import evolve

    targets = {
        name: evolve(t, changes=[c for c in t.changes if c.level == level])
        for name, t in result.targets.items()
    }
    problems = [p for p in result.problems if _problem_level(p) == level]
    return evolve(result, targets=targets, problems=problems)


def _problem_level(problem: Any) -> str:
    return "user" if problem.scope in ("user", "plugin") else "project"
