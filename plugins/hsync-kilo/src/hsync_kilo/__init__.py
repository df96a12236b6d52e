"""hsync adapter for the Kilo Code CLI: writes a Claude Code setup in Kilo's formats.

Kilo is a fork of OpenCode, so this adapter renders with the OpenCode adapter's public
renderers (:mod:`hsync_opencode`) into Kilo's places (:mod:`.paths`: ``kilo.json``, ``.kilo/``,
``~/.config/kilo/``) and encodes where Kilo differs: :mod:`.rules` (first-match instruction
files), :mod:`.skills`, :mod:`.agents`, :mod:`.commands`, :mod:`.mcp` (no variables in project
config). Settings and hooks are OpenCode's, unchanged.
"""

from __future__ import annotations

from pathlib import Path

from hsync_core import Context, Rendered, Sources, TargetInfo, hookimpl

from .paths import CONFIG_NAMES, config_dir, places

NAME = "kilo"
KINDS = ("rules", "skills", "agents", "commands", "mcp", "settings")


@hookimpl
def register_targets() -> list[TargetInfo]:
    return [
        TargetInfo(
            name=NAME,
            description="Kilo Code CLI: AGENTS.md, agents, commands, plugin skills, mcp and permission in kilo.json",
            kinds=KINDS,
            locations={
                "user": "$XDG_CONFIG_HOME/kilo (default ~/.config/kilo)",
                "project": "AGENTS.md, kilo.json, .kilo/",
            },
        )
    ]


@hookimpl
def render_target(target: str, sources: Sources, ctx: Context) -> Rendered | None:
    if target != NAME:
        return None
    from hsync_opencode import settings  # on use: loading the adapter imports no renderer

    from . import agents, commands, mcp, rules, skills
    from .collect import KiloCollected

    out = KiloCollected()
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
    """What the render reads besides the items: which config file exists (and its servers), and
    whether each level has an ``AGENTS.md``."""
    if target != NAME:
        return None
    directories = [config_dir(ctx)]
    if ctx.project is not None:
        directories += [ctx.project, ctx.project / ".kilo"]
    found = [directory / name for directory in directories for name in CONFIG_NAMES]
    return found + [place.root / "AGENTS.md" for place in places(ctx)]
