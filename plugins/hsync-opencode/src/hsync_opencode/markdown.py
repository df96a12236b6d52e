"""Markdown files with YAML front matter, the way OpenCode reads agents and commands.

The front matter is written with PyYAML, so a description with a colon, a quote or a newline
still parses: OpenCode silently takes a file whose front matter does not parse as all body.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

PROVIDER_MODEL = re.compile(r"^[^/#\s]+/[^#\s]+$")


def front_matter(meta: dict[str, Any]) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when PyYAML has it
    return yaml.dump(
        meta, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6
    )


def document(meta: dict[str, Any], body: str) -> str:
    """``meta`` as front matter, then ``body`` (ending with a newline)."""
    if body and not body.endswith("\n"):
        body += "\n"
    if not meta and not body.startswith("---"):
        return body
    return "---\n" + (front_matter(meta) if meta else "") + "---\n" + body


def is_provider_model(model: str) -> bool:
    """OpenCode models are ``provider/model`` (``anthropic/claude-sonnet-4-5``); anything else breaks."""
    return bool(PROVIDER_MODEL.match(model))
