"""hsync adapter for the OpenAI Codex CLI (target ``codex``).

The hook implementations the entry point ``hsync: codex`` names; the rendering is in
:mod:`hsync_codex.render` and one module per kind. The README lists what is written where.
"""

from __future__ import annotations

from collections.abc import Iterable

from hsync_core import Context, HarnessEntry, Rendered, Sources, TargetInfo, hookimpl

from .paths import TARGET
from .readback import read_back
from .render import render

__all__ = ["read_target", "register_targets", "render_target"]


@hookimpl
def register_targets() -> list[TargetInfo]:
    return [
        TargetInfo(
            name=TARGET,
            description="OpenAI Codex CLI: AGENTS.md, skills, agent roles and config.toml",
            kinds=("rules", "skills", "agents", "commands", "mcp", "settings"),
            locations={"user": "$CODEX_HOME (default ~/.codex)", "project": "AGENTS.md, .codex/"},
            reads_back=("mcp", "rules"),
        )
    ]


@hookimpl
def render_target(target: str, sources: Sources, ctx: Context) -> Rendered | None:
    if target != TARGET:
        return None
    return render(sources, ctx)


@hookimpl
def read_target(target: str, ctx: Context) -> Iterable[HarnessEntry] | None:
    if target != TARGET:
        return None
    return list(read_back(ctx))
