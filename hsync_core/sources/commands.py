"""Slash commands: ``<dir>/**/<name>.md``; subfolders become the ``folder:name`` namespace."""

from __future__ import annotations

from pathlib import Path

from ..models import Command
from ..rendering.naming import unsafe_name_reason
from . import frontmatter
from .reading import Read


def read_commands(r: Read, directory: Path, scope: str, level: str, plugin: str | None = None) -> None:
    for path, parents in r.walk_md(directory, "commands", scope):
        name = path.stem
        label = "/".join((*parents, name))
        reason = unsafe_name_reason(name) or next(filter(None, map(unsafe_name_reason, parents)), None)
        if reason:
            r.skip("commands", label, scope, reason, path)
            continue
        parsed = r.front_matter(path, "commands", label, scope)
        if parsed is None:
            continue
        meta, body = parsed
        r.items.append(
            Command(
                name=name,
                scope=scope,
                level=level,
                origin=path,
                plugin=plugin,
                namespace=parents,
                description=frontmatter.as_text(meta.get("description")),
                argument_hint=frontmatter.as_text(meta.get("argument-hint")),
                allowed_tools=frontmatter.as_list(meta.get("allowed-tools")),
                model=frontmatter.as_text(meta.get("model")),
                frontmatter=meta,
                body=body,
            )
        )
