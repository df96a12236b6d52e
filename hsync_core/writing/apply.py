"""The write step: hand each target's plan to ``write_target`` (the core's writer stages it into
the run's one transaction), back up drifted outputs first, journal what the run is about to own
(:mod:`hsync_core.store.journal`), then commit the transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attrs import evolve

from ..models import Context, TargetPlan
from ..planning.backups import back_up, new_backup_dir
from ..planning.results import CHANGING, TargetResult, scope_key
from ..planning.secrets import secret_values
from ..store.journal import Journal


def apply(results: dict[str, TargetResult], *, plugins: Any, ctx: Context) -> dict[Path, str]:
    """Apply every target's plan in one transaction; return the paths that failed, and why."""
    from .writer import Transaction  # imported only when a run writes

    transaction = Transaction(secret_values(c for r in results.values() for c in r.changes))
    write_ctx = evolve(ctx, transaction=transaction)
    backups = None
    for target, result in results.items():
        if result.error:
            continue
        plan = TargetPlan(target=target, changes=result.changes, report=result.report, writes=result.writes)
        if backups is None and any(c.drift and c.action in CHANGING for c in result.changes):
            backups = new_backup_dir(ctx.hsync_home)
        if backups is not None:
            back_up(result.changes, backups)
        plugins.hook.write_target(target=target, plan=plan, ctx=write_ctx)
    if transaction.writes:
        Journal(ctx.hsync_home).write(
            [str(p.parent) for p in transaction.writes], _pending_outputs(results, ctx)
        )
    transaction.commit()
    return transaction.failed


def mark_failed(results: dict[str, TargetResult], failed: dict[Path, str]) -> None:
    """Turn every change to a path that was not written into a ``failed`` change saying why."""
    if not failed:
        return
    for result in results.values():
        for i, change in enumerate(result.changes):
            if change.action in CHANGING and change.path in failed:
                result.changes[i] = evolve(change, action="failed", reason=failed[change.path])


def _pending_outputs(results: dict[str, TargetResult], ctx: Context) -> list[dict[str, Any]]:
    pending = []
    for target, result in results.items():
        for change in result.changes:
            if change.action in ("create", "update") and change.output is not None and change.new_hash:
                pending.append(
                    {
                        "scope": scope_key(ctx, change.level),
                        "target": target,
                        "id": change.id,
                        "hash": change.new_hash,
                        "style": change.output.style,
                        "kind": change.kind,
                        "item": change.item,
                        "path": str(change.path),
                        "created_parents": change.created_parents,
                    }
                )
    return pending
