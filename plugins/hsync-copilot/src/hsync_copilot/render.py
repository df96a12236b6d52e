"""Everything the Copilot target wants, level by level, minus what Copilot reads by itself."""

from __future__ import annotations

from hsync_core import Context, Item, Output, Rendered, ReportEntry, Sources

from .agents import render_agents
from .commands import render_commands
from .hooks import render_hooks
from .marketplaces import render_marketplaces
from .mcp import render_mcp
from .names import Names
from .paths import HARNESS, Place, copilot_home, is_trusted, places
from .rules import agents_md_warning, render_rules
from .skills import render_skills


def render(sources: Sources, ctx: Context) -> Rendered:
    remaining, native = sources, list(sources.native)  # the core took out what Copilot reads itself
    report: list[ReportEntry] = []
    outputs: list[Output] = []
    for place in places(ctx):
        level = place.level
        skill_names = Names()  # skills and commands share the skills directory; skills go first
        for found, problems in (
            render_rules(remaining, ctx, place),
            render_skills(remaining.of("skills", level=level), place, skill_names),
            render_commands(remaining.of("commands", level=level), place, skill_names, ctx),
            render_agents(remaining.of("agents", level=level), place, ctx),
            render_mcp(remaining.of("mcp", level=level), place, ctx),
            render_hooks(remaining.of("hooks", level=level), place, ctx),
            render_marketplaces(remaining.of("plugins", level=level), place),
        ):
            outputs += found
            report += problems
        if level == "project":
            report += _trust_warning(ctx, place, native, outputs)
    report += agents_md_warning(ctx, native)
    return Rendered(outputs=outputs, report=report)


def _trust_warning(
    ctx: Context, place: Place, native: list[Item], outputs: list[Output]
) -> list[ReportEntry]:
    """Copilot loads a project's MCP servers and hooks only in a folder the user trusts; say so once."""
    needs = [i.kind for i in native if i.kind == "mcp"]
    needs += [o.kind for o in outputs if o.level == "project" and o.kind in ("mcp", "hooks")]
    if not needs or is_trusted(ctx, place.root):
        return []
    what = " and ".join(dict.fromkeys("MCP servers" if k == "mcp" else "hooks" for k in needs))
    return [
        ReportEntry(
            kind=needs[0],
            name="project trust",
            scope="project",
            action="warning",
            path=copilot_home(ctx) / "config.json",
            reason=(
                f"{HARNESS} loads this project's {what} only in a trusted folder, and "
                "$COPILOT_HOME/config.json does not list it in trustedFolders: trust the folder when "
                "Copilot asks (hsync never edits config.json)"
            ),
        )
    ]
