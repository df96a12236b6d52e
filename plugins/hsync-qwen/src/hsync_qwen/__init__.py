"""hsync adapter for Qwen Code: the ``qwen`` target.

Writes, per level (``~/.qwen`` for the user, the project's ``QWEN.md`` and ``.qwen/``): rules as
managed blocks of ``QWEN.md`` / ``QWEN.local.md`` and path-scoped rules in ``rules/``, skills as
links in ``skills/``, agents in ``agents/``, commands as Markdown in ``commands/``, user and
personal MCP servers, hooks and permissions as entries of ``settings.json``. What Qwen reads by
itself (the project's ``.mcp.json``) is reported, not written. See the package README.
"""

from __future__ import annotations

from hsync_core import KINDS, Context, Rendered, Sources, TargetInfo, hookimpl

from .mcp import NATIVE
from .render import render

NAME = "qwen"


@hookimpl
def register_targets() -> list[TargetInfo]:
    return [
        TargetInfo(
            name=NAME,
            description="Qwen Code (QWEN.md, .qwen/ rules, agents, commands, skills, settings.json)",
            kinds=KINDS,
            locations={"user": "~/.qwen (or $QWEN_HOME)", "project": "QWEN.md, .qwen/"},
            reads_natively=(NATIVE,),
            harness="Qwen Code",
        )
    ]


@hookimpl
def render_target(target: str, sources: Sources, ctx: Context) -> Rendered | None:
    if target != NAME:
        return None
    return render(sources, ctx)
