"""The write step: hand each target's plan to ``write_target`` (the core's writer stages it into
the run's one transaction), back up drifted outputs first, then commit the transaction.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from attrs import evolve

from ..models import Context, TargetPlan
from ..planning.backups import back_up
from ..planning.results import TargetResult


def apply(results: dict[str, TargetResult], *, plugins: Any, ctx: Context) -> dict[Path, str]:
    """Apply every target's plan in one transaction; return the paths that failed, and why."""
    from .writer import Transaction  # imported only when a run writes

    transaction = Transaction()
    write_ctx = evolve(ctx, transaction=transaction)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for target, result in results.items():
        if result.error:
            continue
        plan = TargetPlan(target=target, changes=result.changes, report=result.report, writes=result.writes)
        back_up(result.changes, ctx.hsync_home, stamp)
        plugins.hook.write_target(target=target, plan=plan, ctx=write_ctx)
    transaction.commit()
    return transaction.failed
