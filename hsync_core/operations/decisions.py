"""The user's per-output drift decisions, given to a sync through the plugin contract: a plugin
whose ``on_drift`` answers ``"overwrite"`` for the outputs the user chose (``hsync drift
--overwrite``, the review's *overwrite*) and nothing for the rest, so the configured policy still
decides everything else."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..hookspecs import hookimpl


class OverwriteChosen:
    """Answers ``overwrite`` for the drifted outputs whose ids were chosen."""

    def __init__(self, output_ids: Iterable[str]):
        self.ids = set(output_ids)

    @hookimpl
    def on_drift(self, target: str, drift: Any, ctx: Any) -> str | None:
        return "overwrite" if drift.change.id in self.ids else None


def overwrite_chosen(plugins: Any, ctx: Any, output_ids: Iterable[str], targets: Iterable[str]) -> Any:
    """Sync ``targets`` (under the run lock) overwriting exactly ``output_ids``; a backup of each
    overwritten file is kept, as for ``--force``. Returns the run's result."""
    from .runner import sync_once

    chooser = OverwriteChosen(output_ids)
    plugins.pm.register(chooser, name="hsync-drift-decisions")
    try:
        return sync_once(plugins, ctx, targets=targets)
    finally:
        plugins.pm.unregister(chooser)
