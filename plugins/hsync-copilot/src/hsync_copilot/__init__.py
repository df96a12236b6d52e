"""hsync adapter for GitHub Copilot CLI (target ``copilot``).

The hook implementations the entry point ``hsync: copilot`` names; the rendering is in
:mod:`hsync_copilot.render` and one module per kind. What Copilot already reads from a Claude Code
setup is declared in :mod:`hsync_copilot.native` (``reads_natively``): the core reports it and
never hands it to the renderers. The README lists
what is written where.
"""

from __future__ import annotations

from pathlib import Path

from hsync_core import Context, Rendered, Sources, TargetInfo, hookimpl

from .native import COPILOT
from .paths import HARNESS, TARGET

__all__ = ["register_targets", "render_inputs", "render_target"]

from .paths import copilot_home


@hookimpl
def register_targets() -> list[TargetInfo]:
    return [
        TargetInfo(
            name=TARGET,
            description="GitHub Copilot CLI: instructions, skills, agents, mcp-config.json and hooks",
            kinds=("rules", "skills", "agents", "commands", "mcp", "hooks", "plugins"),
            locations={"user": "$COPILOT_HOME (default ~/.copilot)", "project": ".github/"},
            reads_natively=COPILOT,
            harness=HARNESS,
        )
    ]


@hookimpl
def render_target(target: str, sources: Sources, ctx: Context) -> Rendered | None:
    if target != TARGET:
        return None
    from .render import render  # on use: loading the adapter imports no renderer

    return render(sources, ctx)


@hookimpl
def render_inputs(target: str, ctx: Context) -> list[Path] | None:
    """What the render reads besides the items: Copilot's ``config.json`` (trusted folders) and
    the project's ``.mcp.json`` and ``AGENTS.md``."""
    if target != TARGET:
        return None
    found = [copilot_home(ctx) / "config.json"]
    if ctx.project is not None:
        found += [ctx.project / ".mcp.json", ctx.project / "AGENTS.md"]
    return found
