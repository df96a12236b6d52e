"""Ordered ``dict -> dict`` migrations of ``state.json``, oldest first.

``MIGRATIONS[n]`` turns a version-``n`` document into version ``n + 1``. Each one is pure and
has a test with a real document of its version. Add a migration whenever
:data:`hsync_core.store.state.SCHEMA_VERSION` goes up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Document = dict[str, Any]


def _v1_to_v2(doc: Document) -> Document:
    """Version 1 kept one flat map of owned files per target and no user/project split::

        {"schema_version": 1, "projects": {"/abs": {"codex": {"last_sync": "...",
          "result": "success", "files": {"/abs/AGENTS.md": "<sha256>"}}}}}

    Version 2 keys state by scope (``"user"`` or a project path), then target, and records what
    each output is (style, kind, item) so that stale outputs can be removed safely.
    """
    scopes: dict[str, Any] = {}
    for project, targets in (doc.get("projects") or {}).items():
        scope = scopes.setdefault(project, {"targets": {}})
        for target, entry in (targets or {}).items():
            outputs = {
                path: {"hash": digest, "style": "file", "kind": "unknown", "item": path, "path": path}
                for path, digest in (entry.get("files") or {}).items()
            }
            scope["targets"][target] = {
                "last_sync": entry.get("last_sync"),
                "result": entry.get("result"),
                "outputs": outputs,
            }
    return {"schema_version": 2, "scopes": scopes, "imported": list(doc.get("imported") or [])}


MIGRATIONS: dict[int, Callable[[Document], Document]] = {1: _v1_to_v2}


def migrate(doc: Document, to_version: int) -> Document:
    """Run every migration from ``doc``'s version up to ``to_version``."""
    version = int(doc.get("schema_version", 1))
    while version < to_version:
        doc = MIGRATIONS[version](doc)
        version = int(doc["schema_version"])
    return doc
