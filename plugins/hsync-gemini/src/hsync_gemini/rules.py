"""Rules → ``GEMINI.md`` managed blocks (``~/.gemini/GEMINI.md``, ``<project>/GEMINI.md``).

The text comes from the core's shared renderer: ``@imports`` are already inlined, path-scoped rules
go to a nested ``GEMINI.md`` in the directory their globs name (or under a heading). Gemini reads
``@word`` in ``GEMINI.md`` as an import of a file (text outside backticks, after a space or at the
start of a line); an ``@`` left in the text (``ask @alice``) is reported because Gemini replaces
it with an "Import failed" comment when no such file exists. With ``instructions = "reference"``
the project's ``GEMINI.md`` imports the Claude Code files instead (``@CLAUDE.md``), which Gemini
0.61 expands when it loads the file.
"""

from __future__ import annotations

import re

from hsync_core import MarkdownBlock, ReportEntry, Sources, render_instructions

from .batch import Batch
from .paths import INSTRUCTIONS, Place

TARGET = "gemini"
_CODE = re.compile(r"(`+)[\s\S]*?\1")
_AT = re.compile(r"(?:^|(?<=[ \t\r\n]))@([./A-Za-z][^ \t\r\n]*)")


def gemini_imports(text: str) -> list[str]:
    """The ``@path`` tokens Gemini's import processor would try to load from ``text``."""
    masked = _CODE.sub(lambda m: " " * len(m.group(0)), text)
    return [m.group(1) for m in _AT.finditer(masked)]


def render(sources: Sources, place: Place, batch: Batch) -> None:
    rendered = render_instructions(
        sources,
        batch.ctx,
        level=place.level,
        root=place.instructions_root,
        filename=INSTRUCTIONS,
        target=TARGET,
        imports=True,  # with instructions = "reference": @CLAUDE.md, which Gemini expands
    )
    pointers = place.level == "project" and batch.ctx.config.instructions_for(TARGET) == "reference"
    batch.report.extend(rendered.report)
    for output in rendered.outputs:
        batch.add(output)
        if not isinstance(output, MarkdownBlock) or pointers:  # its @file lines are meant
            continue
        for token in gemini_imports(output.content):
            batch.report.append(
                ReportEntry(
                    kind="rules",
                    name=output.item,
                    action="warning",
                    path=output.path,
                    reason=f"Gemini reads '@{token}' as an import of a file; write it as `@{token}` "
                    "(in backticks) if it is not one",
                )
            )
