"""Markdown documents with YAML front matter, written the same way by every adapter: keys in
the order given, Unicode kept, no line wrapping, the body ending with a newline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import Context


#: a text PyYAML writes as a plain scalar, unquoted (ASCII, no ``:``/``#``, no edge spaces)
_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9_.,;()/+@!?*&%$'\"=<>~\[\]{}|`^-]| (?! |$))*")
#: words YAML would read as booleans or null: always quoted
_RESERVED = frozenset(
    [
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "null",
        "Null",
        "NULL",
    ]
)


def _plain(value: object) -> str | None:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and len(value) < 10_000 and value not in _RESERVED and _PLAIN.fullmatch(value):
        return value
    return None


def _simple_dump(meta: dict[str, Any]) -> str | None:
    """What PyYAML writes for a mapping of plain words, lists and mappings of them; None for anything
    else (then PyYAML writes it). Most front matter is this simple, and PyYAML's representer
    costs about a millisecond a document."""
    if not meta:
        return None
    lines = []
    for key, value in meta.items():
        name = _plain(key) if isinstance(key, str) else None
        if name is None:
            return None
        if isinstance(value, dict):  # one level of plain words: ``permission: {edit: deny}``
            pairs = [(_plain(k) if isinstance(k, str) else None, _plain(v)) for k, v in value.items()]
            if not pairs or any(k is None or v is None for k, v in pairs):
                return None
            lines.append(f"{name}:\n" + "".join(f"  {k}: {v}\n" for k, v in pairs))
            continue
        if isinstance(value, list):
            items = [_plain(v) for v in value]
            if not items or any(i is None for i in items):
                return None
            lines.append(f"{name}:\n" + "".join(f"- {i}\n" for i in items))
            continue
        text = _plain(value)
        if text is None:
            return None
        lines.append(f"{name}: {text}\n")
    return "".join(lines)


def dump_front_matter(meta: dict[str, Any]) -> str:
    """``meta`` as the YAML between the ``---`` lines, exactly as PyYAML writes it (keys in the
    given order, Unicode kept, no wrapping); simple mappings are written without PyYAML."""
    simple = _simple_dump(meta)
    if simple is not None:
        return simple
    import yaml  # only when a document needs it: start-up stays free of PyYAML

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
