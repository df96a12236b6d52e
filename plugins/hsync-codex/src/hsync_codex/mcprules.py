"""Settings (opt-in): Claude's permission rules for MCP tools → approval keys of the server's table.

Claude names an MCP tool ``mcp__<server>__<tool>`` (the server's name with every character outside
``[A-Za-z0-9_-]`` as ``_``); ``mcp__<server>`` and ``mcp__<server>__*`` mean all its tools. Codex
(0.171) keeps per-server approval in the ``[mcp_servers.<name>]`` table hsync writes::

    allow mcp__github__get_issue   → [mcp_servers.github.tools.get_issue] approval_mode = "approve"
    ask   mcp__github__create_pr   → [mcp_servers.github.tools.create_pr] approval_mode = "prompt"
    deny  mcp__github__delete_repo → disabled_tools = ["delete_repo"]
    allow mcp__github / …__*       → default_tools_approval_mode = "approve"  (ask: "prompt")
    deny  mcp__github / …__*       → enabled = false

(``[…tools.<tool>] enabled`` is refused by Codex's strict check; ``disabled_tools`` is its way.)
A tool named by several rules gets the strictest, as Claude's deny > ask > allow. A server in
``$CODEX_HOME/config.toml`` serves every project, so it takes only the user settings' rules; a
project's server takes the rules of every layer. A rule naming no server hsync writes is reported.
"""

from __future__ import annotations

import re
from typing import Any

from hsync_core import Context, McpServer, ReportEntry, Settings, display_origin

RANK = {"allow": 0, "ask": 1, "deny": 2}
MODE = {"allow": "approve", "ask": "prompt"}
_BAD = re.compile(r"[^A-Za-z0-9_-]")


def parse(rule: str) -> tuple[str, str | None] | None:
    """(server, tool or None for all its tools) of an ``mcp__…`` rule; None for any other rule."""
    if not rule.startswith("mcp__"):
        return None
    server, _, tool = rule[len("mcp__") :].partition("__")
    return (server, None if tool in ("", "*") else tool) if server else None


class McpRules:
    """The MCP rules of every settings layer, applied to the servers as they are rendered."""

    def __init__(self, layers: list[Settings]):
        self.rules: list[tuple[Settings, str, str, str, str | None]] = []
        for layer in layers:
            for field in RANK:
                for rule in getattr(layer.permissions, field):
                    parsed = parse(rule)
                    if parsed:
                        self.rules.append((layer, field, rule, *parsed))
        self.used: set[int] = set()

    def apply(self, server: McpServer, level: str, value: dict[str, Any]) -> list[tuple[str, str]]:
        """Add the approval keys of ``server`` to its table ``value``; (field, note) of what was done."""
        key = _BAD.sub("_", server.name)
        strictest: dict[str | None, tuple[str, str]] = {}
        for index, (layer, field, rule, name, tool) in enumerate(self.rules):
            if name != key or (level == "user" and layer.level != "user"):
                continue
            self.used.add(index)
            if tool not in strictest or RANK[field] > RANK[strictest[tool][0]]:
                strictest[tool] = (field, rule)
        notes = []
        for tool, (field, rule) in strictest.items():
            if tool is None and field == "deny":
                value["enabled"] = False
                written = "enabled = false"
            elif tool is None:
                value["default_tools_approval_mode"] = MODE[field]
                written = f'default_tools_approval_mode = "{MODE[field]}"'
            elif field == "deny":
                value.setdefault("disabled_tools", []).append(tool)
                written = f"disabled_tools = [{tool!r}]"
            else:
                value.setdefault("tools", {})[tool] = {"approval_mode": MODE[field]}
                written = f'tools.{tool}.approval_mode = "{MODE[field]}"'
            notes.append(("permissions", f"{field} {rule} written as {written}"))
        return notes

    def unused(self, ctx: Context) -> list[ReportEntry]:
        """One line per rule that named no server hsync wrote for Codex in this run."""
        return [
            ReportEntry(
                kind="settings",
                name=display_origin(layer.origin, ctx),
                scope=layer.scope,
                field=f"permissions.{field}",
                path=layer.origin,
                reason=f"{rule} not written: no MCP server {name!r} is synced to Codex here",
            )
            for index, (layer, field, rule, name, _) in enumerate(self.rules)
            if index not in self.used and ctx.wants_level(layer.level)
        ]
