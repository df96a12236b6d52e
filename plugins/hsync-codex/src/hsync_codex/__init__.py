"""hsync adapter for the OpenAI Codex CLI (target ``codex``).

The hook implementations the entry point ``hsync: codex`` names; the rendering is in
:mod:`hsync_codex.render` and one module per kind. The README lists what is written where.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hsync_core import Context, HarnessEntry, Rendered, Sources, TargetInfo, hookimpl

from .paths import TARGET

__all__ = ["read_target", "register_targets", "render_inputs", "render_target"]

from .paths import codex_home, places


@hookimpl
def register_targets() -> list[TargetInfo]:
    return [
        TargetInfo(
            name=TARGET,
            description="OpenAI Codex CLI: AGENTS.md, skills, agent roles, config.toml and hooks.json",
            kinds=("rules", "skills", "agents", "commands", "mcp", "settings", "hooks", "plugins"),
            locations={"user": "$CODEX_HOME (default ~/.codex)", "project": "AGENTS.md, .codex/"},
            reads_back=("mcp", "rules"),
            nested=("rules", "skills"),  # nested AGENTS.md; <folder>/.codex/skills (0.169, 0.171)
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
    """What the render reads besides the items: Codex's config files (trust, size limit, servers
    the user wrote, hooks approved), each level's ``hooks.json`` (where its hooks are, so that they
    keep their places) and each level's ``AGENTS.md`` and ``AGENTS.override.md``."""
    if target != TARGET:
        return None
    found = [codex_home(ctx) / "config.toml"]
    for place in places(ctx):
        found += [place.config, place.hooks, place.root / "AGENTS.md", place.root / "AGENTS.override.md"]
    return found


@hookimpl
def read_target(target: str, ctx: Context) -> Iterable[HarnessEntry] | None:
    if target != TARGET:
        return None
    from .readback import read_back

    return list(read_back(ctx))
