"""Claude hooks (the opt-in ``hooks`` kind) → ``$CODEX_HOME/hooks.json`` and ``.codex/hooks.json``.

Codex's hooks have Claude's shape and event names (``{"hooks": {Event: [{matcher, hooks: [{type:
"command", command, timeout, async, statusMessage}]}]}}``, ``timeout`` in seconds). hsync owns the
whole ``hooks.json`` of each level. Not carried, each reported by hook: events Codex does not have
(``Notification`` among them: Codex drops it without a word), hooks that are not commands (Codex
skips ``prompt`` and ``agent`` hooks and refuses the whole file for an ``http`` one), tool names in
a matcher that no Codex tool answers to, Claude-only fields. ``$CLAUDE_PROJECT_DIR``, which Codex
does not set, becomes ``$(git rev-parse --show-toplevel)``, the form Codex's documentation uses.

Codex runs a hook only once the user approves it in Codex, so every hook is reported as waiting for
approval until ``hooks.state`` in the user config holds its hash (:mod:`.hooktrust`).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from hsync_core import Context, FileOutput, Hooks, Output, ReportEntry, display_origin

from .hooktrust import approved_hashes, hook_hash, hook_key, keep_positions, written_groups
from .paths import Place

#: Claude Code events Codex 0.171 lists in ``hooks/list``, in the order hsync writes them
EVENTS = (
    "SessionStart",
    "UserPromptSubmit",
    "PreToolUse",
    "PermissionRequest",
    "PostToolUse",
    "PreCompact",
    "PostCompact",
    "SubagentStart",
    "SubagentStop",
    "Stop",
    "SessionEnd",
)
#: events whose matcher Codex ignores (as Claude Code does): none is written
NO_MATCHER = {"UserPromptSubmit", "Stop"}
TOOL_EVENTS = {"PreToolUse", "PostToolUse", "PermissionRequest"}
#: Claude tools no Codex tool answers to in a matcher (Codex hooks see Bash, apply_patch as
#: Edit/Write, MCP tools as mcp__server__tool and its other local function tools)
NO_CODEX_TOOL = {
    "Read", "Grep", "Glob", "LS", "WebFetch", "WebSearch", "Task", "Agent", "TodoWrite",
    "NotebookEdit", "NotebookRead", "BashOutput", "KillShell", "KillBash", "Skill",
    "SlashCommand", "ExitPlanMode",
}  # fmt: skip
RENAMED_TOOLS = {"MultiEdit": "Edit"}
_NAMES = re.compile(r"^[A-Za-z0-9_]+(\|[A-Za-z0-9_]+)*$")
_PROJECT_DIR = re.compile(r"\$(CLAUDE_PROJECT_DIR\b|\{CLAUDE_PROJECT_DIR\})")
_CLAUDE_VARS = re.compile(r"\$\{?(CLAUDE_\w+)")
CARRIED = {"type", "command", "timeout", "async", "statusMessage"}


class _Hook:
    """Report lines for one Claude hook, named by its file, event and command."""

    def __init__(self, item: Hooks, ctx: Context, event: str, hook: Any = None):
        self.item, self.event = item, event
        self.origin = item.qualified_name if item.scope == "plugin" else display_origin(item.origin, ctx)
        command = hook.get("command") if isinstance(hook, dict) else None
        self.label = f"{event} `{_short(command)}`" if isinstance(command, str) else event

    def entry(self, reason: str, action: str = "skipped") -> ReportEntry:
        return ReportEntry(
            kind="hooks",
            name=self.origin,
            scope=self.item.scope,
            action=action,
            field=self.event,
            path=self.item.origin,
            reason=f"{self.label}: {reason}",
        )


def _short(command: str, limit: int = 60) -> str:
    line = " ".join(command.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _matcher(event: str, raw: Any, hook: _Hook, report: list[ReportEntry]) -> tuple[bool, str | None]:
    """(keep the group?, the matcher to write)."""
    matcher = raw if isinstance(raw, str) else None
    if event in NO_MATCHER or matcher in (None, "", "*"):
        return True, None
    if event not in TOOL_EVENTS or not _NAMES.match(matcher):
        return True, matcher
    names = list(dict.fromkeys(RENAMED_TOOLS.get(n, n) for n in matcher.split("|")))
    dropped = [n for n in names if n in NO_CODEX_TOOL]
    kept = [n for n in names if n not in NO_CODEX_TOOL]
    if not kept:
        report.append(hook.entry(f"matcher {matcher!r}: no Codex tool answers to {', '.join(dropped)}"))
        return False, None
    if dropped:
        why = f"matcher {matcher!r} became {'|'.join(kept)!r}: no Codex tool answers to {', '.join(dropped)}"
        report.append(hook.entry(why, "warning"))
    elif "|".join(kept) != matcher:
        report.append(
            hook.entry(f"matcher {matcher!r} became {'|'.join(kept)!r} (Codex has no MultiEdit)", "info")
        )
    return True, "|".join(kept)


def _handler(raw: Any, hook: _Hook, report: list[ReportEntry]) -> dict[str, Any] | None:
    kind = raw.get("type", "command") if isinstance(raw, dict) else None
    if kind != "command" or not isinstance(raw.get("command"), str) or not raw["command"].strip():
        what = f"a {kind!r} hook" if isinstance(kind, str) else "a hook that is not an object"
        report.append(hook.entry(f"{what} not written: Codex runs only command hooks"))
        return None
    command = _PROJECT_DIR.sub("$(git rev-parse --show-toplevel)", raw["command"])
    if command != raw["command"]:
        why = "$CLAUDE_PROJECT_DIR became $(git rev-parse --show-toplevel): Codex does not set it"
        report.append(hook.entry(why, "warning"))
    unknown = sorted(set(_CLAUDE_VARS.findall(command)))
    if unknown:
        report.append(
            hook.entry(f"the command uses {', '.join(unknown)}, which Codex does not set", "warning")
        )
    handler: dict[str, Any] = {"type": "command", "command": command}
    timeout = raw.get("timeout")
    if isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout > 0:
        handler["timeout"] = max(math.ceil(timeout), 1)  # Codex takes whole seconds only
    elif timeout is not None:
        report.append(hook.entry(f"timeout {timeout!r} dropped: not a positive number of seconds", "warning"))
    if isinstance(raw.get("async"), bool) and raw["async"]:
        handler["async"] = True
    if isinstance(raw.get("statusMessage"), str):
        handler["statusMessage"] = raw["statusMessage"]
    for field in sorted(set(raw) - CARRIED):
        report.append(hook.entry(f"`{field}` dropped: Codex hooks have no such field", "warning"))
    return handler


def _groups(item: Hooks, ctx: Context, report: list[ReportEntry]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for event, groups in item.events.items():
        if event not in EVENTS:
            handlers = [
                h
                for g in (groups if isinstance(groups, list) else ())
                if isinstance(g, dict)
                for h in g.get("hooks") or ()
            ]
            for raw in handlers or [None]:  # one line per hook, named by its command
                report.append(_Hook(item, ctx, event, raw).entry("not written: Codex has no such hook event"))
            continue
        for group in groups if isinstance(groups, list) else ():
            if not isinstance(group, dict):
                continue
            hooks = [h for h in group.get("hooks") or () if h is not None]
            keep, matcher = _matcher(
                event, group.get("matcher"), _Hook(item, ctx, event, (hooks or [None])[0]), report
            )
            if not keep:
                continue
            handlers = [
                h for h in (_handler(raw, _Hook(item, ctx, event, raw), report) for raw in hooks) if h
            ]
            if handlers:
                written = {"matcher": matcher, "hooks": handlers} if matcher else {"hooks": handlers}
                found.setdefault(event, []).append(written)
    return found


def _order(item: Hooks) -> tuple[int, str]:
    return ({"user": 0, "project": 1, "local": 2}.get(item.scope or "", 3), item.qualified_name)


def render_hooks(
    items: list[Hooks], place: Place, ctx: Context, configs: list[dict[str, Any]]
) -> tuple[list[Output], list[ReportEntry]]:
    """``configs``: the user config, then (for a project) the project's ``.codex/config.toml``."""
    report: list[ReportEntry] = []
    merged: dict[str, list[dict[str, Any]]] = {}
    for item in sorted(items, key=_order):
        if item.scope == "local" and ctx.is_tracked(place.hooks):
            reason = f"personal hooks not written into {place.show(place.hooks)}: git tracks it"
            report.append(_Hook(item, ctx, "hooks").entry(reason))
            continue
        for event, groups in _groups(item, ctx, report).items():
            merged.setdefault(event, []).extend(groups)
    if not merged:
        return [], report
    inline = configs[-1].get("hooks")
    if isinstance(inline, dict) and set(inline) - {"state"}:
        reason = (
            f"not written: {place.show(place.config)} has [hooks] of its own, and Codex warns when one "
            f"level has both; move them into {place.show(place.hooks)} (or remove them) and sync again"
        )
        report.append(
            ReportEntry(kind="hooks", name=place.show(place.hooks), path=place.config, reason=reason)
        )
        return [], report
    before = written_groups(place.hooks)
    document = {e: keep_positions(before.get(e, []), merged[e]) for e in EVENTS if e in merged}
    report += _approval(document, place, configs[0])
    content = json.dumps({"hooks": document}, indent=2, ensure_ascii=False) + "\n"
    output = FileOutput(
        path=place.hooks,
        root=place.root,
        level=place.level,
        kind="hooks",
        item=f"{place.level} hooks",
        content=content,
    )
    return [output], report


def _approval(
    document: dict[str, list[dict[str, Any]]], place: Place, user_config: dict[str, Any]
) -> list[ReportEntry]:
    """One line per written hook that Codex will not run until the user approves it there."""
    approved = approved_hashes(user_config)
    report = []
    for event, groups in document.items():
        for g, group in enumerate(groups):
            for h, handler in enumerate(group["hooks"]):
                key = hook_key(place.hooks, event, g, h)
                known = approved.get(key)
                if known == hook_hash(event, group.get("matcher"), handler):
                    continue
                state = "changed since you approved it" if known else "new"
                report.append(
                    ReportEntry(
                        kind="hooks",
                        name=place.show(place.hooks),
                        action="warning",
                        field=f"{event}[{g}]",
                        path=place.hooks,
                        reason=(
                            f"{event} `{_short(handler['command'])}` ({state}): waiting for your approval "
                            "in Codex (/hooks); Codex does not run it until then, and hsync never approves hooks"
                        ),
                    )
                )
    return report
