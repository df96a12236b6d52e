"""Subagents → ``.gemini/agents/<name>.md``, real files whose front matter fits Gemini's strict schema.

Gemini CLI validates agent front matter with a strict schema (``localAgentSchema``): one unknown
key or one tool name it does not know rejects the whole agent, silently for the user. So only
its keys are written: ``name`` (a slug, ``^[a-z0-9-_]+$``), ``description``, ``tools`` (Gemini
names, mapped from Claude's), ``model`` (Gemini ids only), ``temperature``, ``max_turns`` (from
``maxTurns``) and ``timeout_mins``. Every Claude key that is dropped is reported.
"""

from __future__ import annotations

import re
from typing import Any

from hsync_core import Agent, FileOutput, Sources, by_precedence, fit_name, markdown_document, renamed

from .batch import Batch
from .paths import Place
from .tools import gemini_tool

#: Claude keys read into the model (``Agent.tools`` …) or translated below
_HANDLED = {
    "name",
    "description",
    "tools",
    "disallowedTools",
    "model",
    "maxTurns",
    "temperature",
    "timeout_mins",
}
_CLAUDE_MODELS = re.compile(
    r"^(sonnet|opus|haiku|opusplan|default|best|claude-.*|anthropic/.*)(\[.*\])?$", re.I
)


def slug(name: str) -> str:
    """A name Gemini accepts (lowercase letters, digits, ``-``, ``_``; no leading ``_``)."""
    return fit_name(name.strip(), allowed="a-z0-9_-", lower=True, fallback="").lstrip(
        "_"
    )  # the core's policy


def _positive_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number if number > 0 else None


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        return float(str(value))
    except ValueError:
        return None


def _tools(agent: Agent, batch: Batch) -> list[str] | None:
    if agent.tools is None:
        if agent.disallowed_tools:
            batch.note(
                agent,
                "disallowedTools dropped: Gemini agents have no deny list (they inherit every tool)",
                field="disallowedTools",
            )
        return None
    denied = set(agent.disallowed_tools)
    names: list[str] = []
    for entry in agent.tools:
        if entry in denied:
            continue
        name, note = gemini_tool(entry)
        if note:
            batch.note(agent, f"tool {note}" if name else f"tool dropped: {note}", field="tools")
        if name and name not in names:
            names.append(name)
    return names


def _model(agent: Agent, batch: Batch) -> str | None:
    model = agent.model
    if not model or model == "inherit":
        return None
    if model.startswith("gemini-"):
        return model
    kind = "a Claude model alias" if _CLAUDE_MODELS.match(model) else "not a Gemini model"
    batch.note(agent, f"model '{model}' dropped ({kind}); Gemini uses its default model", field="model")
    return None


def front_matter(agent: Agent, name: str, batch: Batch) -> dict[str, Any]:
    meta = agent.frontmatter
    data: dict[str, Any] = {"name": name, "description": agent.description.strip()}
    tools = _tools(agent, batch)
    if tools is not None:
        data["tools"] = tools
    model = _model(agent, batch)
    if model:
        data["model"] = model
    if meta.get("temperature") is not None:
        temperature = _number(meta["temperature"])
        if temperature is not None and 0 <= temperature <= 2:
            data["temperature"] = temperature
        else:
            batch.note(agent, f"temperature {meta['temperature']!r} dropped: not a number from 0 to 2")
    for source, key in (("maxTurns", "max_turns"), ("timeout_mins", "timeout_mins")):
        if meta.get(source) is None:
            continue
        value = _positive_int(meta[source])
        if value is None:
            batch.note(agent, f"{source} {meta[source]!r} dropped: not a positive whole number", field=source)
        else:
            data[key] = value
    for key in sorted(set(meta) - _HANDLED):
        batch.note(agent, f"'{key}' dropped: Gemini's agent schema has no such key", field=key)
    return data


def render_agent(agent: Agent, batch: Batch) -> str | None:
    """The agent file's text, or None (reported) when Gemini could not load it."""
    name = slug(agent.name)
    if not name:
        batch.skip(agent, f"the name {agent.name!r} has no letters or digits Gemini accepts")
        return None
    if not agent.description.strip():
        batch.skip(agent, "no description: Gemini requires one")
        return None
    if name != agent.name:
        batch.report.append(renamed(agent, agent.name, name, "Gemini agent names are lowercase slugs"))
    data = front_matter(agent, name, batch)
    return markdown_document(data, agent.body)


def render(sources: Sources, place: Place, batch: Batch) -> None:
    names = batch.names(f"agents:{place.level}")
    for agent in by_precedence(sources.of("agents", level=place.level)):
        name = slug(agent.name)
        if name:
            where = "~/.gemini/agents" if place.level == "user" else ".gemini/agents"
            taken = names.claim(agent, name, where, path=place.agent(name))
            if taken is not None:
                batch.report.append(taken)
                continue
        content = render_agent(agent, batch)
        if content is None:
            continue
        batch.add(
            FileOutput.for_item(
                agent,
                path=place.agent(name),
                root=place.root,
                content=content,
            ),
            agent,
        )
