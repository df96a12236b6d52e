"""Instructions: ``AGENTS.md``, rendered by the core's shared renderer.

The project's ``AGENTS.md`` is the same managed block the Codex adapter writes, byte for byte,
so both targets share one write. The user's rules go to ``$XDG_CONFIG_HOME/opencode/AGENTS.md``
(which OpenCode then reads instead of ``~/.claude/CLAUDE.md``). ``@imports`` are inlined:
OpenCode does not expand them.
"""

from __future__ import annotations

from hsync_core import Context, Sources, render_instructions

from .collect import Collected
from .paths import Place

FILENAME = "AGENTS.md"


def render(sources: Sources, ctx: Context, place: Place, out: Collected, *, target: str) -> None:
    rendered = render_instructions(
        sources, ctx, level=place.level, root=place.root, filename=FILENAME, target=target
    )
    out.extend(rendered)
