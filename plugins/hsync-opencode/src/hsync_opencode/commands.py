"""Claude slash commands as OpenCode commands: ``command/<path>.md``.

OpenCode's command syntax is Claude's (``$ARGUMENTS``, ``$1``, ``!`cmd```, ``@file``), so the
body is kept as it is. Subfolders are kept: OpenCode names ``command/git/commit.md``
``git/commit``. A plugin's command goes to ``command/<plugin>/…``.
"""

from __future__ import annotations

import re
from typing import Any

from hsync_core import Command, Sources, description_of, placeholder_positions, unsafe_name_reason

from .collect import Collected
from .markdown import Note, is_provider_model, render_documents
from .paths import Place

#: OpenCode's own commands: ``init`` and ``review`` (replaced by a command of that name) and the TUI's
BUILTIN_COMMANDS = frozenset(
    {
        "init",
        "review",
        "agents",
        "connect",
        "debug",
        "diff",
        "editor",
        "exit",
        "quit",
        "q",
        "help",
        "mcps",
        "models",
        "mo",
        "move",
        "new",
        "clear",
        "org",
        "orgs",
        "switch-org",
        "sessions",
        "resume",
        "continue",
        "skills",
        "slash",
        "status",
        "themes",
        "variants",
        "warp",
        "workspaces",
        "compact",
        "summarize",
        "copy",
        "export",
        "fork",
        "redo",
        "rename",
        "share",
        "thinking",
        "toggle-thinking",
        "timeline",
        "timestamps",
        "toggle-timestamps",
        "undo",
        "unshare",
    }
)
HANDLED = frozenset({"description", "model", "argument-hint", "allowed-tools", "disable-model-invocation"})
CLAUDE_VARIABLE = re.compile(r"\$\{(CLAUDE_[A-Z_]+)\}")


def command_name(command: Command) -> tuple[str, str | None]:
    if command.plugin:
        reason = unsafe_name_reason(command.plugin_name or "")
        if reason:
            return "", f"plugin {reason}"
        return f"{command.plugin_name}/{command.path_name}", None
    return command.path_name, None


def render(sources: Sources, place: Place, out: Collected) -> None:
    render_documents(
        sources.of("commands", level=place.level),
        place.commands,
        place,
        out,
        what="command",
        name_of=command_name,
        convert=convert,
    )


def convert(command: Command, name: str) -> tuple[dict[str, Any], list[Note]]:
    """The OpenCode front matter for ``command`` and what could not be carried over."""
    notes: list[Note] = []
    meta: dict[str, Any] = {}
    text, derived = description_of(command, command.description, command.body)
    if text:
        meta["description"] = text
    if derived is not None:
        notes.append((derived.reason, derived.action, "description"))
    if command.model:
        if is_provider_model(command.model):
            meta["model"] = command.model
        else:
            notes.append(
                (
                    f"model {command.model!r} dropped: OpenCode needs a provider/model id (e.g. anthropic/claude-sonnet-4-5)",
                    "warning",
                    "model",
                )
            )
    if command.argument_hint:
        notes.append(("argument-hint dropped: OpenCode has no argument hints", "info", "argument-hint"))
    if command.allowed_tools:
        notes.append(
            (
                "allowed-tools dropped: OpenCode commands cannot grant tools; its permission settings apply",
                "warning",
                "allowed-tools",
            )
        )
    if "disable-model-invocation" in command.frontmatter:
        notes.append(
            (
                "disable-model-invocation dropped: OpenCode has no such switch",
                "info",
                "disable-model-invocation",
            )
        )
    for key in command.frontmatter:
        if key not in HANDLED:
            notes.append((f"{key} has no OpenCode equivalent; dropped", "warning", key))
    if name in BUILTIN_COMMANDS:
        notes.append(
            (f"/{name} is also an OpenCode built-in command; check which one runs", "warning", "name")
        )
    positions = placeholder_positions(command.body)
    if positions:
        notes.append(
            (
                f"in OpenCode ${positions[-1]}, the highest placeholder, takes all the remaining arguments",
                "info",
                "body",
            )
        )
    for variable in sorted(set(CLAUDE_VARIABLE.findall(command.body))):
        notes.append((f"${{{variable}}} is Claude Code's; OpenCode leaves it as text", "warning", "body"))
    return meta, notes
