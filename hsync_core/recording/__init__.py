"""Recording: after the writes, what each target owns goes into state (hash, stat, parents hsync
created) and every change and skip into the audit log. The caller saves both.
"""

from __future__ import annotations

from pathlib import Path

from ..files.atomicio import COPY_MARKER
from ..models import Context, FileOutput, LinkOutput, Sources, sources_digest
from ..planning.disk import DiskFile
from ..planning.results import RunResult, scope_key
from ..store.audit import AuditLog
from ..store.state import OwnedOutput, State


def record_run(
    state: State,
    result: RunResult,
    sources: Sources,
    started: str,
    *,
    ctx: Context,
    levels: list[str],
    audit: AuditLog,
) -> None:
    """Update ``state`` with what each target now owns, and log every change and skip."""
    state.last_run = started
    digests = {level: sources_digest(i for i in sources.items if i.level == level) for level in levels}
    for target, target_result in result.targets.items():
        for change in target_result.changes:
            key = scope_key(ctx, change.level)
            owned = state.target(key, target).outputs
            if change.action == "unchanged" and change.output is None:
                continue  # replayed by the render cache: state already holds it
            if change.action in ("create", "update", "unchanged") and change.new_hash is not None:
                output = change.output
                assert output is not None
                stat = (
                    (change.stat or DiskFile(change.path, "file").stat_key())
                    if isinstance(output, FileOutput)
                    else None
                )
                new_hash = change.new_hash
                if isinstance(output, LinkOutput) and change.action != "unchanged":
                    new_hash = _copy_hash(change.path) or new_hash
                owned[change.id] = OwnedOutput(
                    hash=new_hash,
                    style=output.style,
                    kind=change.kind,
                    item=change.item,
                    path=str(change.path),
                    stat=stat,
                    created_parents=change.created_parents,
                    adopted=change.adopted,
                )
            elif change.action == "remove":
                for owner in state.owners(key, change.id):
                    state.target(key, owner).outputs.pop(change.id, None)
            if change.action not in ("unchanged", "kept"):  # a kept edit was logged when it was kept
                audit.record(
                    target=target,
                    kind=change.kind,
                    item=change.item,
                    action=change.action,
                    reason=change.reason,
                    path=str(change.path),
                )
        for entry in target_result.report:
            if entry.action == "skipped":
                audit.record(
                    target=target, kind=entry.kind, item=entry.name, action="skipped", reason=entry.reason
                )
        status = target_result.status
        for level in levels:
            ts = state.target(scope_key(ctx, level), target)
            ts.last_sync = started
            ts.result = status
            ts.sources_digest = digests[level]


def _copy_hash(path: Path) -> str | None:
    """The hash of a skill written as a marked copy (links refused), as the next run will see it;
    None for a link. Recording the link's hash instead would make the copy look edited by hand
    as soon as the source changes."""
    if path.is_dir() and not path.is_symlink() and (path / COPY_MARKER).is_file():
        return DiskFile(path, "link").current_hash(None)
    return None
