"""Hooks (the opt-in ``hooks`` kind) → ``hooks.<Event>`` entries of ``settings.json``.

Qwen's hooks are Claude Code's: the same event names, the same ``[{matcher, hooks: [...]}]``
shape, ``timeout`` in seconds, ``$CLAUDE_PROJECT_DIR`` set for every command, and Claude tool
names accepted in matchers. So groups are written as they are, for the events Qwen has and the
hook types it runs (``command``, ``http``, ``prompt``). hsync owns one entry per event; the
user's own events and every other key stay theirs.
"""

from __future__ import annotations

from typing import Any

from hsync_core import Hooks, JsonEntry, Sources
from hsync_gemini.batch import Batch

from .paths import Place

EVENTS = frozenset(
    {
        "PreToolUse",
        "PostToolUse",
        "PostToolUseFailure",
        "PostToolBatch",
        "UserPromptSubmit",
        "UserPromptExpansion",
        "SessionStart",
        "SessionEnd",
        "Stop",
        "StopFailure",
        "SubagentStart",
        "SubagentStop",
        "PreCompact",
        "PostCompact",
        "Notification",
        "PermissionRequest",
        "PermissionDenied",
        "InstructionsLoaded",
    }
)
TYPES = frozenset({"command", "http", "prompt"})


def _groups(item: Hooks, event: str, groups: Any, batch: Batch) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    for group in groups if isinstance(groups, list) else []:
        if not isinstance(group, dict):
            continue
        hooks = []
        for hook in group.get("hooks") or ():
            kind = hook.get("type", "command") if isinstance(hook, dict) else None
            if kind not in TYPES:
                batch.skip(item, f"{event}: a '{kind}' hook has no Qwen equivalent", field=event)
                continue
            timeout = hook.get("timeout")
            if kind == "command" and isinstance(timeout, int | float) and timeout >= 1000:
                batch.note(
                    item,
                    f"{event}: Qwen reads a command timeout of 1000 or more as milliseconds",
                    field=event,
                )
            hooks.append(hook)
        if hooks:
            kept.append({**group, "hooks": hooks})
    return kept


def render(sources: Sources, place: Place, batch: Batch) -> None:
    events: dict[str, list[dict[str, Any]]] = {}
    owners: dict[str, Hooks] = {}
    for item in sources.of("hooks", level=place.level):
        if batch.blocked_local(item, place.settings):
            continue
        for event, groups in item.events.items():
            if event not in EVENTS:
                batch.skip(item, f"the {event} event has no Qwen equivalent", field=event)
                continue
            kept = _groups(item, event, groups, batch)
            if kept:
                events.setdefault(event, []).extend(kept)
                owners.setdefault(event, item)
    for event, groups in events.items():
        batch.add(
            JsonEntry(
                path=place.settings,
                root=place.root,
                level=place.level,
                kind="hooks",
                item=f"hooks.{event}",
                scope=owners[event].scope,
                key=("hooks", event),
                value=groups,
            ),
            owners[event],
        )
