"""Everything the Codex target wants, level by level (user, then project)."""

from __future__ import annotations

from hsync_core import Context, Output, Rendered, ReportEntry, Sources

from .agents import render_agents
from .commands import render_commands
from .execrules import render_exec_rules
from .hooks import render_hooks
from .marketplaces import render_marketplaces
from .mcp import render_mcp
from .mcprules import McpRules
from .names import Names
from .paths import Place, codex_home, places, project_doc_max_bytes, read_toml, trust_level
from .rules import render_rules
from .settings import render_settings
from .skills import render_skills


def render(sources: Sources, ctx: Context) -> Rendered:
    user_config = read_toml(codex_home(ctx) / "config.toml")
    outputs: list[Output] = []
    report: list[ReportEntry] = []
    mcp_rules = McpRules(sources.of("settings"))
    for place in places(ctx):
        if not ctx.wants_level(place.level):
            continue
        level = place.level
        configs = [user_config] if level == "user" else [user_config, read_toml(place.config)]
        rules = render_rules(sources, ctx, place, project_doc_max_bytes(*configs))
        outputs += rules.outputs
        report += rules.report
        skill_names = Names()  # skills and commands share the skills directory; skills go first
        skills = sources.of("skills", level=level)
        for found, problems in (
            render_skills([s for s in skills if not s.folder], place, skill_names),
            *_nested_skills(skills, place),
            render_commands(sources.of("commands", level=level), place, skill_names, ctx),
            render_agents(sources.of("agents", level=level), place, Names(), ctx),
            render_mcp(sources.of("mcp", level=level), place, Names(), ctx, mcp_rules),
            render_settings(sources.of("settings", level=level), place, ctx),
            render_exec_rules(sources.of("settings", level=level), place, ctx),
            render_hooks(sources.of("hooks", level=level), place, ctx, configs),
            render_marketplaces(sources.of("plugins", level=level), place),
        ):
            outputs += found
            report += problems
        if level == "project":
            report += _trust_warnings(place, outputs, user_config)
    report += mcp_rules.unused(ctx)
    return Rendered(outputs=outputs, report=report)


def _nested_skills(skills: list, place: Place) -> list[tuple[list[Output], list[ReportEntry]]]:
    """Skills of a project subfolder's ``.claude/skills`` → ``<folder>/.codex/skills``: Codex lists
    the ``.codex/skills`` (and ``.agents/skills``) of every folder from the repository's root down
    to its working directory (checked with ``skills/list`` in 0.169 and 0.171)."""
    folders = sorted({s.folder for s in skills if s.folder})
    return [
        render_skills([s for s in skills if s.folder == folder], place.nested(folder), Names())
        for folder in folders
    ]


def _trust_warnings(place: Place, outputs: list[Output], user_config: dict) -> list[ReportEntry]:
    """Codex reads a project's ``.codex/config.toml`` and ``.codex/agents`` only when it trusts it."""
    trust = trust_level(user_config, place.root)
    if trust == "trusted":
        return []
    state = "marks it untrusted" if trust else "does not mark it trusted"
    report = []
    places = (
        (place.config, ("mcp", "settings")),
        (place.agents, ("agents",)),
        (place.hooks, ("hooks",)),
        (place.rules, ("settings",)),
    )
    for where, kinds in places:
        mine = [o for o in outputs if o.level == "project" and (o.path == where or where in o.path.parents)]
        written = [k for k in kinds if any(o.kind == k for o in mine)]
        if not written:
            continue
        report.append(
            ReportEntry(
                kind=written[0],
                name=place.show(where),
                scope="project",
                action="warning",
                path=where,
                reason=(
                    f"Codex reads {place.show(where)} only in a trusted project, and $CODEX_HOME/config.toml "
                    f'{state}: trust the project when Codex asks, or add [projects."{place.root}"] '
                    'trust_level = "trusted" (hsync never adds trust itself)'
                ),
            )
        )
    return report
