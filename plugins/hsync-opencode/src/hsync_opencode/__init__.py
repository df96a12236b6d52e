"""hsync adapter for OpenCode: writes a Claude Code setup in OpenCode's formats.

The entry point ``hsync: opencode`` names this module; it holds only the two hooks. Rendering
is split by kind: :mod:`.rules`, :mod:`.skills`, :mod:`.agents`, :mod:`.commands`, :mod:`.mcp`,
:mod:`.settings`; :mod:`.paths` says where OpenCode keeps its files.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hsync_core import Context, HarnessEntry, Rendered, Sources, TargetInfo, hookimpl

from .paths import CONFIG_NAMES, config_dir, places

NAME = "opencode"
KINDS = ("rules", "skills", "agents", "commands", "mcp", "settings")


@hookimpl
def register_targets() -> list[TargetInfo]:
    return [
        TargetInfo(
            name=NAME,
            description="OpenCode: AGENTS.md, agents, commands, plugin skills, mcp and permission in opencode.json",
            kinds=KINDS,
            reads_back=("mcp", "rules"),
            nested=("rules", "skills"),  # AGENTS.md and .claude/skills found walking up from the cwd
            locations={
                "user": "$XDG_CONFIG_HOME/opencode (default ~/.config/opencode)",
                "project": "AGENTS.md, opencode.json, .opencode/",
            },
        )
    ]


@hookimpl
def render_target(target: str, sources: Sources, ctx: Context) -> Rendered | None:
    if target != NAME:
        return None
    from . import (  # on use: loading the adapter imports no renderer
        agents,
        commands,
        mcp,
        rules,
        settings,
        skills,
    )
    from .collect import Collected

    out = Collected()
    for place in places(ctx):
        rules.render(sources, ctx, place, out, target=NAME)
        skills.render(sources, ctx, place, out)
        agents.render(sources, place, out)
        commands.render(sources, place, out)
        mcp.render(sources, ctx, place, out)
        settings.render(sources, ctx, place, out)
    settings.report_hooks(sources, out)
    return out.rendered()


@hookimpl
def render_inputs(target: str, ctx: Context) -> list[Path] | None:
    """What the render reads besides the items: which config file exists, and its servers."""
    if target != "opencode":
        return None
    directories = [config_dir(ctx)] + ([ctx.project] if ctx.project is not None else [])
    return [directory / name for directory in directories for name in CONFIG_NAMES]


@hookimpl
def read_target(target: str, ctx: Context) -> Iterable[HarnessEntry] | None:
    if target != NAME:
        return None
    from .readback import read_back

    return list(read_back(ctx))
