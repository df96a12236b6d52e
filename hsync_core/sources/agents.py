"""Subagents: ``<dir>/**/<name>.md`` with front matter (name, description, tools, model).

As Claude Code reads them: agents in category folders (``agents/<category>/<name>.md``, the way
the big collections install) count like top-level ones, the name is the front matter's ``name``
(spaces and parentheses allowed). A Markdown file without a ``name`` in its front matter (a
README beside the agents) is not an agent: ignored, as Claude Code ignores it. One with a name
but no ``description``, or a name Claude Code refuses (starting with ``-``, containing ``:``,
longer than 256 characters), is skipped with Claude Code's reason: Claude Code does not load it.
"""

from __future__ import annotations

from pathlib import Path

from ..models import Agent
from ..rendering.naming import unsafe_name_reason
from . import frontmatter
from .reading import Read

#: Claude Code's longest agent name
MAX_NAME = 256


def claude_agent_problem(name: str, description: object) -> str | None:
    """Why Claude Code would refuse an agent with this front matter, or None."""
    if name.startswith("-"):
        return "Claude Code does not load it: the name starts with '-'"
    if len(name) > MAX_NAME:
        return f"Claude Code does not load it: the name is longer than {MAX_NAME} characters"
    if ":" in name:
        return "Claude Code does not load it: the name contains ':' (reserved for plugins)"
    if not description or not isinstance(description, str):
        return "Claude Code does not load it: no 'description' in the front matter"
    return None


def read_agents(r: Read, directory: Path, scope: str, level: str, plugin: str | None = None) -> None:
    for path, parents in r.walk_md(directory, "agents", scope):
        read_agent_file(r, path, scope, level, plugin, label="/".join((*parents, path.stem)))


def read_agent_file(
    r: Read, path: Path, scope: str, level: str, plugin: str | None = None, *, label: str | None = None
) -> None:
    label = label or path.stem
    parsed = r.front_matter(path, "agents", label, scope)
    if parsed is None:
        return
    meta, body = parsed
    declared = meta.get("name")
    if not declared or not isinstance(declared, str):
        r.ignore("agents", label, scope, "no 'name' in front matter: not an agent for Claude Code", path)
        return
    name = declared.strip()
    reason = claude_agent_problem(name, meta.get("description")) or unsafe_name_reason(name)
    if reason:
        r.skip("agents", name, scope, reason, path)
        return
    tools = meta.get("tools")
    r.items.append(
        Agent(
            name=name,
            scope=scope,
            level=level,
            origin=path,
            plugin=plugin,
            description=str(meta["description"]).replace("\\n", "\n"),
            tools=None if tools is None else frontmatter.as_list(tools),
            disallowed_tools=frontmatter.as_list(meta.get("disallowedTools")),
            model=frontmatter.as_text(meta.get("model")),
            frontmatter=meta,
            body=body,
        )
    )
