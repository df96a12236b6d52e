"""The built-in Claude Code reader: a ``read_sources`` plugin of the core, and the order of a read.

Reads, for the user (``~/.claude``, ``~/.claude.json``) and the project (``CLAUDE.md``,
``.claude/``, ``.mcp.json``, ``CLAUDE.local.md``): rules with their ``@imports`` inlined, skills,
agents, commands, MCP servers, settings layers, hooks, and the commands, agents, skills, MCP
servers and hooks of enabled Claude Code plugins — one module per kind. A malformed whole file
(``.mcp.json``, ``settings.json``, ``~/.claude.json``) raises :class:`InvalidInput`; a broken
single item is skipped with a reason.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..models import Context, Item, ReportEntry
from .agents import read_agents
from .agents_md import report_agents_md_read_twice
from .commands import read_commands
from .mcp import read_mcp
from .nested import read_nested
from .plugins import read_plugins
from .reading import Read
from .rules import read_rules
from .settings import read_settings_layers
from .skills import read_skills
from .switched_off import apply_switched_off


def read_all(ctx: Context) -> list[Item | ReportEntry]:
    """Every item of the Claude Code setup of ``ctx.home`` and ``ctx.project``, then the report."""
    r = Read(ctx)
    read_rules(r)
    read_skills(r, r.claude / "skills", "user", "user")
    read_agents(r, r.claude / "agents", "user", "user")
    read_commands(r, r.claude / "commands", "user", "user")
    if r.project is not None:
        dot = r.project / ".claude"
        read_skills(r, dot / "skills", "project", "project")
        read_agents(r, dot / "agents", "project", "project")
        read_commands(r, dot / "commands", "project", "project")
        read_nested(r)  # CLAUDE.md and .claude/skills in project subfolders
    layers = read_settings_layers(r)
    read_mcp(r, layers)
    read_plugins(r, layers)
    apply_switched_off(r, layers)  # what Claude Code does not use is not carried
    report_agents_md_read_twice(r, layers)
    return [*r.items, *r.report]


@hookimpl
def read_sources(ctx: Context) -> list[Item | ReportEntry]:
    """Read the Claude Code configuration of ``ctx.home`` and ``ctx.project``."""
    return read_all(ctx)
