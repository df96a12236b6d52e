"""The decision for one output: create, update, leave, remove, or stop at a conflict.

Compares what an adapter wants (its hash) with the disk (:class:`~.disk.DiskFile`) and with what
state recorded when hsync last wrote it. A hand edit (drift) is put to the ``on_drift`` hooks,
then to the user's own decision (``hsync drift --keep``, ``$HSYNC_HOME/kept.json``), then to
``--force`` and the configured policy (:class:`DriftPolicy`). Touches no file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attrs import evolve

from ..models import Change, Context, Drift, Entry, FileOutput, LinkOutput, Output, entry_key
from ..store.kept import KeptDrift
from ..store.state import OwnedOutput
from .disk import DiskFile, desired_hash, output_key, parse_key, same_link


class DriftPolicy:
    """Turns a drifted output into an overwrite (with a backup) or a conflict."""

    def __init__(self, plugins: Any, ctx: Context):
        self.plugins = plugins
        self.ctx = ctx
        self._kept: KeptDrift | None = None

    def kept(self, output_id: str, current: str | None, desired: str | None) -> bool:
        """True when the user kept exactly this hand edit against exactly this desired output."""
        if self._kept is None:
            self._kept = KeptDrift(self.ctx.hsync_home)
        return self._kept.is_kept(output_id, current, desired)

    def resolve(
        self,
        output_id: str,
        owners: list[str],
        level: str,
        record: OwnedOutput,
        current: str | None,
        desired: str | None,
        detail: str | None,
        *,
        output: Output | None = None,
    ) -> Change:
        removing = output is None
        base = Change(
            id=output_id,
            path=Path(record.path),
            action="update" if not removing else "remove",
            kind=record.kind,
            item=record.item,
            level=level,
            output=output,
            old_hash=current,
            new_hash=desired,
            drift=True,
            detail=detail,
            created_parents=record.created_parents,
        )
        decisions = []
        for target in owners:
            drift = Drift(target=target, change=base, recorded_hash=record.hash, current_hash=current)
            decisions.extend(
                d for d in self.plugins.hook.on_drift(target=target, drift=drift, ctx=self.ctx) if d
            )
        if "keep" in decisions:
            policy = "keep"
        elif "overwrite" not in decisions and self.kept(output_id, current, desired):
            return evolve(
                base,
                action="kept",
                reason="edited by hand and kept (hsync drift --keep); left until the source changes",
            )
        elif "overwrite" in decisions or self.ctx.force:
            policy = "overwrite"
        else:
            policy = self.ctx.config.on_drift
        if policy == "overwrite":
            return evolve(base, reason="edited by hand (drift); overwriting, a backup is kept")
        what = (
            "stale output was edited by hand; left in place"
            if removing
            else "edited by hand since hsync wrote it (drift)"
        )
        return evolve(
            base, action="conflict", reason=f"{what}; run with --force to overwrite (a backup is kept)"
        )


def decide(
    output: Output, owners: list[str], disk: DiskFile, record: OwnedOutput | None, policy: DriftPolicy
) -> Change:
    """What to do with one rendered output, given the disk and what state recorded for it."""
    if disk.error:
        return Change.for_output(output, "failed", reason=disk.error)
    desired = desired_hash(output)
    current = disk.current_hash(output_key(output), record)
    if disk.error:
        return Change.for_output(output, "failed", reason=disk.error)
    detail = _detail(output, current)
    if current is None:
        reason = "was deleted; writing it again" if record else None
        created = disk.missing_parents(output.key) if isinstance(output, Entry) else 0
        if record is not None and not created:
            created = record.created_parents
        return Change.for_output(
            output, "create", new_hash=desired, reason=reason, detail=detail, created_parents=created
        )
    if current == desired or (isinstance(output, LinkOutput) and same_link(current, output)):
        return Change.for_output(
            output,
            "unchanged",
            new_hash=current if isinstance(output, LinkOutput) else desired,
            old_hash=current,
            stat=disk.stat_key() if isinstance(output, FileOutput) else None,
            adopted=record.adopted if record is not None else True,
            created_parents=record.created_parents if record is not None else 0,  # kept by a no-op
        )
    if record is None:
        what = {
            "toml": "an entry of that name",
            "json": "an entry of that name",
            "block": "an hsync block",
        }
        thing = what.get(disk.style, "a file")
        return Change.for_output(
            output,
            "conflict",
            old_hash=current,
            new_hash=desired,
            detail=detail,
            reason=f"{thing} exists that hsync does not own; move it away (or delete it) to let hsync write it",
        )
    if current == record.hash:
        return Change.for_output(
            output,
            "update",
            old_hash=current,
            new_hash=desired,
            detail=detail,
            created_parents=record.created_parents,
        )
    return policy.resolve(output.id, owners, output.level, record, current, desired, detail, output=output)


def decide_stale(
    output_id: str, target: str, level: str, record: OwnedOutput, disk: DiskFile, policy: DriftPolicy
) -> Change:
    """What to do with an owned output no longer rendered: remove it unless edited by hand."""
    base = Change(
        id=output_id,
        path=Path(record.path),
        action="remove",
        kind=record.kind,
        item=record.item,
        level=level,
        reason="no longer rendered",
        created_parents=record.created_parents,
    )
    if disk.error:
        return evolve(base, action="failed", reason=disk.error)
    current = disk.current_hash(parse_key(output_id), record)
    if current is None:
        return evolve(base, reason="no longer rendered (already gone)", old_hash=None)
    key = parse_key(output_id)
    detail = f"- {entry_key(key)}" if key and disk.style in ("toml", "json") else None
    if current == record.hash:
        return evolve(base, old_hash=current, detail=detail)
    return policy.resolve(output_id, [target], level, record, current, None, detail)


def _detail(output: Output, current: str | None) -> str | None:
    if isinstance(output, Entry):
        return f"{'+' if current is None else '~'} {entry_key(output.key)}"
    return None
