"""Markdown documents with YAML front matter, written the same way by every adapter: keys in
the order given, Unicode kept, no line wrapping, the body ending with a newline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import Context


def dump_front_matter(meta: dict[str, Any]) -> str:
    """``meta`` as the YAML between the ``---`` lines (libyaml when PyYAML has it)."""
    import yaml  # only when a document is written: start-up stays free of PyYAML

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(
        meta, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6
    )


def markdown_document(meta: dict[str, Any], body: str) -> str:
    """``meta`` as front matter, then ``body`` (ending with a newline). With no ``meta`` the body
    alone, unless it starts with ``---`` (which would read as front matter)."""
    if body and not body.endswith("\n"):
        body += "\n"
    if not meta and not body.startswith("---"):
        return body
    return "---\n" + (dump_front_matter(meta) if meta else "") + "---\n" + body


def display_origin(path: Path | None, ctx: Context) -> str:
    """A source file named for people: ``~/.claude/…`` or project-relative, never a temp path."""
    if path is None:
        return "(unknown)"
    for base, prefix in ((ctx.project, ""), (ctx.home, "~/")):
        if base is None:
            continue
        try:
            return prefix + path.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()
