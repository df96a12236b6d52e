"""Subagents: ``<dir>/<name>.md`` with front matter (name, description, tools, model)."""

from __future__ import annotations

from pathlib import Path

from ..models import Agent
from ..rendering.naming import unsafe_name_reason
from . import frontmatter
from .reading import Read


def read_agents(r: Read, directory: Path, scope: str, level: str, plugin: str | None = None) -> None:
    for entry in r.listdir(directory, "agents", scope):
        if (
            not entry.name.endswith(".md")
            or entry.name.startswith(".")
            or not r.entry_is(entry, "file", "agents", scope)
        ):
            continue
        path = Path(entry.path)
        parsed = r.front_matter(path, "agents", path.stem, scope)
        if parsed is None:
            continue
        meta, body = parsed
        name = frontmatter.as_text(meta.get("name")) or path.stem
        reason = unsafe_name_reason(name)
        if reason:
            r.skip("agents", name, scope, reason, path)
            continue
        tools = meta.get("tools")
        r.items.append(
            Agent(
                name=name,
                scope=scope,
                level=level,
                origin=path,
                plugin=plugin,
                description=frontmatter.as_text(meta.get("description")) or "",
                tools=None if tools is None else frontmatter.as_list(tools),
                disallowed_tools=frontmatter.as_list(meta.get("disallowedTools")),
                model=frontmatter.as_text(meta.get("model")),
                frontmatter=meta,
                body=body,
            )
        )
