"""Planning: every rendered output of every target, and every owned output no longer rendered,
becomes one :class:`~hsync_core.models.Change` per target, decided path by path.

Outputs that two targets render identically are one write owned by both; different content for
one output fails both. Owned outputs no longer rendered are removed unless someone else still
renders or owns them, they were adopted, or they were edited by hand. Reads the disk, never
writes; the file contents to write are staged as :class:`~hsync_core.models.FileWrite`.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from attrs import evolve

from ..errors import HsyncError
from ..files import jsonc, markdown
from ..models import Change, Context, Output
from ..store.state import OwnedOutput, State
from .contents import file_write
from .decide import DriftPolicy, decide, decide_stale
from .disk import DiskFile, payload
from .results import CHANGING, TargetResult, scope_key


class Planner:
    """Plans one run: ``plan()`` fills each target's ``changes`` and ``writes``."""

    def __init__(self, plugins: Any, ctx: Context, levels: list[str]):
        self.ctx = ctx
        self.levels = levels
        self.policy = DriftPolicy(plugins, ctx)

    def plan(
        self,
        state: State,
        results: dict[str, TargetResult],
        rendered: dict[str, list[Output]],
        *,
        skip: Collection[tuple[str, str]] = (),
    ) -> None:
        """``skip``: (target, level) pairs the render cache replays; their owned outputs are
        neither planned nor candidates for removal."""
        ctx = self.ctx
        wanted: dict[str, tuple[Output, list[str]]] = {}
        broken: set[str] = set()
        for target, outputs in rendered.items():
            for output in outputs:
                if output.id in wanted:
                    first, owners = wanted[output.id]
                    if type(first) is not type(output) or payload(first) != payload(output):
                        broken.add(output.id)
                    owners.append(target)
                else:
                    wanted[output.id] = (output, [target])
        for output_id in broken:
            output, owners = wanted.pop(output_id)
            reason = f"{' and '.join(owners)} render different content for {output.path}"
            for target in owners:
                results[target].changes.append(Change.for_output(output, "failed", reason=reason))

        # owned outputs no longer rendered: candidates for removal
        stale: dict[str, list[tuple[str, str, OwnedOutput]]] = {}
        for target, result in results.items():
            if result.error:
                continue
            mine = {o.id for o in rendered.get(target, ())}
            for level in self.levels:
                if (target, level) in skip:
                    continue
                key = scope_key(ctx, level)
                owned = state.peek(key, target)
                for output_id, record in list((owned.outputs if owned else {}).items()):
                    if output_id in mine or output_id in broken:
                        continue
                    others = [t for t in state.owners(key, output_id) if t != target]
                    if output_id in wanted or others or record.adopted or Path(record.path) in result.shared:
                        # someone else still renders or owns it, it was there before hsync, or the file
                        # is now a link to its Claude Code source (shared by symlink):
                        # hsync stops owning it and leaves it in place
                        del owned.outputs[output_id]
                        continue
                    stale.setdefault(output_id, []).append((target, level, record))

        by_path: dict[Path, list[str]] = {}
        for output_id, (output, _) in wanted.items():
            by_path.setdefault(output.path, []).append(output_id)
        stale_by_path: dict[Path, list[str]] = {}
        for output_id, entries in stale.items():
            stale_by_path.setdefault(Path(entries[0][2].path), []).append(output_id)

        for path in sorted(set(by_path) | set(stale_by_path), key=os.fspath):
            ids, stale_ids = by_path.get(path, []), stale_by_path.get(path, [])
            try:
                self._plan_path(path, ids, stale_ids, wanted, stale, state, results)
            except HsyncError:
                raise
            except Exception as exc:  # a bug on one path must not stop every other output
                reason = f"{path}: could not plan this file ({type(exc).__name__}: {exc})"
                for output_id in ids:
                    output, owners = wanted[output_id]
                    for target in owners:
                        results[target].changes.append(Change.for_output(output, "failed", reason=reason))

    def _plan_path(
        self,
        path: Path,
        ids: list[str],
        stale_ids: list[str],
        wanted: dict[str, tuple[Output, list[str]]],
        stale: dict[str, list[tuple[str, str, OwnedOutput]]],
        state: State,
        results: dict[str, TargetResult],
    ) -> None:
        styles = {wanted[i][0].style for i in ids} | {stale[i][0][2].style for i in stale_ids}
        if len(styles) > 1:
            reason = f"{path} is rendered in more than one way ({', '.join(sorted(styles))})"
            for output_id in ids:
                output, owners = wanted[output_id]
                for target in owners:
                    results[target].changes.append(Change.for_output(output, "failed", reason=reason))
            return
        style = styles.pop()
        disk = DiskFile(path, style)
        path_changes: list[tuple[list[str], Change]] = []
        for output_id in ids:
            output, owners = wanted[output_id]
            change = decide(output, owners, disk, self._recorded(state, output.level, output.id), self.policy)
            path_changes.append((owners, change))
        for output_id in stale_ids:
            for target, level, record in stale[output_id]:
                change = decide_stale(output_id, target, level, record, disk, self.policy)
                path_changes.append(([target], change))
        write = None
        accepted = [c for _, c in path_changes if c.action in CHANGING]
        if accepted:
            try:
                write = file_write(path, style, disk, accepted, self.ctx)
            except (ValueError, jsonc.JsoncError, markdown.BlockError, OSError) as exc:
                path_changes = [
                    (owners, evolve(c, action="failed", reason=f"{path}: {exc}"))
                    if c.action in CHANGING
                    else (owners, c)
                    for owners, c in path_changes
                ]
        writers: set[str] = set()
        for owners, change in path_changes:
            for target in owners:
                results[target].changes.append(change)
                if write is not None and change.action in CHANGING and target not in writers:
                    writers.add(target)
                    results[target].writes.append(write)

    def _recorded(self, state: State, level: str, output_id: str) -> OwnedOutput | None:
        key = scope_key(self.ctx, level)
        for target in state.owners(key, output_id):
            return state.target(key, target).outputs[output_id]
        return None
