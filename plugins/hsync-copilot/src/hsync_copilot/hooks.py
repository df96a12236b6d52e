"""Claude hooks (opt-in kind ``hooks``) → ``$COPILOT_HOME/hooks/hsync.json`` and ``.github/hooks/hsync.json``.

Copilot's hook files are ``{"version": 1, "hooks": {<event>: [{"type": "command", "bash": …,
"timeoutSec": …}]}}`` with camelCase event names. hsync owns the whole ``hsync.json``. Copilot's
command hooks take no tool matcher, so a Claude hook with a matcher on a tool event is skipped
rather than run for every tool; prompt, agent and HTTP hooks, and events Copilot has no name for,
are skipped too, each with the reason.
"""

from __future__ import annotations

import json
from typing import Any

from hsync_core import Context, FileOutput, Hooks, Output, ReportEntry

from .paths import Place

#: Claude Code event → Copilot CLI event
EVENTS = {
    "SessionStart": "sessionStart",
    "SessionEnd": "sessionEnd",
    "UserPromptSubmit": "userPromptSubmitted",
    "PreToolUse": "preToolUse",
    "PostToolUse": "postToolUse",
    "Stop": "agentStop",
    "SubagentStop": "subagentStop",
    "PreCompact": "preCompact",
    "Notification": "notification",
}
#: events whose Claude matcher selects tools (Copilot's command hooks cannot)
TOOL_EVENTS = {"PreToolUse", "PostToolUse"}
#: events whose Claude matcher selects something Copilot does not filter on (SessionStart's
#: source, PreCompact's trigger, Notification's type)
SOURCE_EVENTS = {"SessionStart", "PreCompact", "Notification"}
CLAUDE_VARIABLES = (
    "$CLAUDE_PROJECT_DIR",
    "${CLAUDE_PROJECT_DIR}",
    "$CLAUDE_FILE_PATHS",
    "${CLAUDE_FILE_PATHS}",
)


def _skip(item: Hooks, event: str, reason: str, action: str = "skipped") -> ReportEntry:
    return ReportEntry.for_item(item, f"{event}: {reason}", action=action, field=event)


def _translate(item: Hooks) -> tuple[dict[str, list[dict[str, Any]]], list[ReportEntry]]:
    events: dict[str, list[dict[str, Any]]] = {}
    report: list[ReportEntry] = []
    for event, groups in item.events.items():
        target = EVENTS.get(event)
        if target is None:
            report.append(_skip(item, event, "Copilot CLI has no such hook event"))
            continue
        if not isinstance(groups, list):
            report.append(_skip(item, event, "not a list of matcher groups"))
            continue
        for group in groups:
            if not isinstance(group, dict):
                continue
            matcher = str(group.get("matcher") or "")
            if matcher not in ("", "*"):
                why = (
                    f"matcher {matcher!r}: Copilot's command hooks cannot select tools, so the hook "
                    "would run for every tool"
                    if event in TOOL_EVENTS or event not in SOURCE_EVENTS
                    else f"matcher {matcher!r}: Copilot's hook file cannot express it"
                )
                report.append(_skip(item, event, why))
                continue
            for hook in group.get("hooks") or ():
                if not isinstance(hook, dict):
                    continue
                kind = hook.get("type", "command")
                command = hook.get("command")
                if kind != "command" or not isinstance(command, str) or not command.strip():
                    report.append(
                        _skip(item, event, f"a {kind} hook: Copilot's hook files run only commands")
                    )
                    continue
                entry: dict[str, Any] = {"type": "command", "bash": command}
                timeout = hook.get("timeout")
                if isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and timeout > 0:
                    entry["timeoutSec"] = int(timeout) if float(timeout).is_integer() else timeout
                if any(v in command for v in CLAUDE_VARIABLES):
                    report.append(
                        _skip(
                            item,
                            event,
                            "the command uses Claude Code's variables ($CLAUDE_PROJECT_DIR, "
                            "$CLAUDE_FILE_PATHS), which Copilot does not set",
                            action="warning",
                        )
                    )
                events.setdefault(target, []).append(entry)
    return events, report


def render_hooks(items: list[Hooks], place: Place, ctx: Context) -> tuple[list[Output], list[ReportEntry]]:
    if not items:
        return [], []
    merged: dict[str, list[dict[str, Any]]] = {}
    report: list[ReportEntry] = []
    for item in items:
        if item.scope == "local" and ctx.is_tracked(place.hooks):
            report.append(
                ReportEntry.for_item(
                    item, f"personal hooks are not written into {place.show(place.hooks)}: git tracks it"
                )
            )
            continue
        events, problems = _translate(item)
        report += problems
        for event, entries in events.items():
            merged.setdefault(event, []).extend(entries)
    if not merged:
        return [], report
    document = {"version": 1, "hooks": merged}
    output = FileOutput(
        path=place.hooks,
        root=place.root,
        level=place.level,
        kind="hooks",
        item=f"{place.level} hooks",
        content=json.dumps(document, indent=2, ensure_ascii=False) + "\n",
    )
    return [output], report
