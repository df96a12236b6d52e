"""Hooks (the opt-in ``hooks`` kind) → ``hooks.<Event>`` entries of ``settings.json``.

Gemini's hooks have Claude's shape (event → ``[{matcher, hooks: [{type, command, timeout}]}]``).
Events and the tool names in matchers are renamed with the maps of ``gemini hooks migrate``
(corrected to Gemini 0.61's tool names); ``$CLAUDE_PROJECT_DIR`` becomes ``$GEMINI_PROJECT_DIR``;
``timeout`` is seconds in Claude Code and milliseconds in Gemini. hsync owns one entry per event
(``hooks.BeforeTool`` …), so the user's own events, ``hooksConfig`` and every other key stay
theirs. The JSON a hook receives on stdin differs between the two, which is reported.
"""

from __future__ import annotations

import re
from typing import Any

from hsync_core import Hooks, JsonEntry, Sources

from .batch import Batch
from .paths import Place
from .tools import rename_in_matcher, unmapped_in_matcher

EVENTS: dict[str, str] = {
    "PreToolUse": "BeforeTool",
    "PostToolUse": "AfterTool",
    "UserPromptSubmit": "BeforeAgent",
    "Stop": "AfterAgent",
    "SubagentStop": "AfterAgent",
    "SessionStart": "SessionStart",
    "SessionEnd": "SessionEnd",
    "PreCompact": "PreCompress",
    "Notification": "Notification",
}
TOOL_EVENTS = {"PreToolUse", "PostToolUse"}
_PROJECT_DIR = re.compile(r"\$(\{?)CLAUDE_PROJECT_DIR\b")
_OTHER_CLAUDE_VARS = re.compile(r"\$\{?(CLAUDE_(?!PROJECT_DIR\b)\w+)")


def _command(hook: Any, item: Hooks, event: str, batch: Batch) -> dict[str, Any] | None:
    if not isinstance(hook, dict):
        batch.skip(item, f"{event}: a hook that is not an object was left out")
        return None
    if hook.get("type", "command") != "command" or not isinstance(hook.get("command"), str):
        batch.skip(item, f"{event}: a '{hook.get('type')}' hook has no Gemini equivalent (only commands)")
        return None
    command = _PROJECT_DIR.sub(lambda m: f"${m.group(1)}GEMINI_PROJECT_DIR", hook["command"])
    unknown = sorted(set(_OTHER_CLAUDE_VARS.findall(command)))
    if unknown:
        batch.note(item, f"{event}: the command uses {', '.join(unknown)}, which Gemini does not set")
    converted: dict[str, Any] = {"type": "command", "command": command}
    timeout = hook.get("timeout")
    if isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout > 0:
        converted["timeout"] = int(timeout * 1000)
    return converted


def _groups(item: Hooks, event: str, groups: Any, batch: Batch) -> list[dict[str, Any]]:
    converted: list[dict[str, Any]] = []
    for group in groups if isinstance(groups, list) else []:
        if not isinstance(group, dict):
            continue
        commands = [c for c in (_command(h, item, event, batch) for h in group.get("hooks") or ()) if c]
        if not commands:
            continue
        entry: dict[str, Any] = {}
        matcher = group.get("matcher")
        if isinstance(matcher, str) and matcher:
            if event in TOOL_EVENTS:
                lost = unmapped_in_matcher(matcher)
                if lost:
                    batch.note(
                        item, f"{event}: the matcher names {', '.join(lost)}, which Gemini has no tool for"
                    )
                matcher = rename_in_matcher(matcher)
            entry["matcher"] = matcher
        entry["hooks"] = commands
        converted.append(entry)
    return converted


def render(sources: Sources, place: Place, batch: Batch) -> None:
    events: dict[str, list[dict[str, Any]]] = {}
    owners: dict[str, Hooks] = {}
    for item in sources.of("hooks", level=place.level):
        if batch.blocked_local(item, place.settings):
            continue
        wrote = False
        for event, groups in item.events.items():
            gemini = EVENTS.get(event)
            if gemini is None:
                batch.skip(item, f"the {event} event has no Gemini equivalent", field=event)
                continue
            converted = _groups(item, event, groups, batch)
            if converted:
                events.setdefault(gemini, []).extend(converted)
                owners.setdefault(gemini, item)
                wrote = True
        if wrote:
            batch.note(
                item,
                "Gemini passes hooks a different JSON payload (event and tool names, fields) and runs "
                "them only in trusted folders: check scripts that read stdin",
            )
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
