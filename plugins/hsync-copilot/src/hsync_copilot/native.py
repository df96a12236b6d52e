"""What Copilot CLI reads from a Claude Code setup by itself, declared as data for the core.

The rows go into ``TargetInfo.reads_natively``: the core takes matching items out before
rendering (they arrive in ``sources.native``) and reports each one as ``read natively by Copilot``
(counted as in sync). The README's "Checked against the real copilot" section says how each row
was seen.
"""

from __future__ import annotations

from hsync_core import Command, Context, Item, NativeSource, in_project

_project_rules = in_project("CLAUDE.md", ".claude/rules")


def _top_level_command(item: Item, ctx: Context) -> bool:
    return isinstance(item, Command) and not item.namespace and in_project(".claude/commands")(item, ctx)


#: what Copilot CLI 1.0.102 was seen to read from a Claude Code setup (README: "Checked against …")
COPILOT: tuple[NativeSource, ...] = (
    NativeSource(
        kind="rules", scopes=("project",), where="CLAUDE.md and .claude/rules", accepts=_project_rules
    ),
    NativeSource(
        kind="skills", scopes=("project",), where=".claude/skills", accepts=in_project(".claude/skills")
    ),
    NativeSource(
        kind="commands",
        scopes=("project",),
        where=".claude/commands (top level, as skills)",
        accepts=_top_level_command,
    ),
    NativeSource(
        kind="agents", scopes=("project",), where=".claude/agents", accepts=in_project(".claude/agents")
    ),
    NativeSource(kind="mcp", scopes=("project",), where=".mcp.json"),
)
