"""Markdown documents with YAML front matter, written the same way by every adapter: keys in
the order given, Unicode kept, no line wrapping, the body ending with a newline."""

from __future__ import annotations

from typing import Any

import yaml


def dump_front_matter(meta: dict[str, Any]) -> str:
    """``meta`` as the YAML between the ``---`` lines (libyaml when PyYAML has it)."""
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
