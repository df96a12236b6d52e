"""``hsync status``: per target and scope, the last sync, its result, whether the sources
changed since, and which owned outputs drifted (edited by hand) or went missing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..engine import Engine, scope_key, sources_digest
from ..planning.disk import DiskFile, parse_key
from ..store.state import State


def output_state(record: Any, output_id: str) -> str:
    """``ok``, ``drifted`` or ``missing`` for one owned output."""
    disk = DiskFile(Path(record.path), record.style)
    if disk.error:
        return "drifted"
    current = disk.current_hash(parse_key(output_id), record)
    if current is None:
        return "missing"
    return "ok" if current == record.hash else "drifted"


def collect(engine: Engine, state: State | None = None) -> dict[str, Any]:
    ctx = engine.ctx
    state = state or engine.store.load()
    sources = engine.read()
    digests = {level: sources_digest(i for i in sources.items if i.level == level) for level in engine.levels}
    report: dict[str, Any] = {}
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
                    "missing": [],
                }
                continue
            drifted, missing = [], []
            for output_id, record in sorted(ts.outputs.items()):
                found = output_state(record, output_id)
                if found == "drifted":
                    drifted.append(record.path if "::" not in output_id else output_id)
                elif found == "missing":
                    missing.append(record.path if "::" not in output_id else output_id)
            scopes[level] = {
                "scope": key,
                "last_sync": ts.last_sync,
                "result": ts.result,
                "sources_changed": ts.sources_digest != digests[level],
                "outputs": len(ts.outputs),
                "drifted": drifted,
                "missing": missing,
            }
        report[target] = scopes
    return {
        "project": str(ctx.project) if ctx.project else None,
        "targets": report,
        "problems": [p.reason for p in sources.problems],
    }
