"""A run's result as the JSON document ``--json`` prints and the daemon's socket answers with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..models import ReportEntry
from ..planning.results import RunResult


def _entry(entry: ReportEntry, home: Path) -> dict[str, Any]:
    return {
        "kind": entry.kind,
        "name": entry.name,
        "scope": entry.scope,
        "action": entry.action,
        "reason": entry.reason,
        "path": str(entry.path) if entry.path else None,
        "field": entry.field,
    }


def to_json(result: RunResult, home: Path) -> dict[str, Any]:
    targets = {}
    for name, target in result.targets.items():
        items = [
            {
                "kind": c.kind,
                "name": c.item,
                "scope": c.scope,
                "level": c.level,
                "path": str(c.path),
                "action": c.action,
                "reason": c.reason,
                "drift": c.drift,
            }
            for c in target.changes
        ]
        items += [
            {
                "kind": r.kind,
                "name": r.name,
                "scope": r.scope,
                "path": str(r.path) if r.path else None,
                "action": r.action,
                "reason": r.reason,
            }
            for r in target.report
        ]
        targets[name] = {
            "status": target.status,
            "counts": target.counts,
            "error": target.error,
            "items": items,
        }
    return {
        "ok": result.ok,
        "dry_run": result.dry_run,
        "targets": targets,
        "sources": {"problems": [_entry(p, home) for p in result.problems]},
        "warnings": result.warnings,
    }
