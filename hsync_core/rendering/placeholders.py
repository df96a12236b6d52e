"""Where a command's text holds placeholders (``$ARGUMENTS``, ``$1``, ``@file``, `` !`cmd` ``)
and where it holds code: ``outside_code`` applies a rewrite only to the prose of a Markdown text,
never inside fenced blocks or inline code spans. Each adapter supplies its harness's rewrite.

``POSITIONAL`` is the one rule for ``$1``…``$9``: a single digit not followed by another digit
or by ``,``/``.`` and a digit, so amounts (``$10``, ``$5,000``, ``$1.50``) are never
placeholders; :func:`placeholder_positions` lists those of a text's prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: ``$1``…``$9`` as placeholders; ``$10``, ``$5,000`` and ``$1.50`` are amounts
POSITIONAL = re.compile(r"(?<![\w$\\])\$([1-9])(?!\d|[.,]\d)")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?(?<!`)\1(?!`)")


def outside_code(
    text: str, change: Callable[[str], str], *, line_change: Callable[[str], str] | None = None
) -> str:
    """``text`` with ``change`` applied to each piece of prose: every line outside fenced code
    blocks, split around inline code spans (which stay as they are). ``line_change``, when given,
    is applied first to each whole prose line, for syntax that itself looks like an inline code
    span (Claude's `` !`command` ``)."""
    lines = []
    fence = ""
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
        elif opening:
            fence = opening.group(1)
        else:
            if line_change is not None:
                line = line_change(line)
            line = outside_code_spans(line, change)
        lines.append(line)
    return "\n".join(lines)


def outside_code_spans(line: str, change: Callable[[str], str]) -> str:
    """``line`` with ``change`` applied to the text outside its inline code spans."""
    parts, last = [], 0
    for span in _CODE_SPAN.finditer(line):
        parts += [change(line[last : span.start()]), span.group(0)]
        last = span.end()
    return "".join([*parts, change(line[last:])])


def placeholder_positions(text: str) -> list[int]:
    """The positional placeholders (``$1``…``$9``) of ``text``'s prose, sorted, each once."""
    found: set[int] = set()

    def collect(part: str) -> str:
        found.update(int(n) for n in POSITIONAL.findall(part))
        return part

    outside_code(text, collect)
    return sorted(found)
