"""hsync adapter for Qwen Code: the ``qwen`` target.

Writes, per level (``~/.qwen`` for the user, the project's ``QWEN.md`` and ``.qwen/``): rules as
managed blocks of ``QWEN.md`` / ``QWEN.local.md`` and path-scoped rules in ``rules/``, skills as
links in ``skills/``, agents in ``agents/``, commands as Markdown in ``commands/``, user and
personal MCP servers, hooks and permissions as entries of ``settings.json``. What Qwen reads by
itself (the project's ``.mcp.json``) is reported, not written. See the package README.
"""

from __future__ import annotations

from pathlib import Path

from hsync_core import KINDS, Context, Rendered, Sources, TargetInfo, hookimpl

from .mcp import NATIVE
from .paths import place as qwen_place

NAME = "qwen"


@hookimpl
def register_targets() -> list[TargetInfo]:
    return [
        TargetInfo(
            name=NAME,
            description="Qwen Code (QWEN.md, .qwen/ rules, agents, commands, skills, settings.json)",
            kinds=tuple(k for k in KINDS if k != "plugins"),  # it installs no Claude Code plugins
            locations={"user": "~/.qwen (or $QWEN_HOME)", "project": "QWEN.md, .qwen/"},
            reads_natively=(NATIVE,),
            harness="Qwen Code",
            nested=("rules",),  # a QWEN.md in a subfolder, as Gemini
        )
    ]


@hookimpl
def render_target(target: str, sources: Sources, ctx: Context) -> Rendered | None:
    if target != NAME:
        return None
    from .render import render  # on use: loading the adapter imports no renderer

    return render(sources, ctx)


@hookimpl
def render_inputs(target: str, ctx: Context) -> list[Path] | None:
    """What the render reads besides the items: each level's ``AGENTS.md``."""
    if target != "qwen":
        return None
    found = (qwen_place(ctx, level) for level in ("user", "project") if ctx.wants_level(level))
    return [p.root / "AGENTS.md" for p in found if p is not None]
