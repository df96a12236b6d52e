"""Subagents → ``agents/<name>.md`` in ``~/.qwen`` / ``.qwen``.

Qwen accepts Claude Code's agent front matter (``tools``, ``disallowedTools``, ``model``,
``permissionMode``, ``maxTurns``, ``color``, ``mcpServers``, ``hooks``) and ignores keys it does
not know, but it does not read ``.claude/agents``, so each agent is written again, with:

- ``tools`` / ``disallowedTools`` as Qwen tool ids (see :mod:`hsync_qwen.tools`);
- ``model`` only when it is not a Claude model alias (``sonnet`` would be looked up as a model id
  of the user's provider);
- ``color`` only from Qwen's list, ``permissionMode`` only a mode Qwen knows, ``maxTurns`` only a
  positive whole number (Qwen drops other values silently);
- every other key dropped and reported.
"""

from __future__ import annotations

import re
from typing import Any

from hsync_core import Agent, FileOutput, Sources, by_precedence, dump_front_matter
from hsync_gemini.batch import Batch

from .paths import Place
from .tools import qwen_tool

COLORS = frozenset({"red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan", "auto"})
PERMISSION_MODES = frozenset({"acceptEdits", "auto", "bypassPermissions", "default", "dontAsk", "plan"})
#: keys read into the model or translated below
_HANDLED = {"name", "description", "tools", "disallowedTools", "model", "color", "permissionMode", "maxTurns"}
#: Claude keys Qwen reads as they are
_KEPT = ("mcpServers", "hooks")
_CLAUDE_MODELS = re.compile(
    r"^(sonnet|opus|haiku|opusplan|default|best|claude-.*|anthropic/.*)(\[.*\])?$", re.I
)
#: a name that is safe as a file name and a YAML scalar
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _tool_list(agent: Agent, entries: tuple[str, ...], field: str, batch: Batch) -> list[str]:
    names: list[str] = []
    for entry in entries:
        name, note = qwen_tool(entry)
        if note:
            batch.note(agent, f"{field}: {note}" if name else f"{field}: dropped {note}", field=field)
        if name and name not in names:
            names.append(name)
    return names


def _positive_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number if number > 0 else None


def front_matter(agent: Agent, batch: Batch) -> dict[str, Any]:
    meta = agent.frontmatter
    data: dict[str, Any] = {"name": agent.name, "description": agent.description.strip()}
    if agent.tools is not None:
        data["tools"] = _tool_list(agent, agent.tools, "tools", batch)
    if agent.disallowed_tools:
        data["disallowedTools"] = _tool_list(agent, agent.disallowed_tools, "disallowedTools", batch)
    model = agent.model
    if model and model != "inherit":
        if _CLAUDE_MODELS.match(model):
            batch.note(
                agent,
                f"model '{model}' dropped (a Claude model); Qwen uses the session's model",
                field="model",
            )
        else:
            data["model"] = model
    for key, allowed in (("color", COLORS), ("permissionMode", PERMISSION_MODES)):
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, str) and value in allowed:
            data[key] = value
        else:
            batch.note(
                agent, f"{key} {value!r} dropped: Qwen accepts only {', '.join(sorted(allowed))}", field=key
            )
    if meta.get("maxTurns") is not None:
        turns = _positive_int(meta["maxTurns"])
        if turns is None:
            batch.note(
                agent, f"maxTurns {meta['maxTurns']!r} dropped: not a positive whole number", field="maxTurns"
            )
        else:
            data["maxTurns"] = turns
    for key in _KEPT:
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, dict):
            data[key] = value
        else:
            batch.note(
                agent, f"'{key}' dropped: Qwen reads only an object here (server name → spec)", field=key
            )
    for key in sorted(set(meta) - _HANDLED - set(_KEPT)):
        batch.note(agent, f"'{key}' dropped: Qwen's agents have no such field", field=key)
    return data


def render_agent(agent: Agent, batch: Batch) -> str | None:
    """The agent file's text, or None (reported) when Qwen could not load it."""
    if not _FILE_NAME.match(agent.name):
        batch.skip(agent, f"the name {agent.name!r} cannot be a Qwen agent file name")
        return None
    if not agent.description.strip():
        batch.skip(agent, "no description: Qwen requires one")
        return None
    data = front_matter(agent, batch)
    text = dump_front_matter(data)  # PyYAML's output; plain words skip PyYAML
    body = agent.body if agent.body.endswith("\n") else agent.body + "\n"
    return f"---\n{text}---\n{body}"


def render(sources: Sources, place: Place, batch: Batch) -> None:
    where = "~/.qwen/agents" if place.level == "user" else ".qwen/agents"
    for agent in by_precedence(sources.of("agents", level=place.level)):
        taken = batch.names(f"agents:{place.level}").claim(
            agent, agent.name, where, path=place.agent(agent.name)
        )
        if taken is not None:
            batch.report.append(taken)
            continue
        content = render_agent(agent, batch)
        if content is None:
            continue
        batch.add(
            FileOutput.for_item(agent, path=place.agent(agent.name), root=place.root, content=content),
            agent,
        )
