"""``hsync status``: per target and scope, the last sync, its result, whether the sources
changed since, and which owned outputs drifted (edited by hand), were kept as edited by hand
(``hsync drift --keep``: not drift to report again) or went missing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..engine import Engine, scope_key, sources_digest
from ..planning.disk import DiskFile, parse_key
from ..store.kept import KeptDrift
from ..store.state import State


def output_state(record: Any, output_id: str, kept: KeptDrift | None = None) -> str:
    """``ok``, ``drifted``, ``kept`` or ``missing`` for one owned output."""
    disk = DiskFile(Path(record.path), record.style)
    if disk.error:
        return "drifted"
    current = disk.current_hash(parse_key(output_id), record)
    if current is None:
        return "missing"
    if current == record.hash:
        return "ok"
    return "kept" if kept is not None and kept.kept_as(output_id, current) else "drifted"


def collect(engine: Engine, state: State | None = None) -> dict[str, Any]:
    ctx = engine.ctx
    state = state or engine.store.load()
    sources = engine.read()
    digests = {level: sources_digest(i for i in sources.items if i.level == level) for level in engine.levels}
    report: dict[str, Any] = {}
    kept = KeptDrift(ctx.hsync_home)
    for target in engine.targets:
        scopes = {}
        for level in engine.levels:
            key = scope_key(ctx, level)
            ts = state.peek(key, target)
            if ts is None:
                scopes[level] = {
                    "scope": key,
                    "last_sync": None,
                    "result": None,
                    "sources_changed": True,
                    "outputs": 0,
                    "drifted": [],
                    "kept": [],
                    "missing": [],
                }
                continue
            lists: dict[str, list[str]] = {"drifted": [], "kept": [], "missing": []}
            for output_id, record in sorted(ts.outputs.items()):
                found = output_state(record, output_id, kept)
                if found in lists:
                    lists[found].append(record.path if "::" not in output_id else output_id)
            scopes[level] = {
                "scope": key,
                "last_sync": ts.last_sync,
                "result": ts.result,
                "sources_changed": ts.sources_digest != digests[level],
                "outputs": len(ts.outputs),
                **lists,
            }
        report[target] = scopes
    return {
        "project": str(ctx.project) if ctx.project else None,
        "targets": report,
        "problems": [p.reason for p in sources.problems],
    }
