"""Claude subagents as OpenCode agents: ``agent/<name>.md`` with ``mode: subagent``.

OpenCode names an agent after its file, so ``name`` is not written; a plugin's agent goes to
``agent/<plugin>/<name>.md`` (OpenCode calls it ``<plugin>/<name>``). The body is the prompt.
"""

from __future__ import annotations

import re
from typing import Any

from hsync_core import Agent, Sources, unsafe_name_reason

from .collect import Collected
from .markdown import Note, is_provider_model, render_documents
from .paths import Place
from .permissions import AGENT_TOOLS, Untranslatable, parse

#: front matter keys handled below; every other key is reported and dropped
HANDLED = frozenset(
    {"name", "description", "tools", "disallowedTools", "model", "color", "maxTurns", "permissionMode"}
)
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def agent_name(agent: Agent) -> tuple[str, str | None]:
    """The agent's OpenCode name (``<plugin>/<name>`` for a plugin's), or a reason it has none."""
    if agent.plugin:
        reason = unsafe_name_reason(agent.plugin_name or "")
        if reason:
            return "", f"plugin {reason}"
        return f"{agent.plugin_name}/{agent.name}", None
    return agent.name, None


def render(sources: Sources, place: Place, out: Collected) -> None:
    render_documents(
        sources.of("agents", level=place.level),
        place.agents,
        place,
        out,
        what="agent",
        name_of=agent_name,
        convert=lambda agent, _name: convert(agent),
    )


def convert(agent: Agent) -> tuple[dict[str, Any], list[Note]]:
    """The OpenCode front matter for ``agent`` and what could not be carried over."""
    notes: list[Note] = []
    raw = agent.frontmatter
    meta: dict[str, Any] = {}
    if agent.description:
        meta["description"] = agent.description
    else:
        notes.append(
            ("no description: OpenCode cannot tell when to use this agent", "warning", "description")
        )
    meta["mode"] = "subagent"
    model = agent.model
    if model and model != "inherit":
        if is_provider_model(model):
            meta["model"] = model
        else:
            notes.append(
                (
                    f"model {model!r} dropped: OpenCode needs a provider/model id (e.g. anthropic/claude-sonnet-4-5)",
                    "warning",
                    "model",
                )
            )
    steps = _steps(raw.get("maxTurns"), notes)
    if steps is not None:
        meta["steps"] = steps
    colour = raw.get("color")
    if isinstance(colour, str) and HEX_COLOUR.match(colour):
        meta["color"] = colour
    elif colour is not None:
        notes.append(
            (f"color {colour!r} dropped: OpenCode takes only #rrggbb or a theme colour", "info", "color")
        )
    permission = agent_permission(agent, notes)
    if permission:
        meta["permission"] = permission
    for key in raw:
        if key not in HANDLED:
            notes.append((f"{key} has no OpenCode equivalent; dropped", "warning", key))
    return meta, notes


def _steps(value: Any, notes: list[Note]) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str) and value.strip().isdigit() and int(value) > 0:
        return int(value)
    notes.append((f"maxTurns {value!r} is not a positive number; dropped", "warning", "maxTurns"))
    return None


def agent_permission(agent: Agent, notes: list[Note]) -> dict[str, Any]:
    """Claude's ``tools`` allow-list, ``disallowedTools`` and ``permissionMode`` as a permission map.

    OpenCode has no "only these tools": every built-in tool the list leaves out is denied. MCP
    tools cannot be listed that way, so they stay available (reported). ``tools: "*"`` is no list.
    """
    permission: dict[str, Any] = {}
    if agent.tools is not None and "*" not in agent.tools:
        allowed: set[str] = set()
        for tool in agent.tools:
            try:
                rules = parse(tool, level=agent.level)
            except Untranslatable as exc:
                notes.append((f"tool {tool!r} left out: {exc}", "warning", "tools"))
                continue
            allowed.update(r.key for r in rules if not r.is_mcp)
            if any(r.pattern != "*" for r in rules):
                notes.append(
                    (
                        f"tool {tool!r}: the specifier is dropped; the agent gets the whole tool",
                        "warning",
                        "tools",
                    )
                )
        permission.update((key, "deny") for key in AGENT_TOOLS if key not in allowed)
        notes.append(
            (
                "tools: MCP tools stay available to this agent (OpenCode cannot limit them to a list)",
                "warning",
                "tools",
            )
        )
    for tool in agent.disallowed_tools:
        try:
            rules = parse(tool, level=agent.level)
        except Untranslatable as exc:
            notes.append((f"disallowed tool {tool!r} not denied: {exc}", "warning", "disallowedTools"))
            continue
        for rule in rules:
            _deny(permission, rule.key, rule.pattern)
    mode = agent.frontmatter.get("permissionMode")
    if mode == "plan":
        permission["edit"] = "deny"
        bash = permission.get("bash")
        if bash is None or bash == "allow":
            permission["bash"] = "ask"
        elif isinstance(bash, dict) and "*" not in bash:
            permission["bash"] = {"*": "ask", **bash}
        notes.append(("permissionMode plan: written as edit: deny, bash: ask", "info", "permissionMode"))
    elif mode == "acceptEdits":
        if "edit" not in permission:
            permission["edit"] = "allow"
            notes.append(("permissionMode acceptEdits: written as edit: allow", "info", "permissionMode"))
    elif mode not in (None, "default"):
        notes.append(
            (f"permissionMode {mode!r} has no OpenCode equivalent; dropped", "warning", "permissionMode")
        )
    return permission


def _deny(permission: dict[str, Any], key: str, pattern: str) -> None:
    current = permission.get(key)
    if current == "deny":
        return
    if pattern == "*":
        permission[key] = "deny"
    elif isinstance(current, dict):
        current[pattern] = "deny"
    elif isinstance(current, str):
        permission[key] = {"*": current, pattern: "deny"}
    else:
        permission[key] = {pattern: "deny"}
