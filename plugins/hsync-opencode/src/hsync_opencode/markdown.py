"""Markdown files with YAML front matter, the way OpenCode reads agents and commands.

The front matter is written by the core's ``markdown_document`` (PyYAML), so a description with a colon, a quote or a newline
still parses: OpenCode silently takes a file whose front matter does not parse as all body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from hsync_core import FileOutput, by_precedence, markdown_document

from .collect import Collected
from .paths import Place

PROVIDER_MODEL = re.compile(r"^[^/#\s]+/[^#\s]+$")


def is_provider_model(model: str) -> bool:
    """OpenCode models are ``provider/model`` (``anthropic/claude-sonnet-4-5``); anything else breaks."""
    return bool(PROVIDER_MODEL.match(model))


Note = tuple[str, str, str]  # (reason, action, field)


def render_documents(
    items: Iterable[Any],
    directory: Path,
    place: Place,
    out: Collected,
    *,
    what: str,
    name_of: Callable[[Any], tuple[str, str | None]],
    convert: Callable[[Any, str], tuple[dict[str, Any], list[Note]]],
) -> None:
    """One Markdown file per item (agents, commands): ``<directory>/<name>.md``.

    ``name_of`` gives the OpenCode name or why there is none; ``convert`` the front matter and
    what could not be carried over. Two items wanting one file: the first keeps it.
    """
    names = out.names(str(directory))
    for item in by_precedence(items):
        name, problem = name_of(item)
        if problem:
            out.note(item, problem)
            continue
        path = directory / f"{name}.md"
        taken = names.claim(item, name, place.show(directory), path=path)
        if taken is not None:
            out.report.append(taken)
            continue
        meta, notes = convert(item, name)
        for reason, action, field in notes:
            out.note(item, reason, action=action, field=field, path=path)
        out.add(
            FileOutput(
                path=path,
                root=place.root,
                level=place.level,
                kind=item.kind,
                item=name,
                scope=item.scope,
                content=markdown_document(meta, item.body),
            )
        )
