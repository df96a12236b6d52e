"""One render of the ``qwen`` target: every kind, for every level this run syncs."""

from __future__ import annotations

from hsync_core import Context, Rendered, Sources
from hsync_gemini.batch import Batch

from . import agents, commands, hooks, mcp, permissions, rules, skills
from .paths import place

#: per kind, the module that renders it (``settings`` and ``hooks`` are opt-in kinds of the core)
RENDERERS = {
    "rules": rules.render,
    "skills": skills.render,
    "agents": agents.render,
    "commands": commands.render,
    "mcp": mcp.render,
    "settings": permissions.render,
    "hooks": hooks.render,
}


def render(sources: Sources, ctx: Context) -> Rendered:
    batch = Batch(ctx)
    for level in ("user", "project"):
        where = place(ctx, level)
        if where is None or not ctx.wants_level(level):
            continue
        for render_kind in RENDERERS.values():
            render_kind(sources, where, batch)
    return Rendered(outputs=batch.outputs, report=batch.report)
