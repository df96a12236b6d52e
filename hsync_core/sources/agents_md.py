"""Whether Claude Code itself loads the project's ``AGENTS.md``, the file hsync writes for Codex,
OpenCode and Kilo: then Claude sees the user's rules twice, and hsync says so once.

Claude Code reads ``AGENTS.md`` through its built-in ``agents-md`` plugin, option
``instructionFiles``, read from ``pluginConfigs["agents-md@…"].options`` in the *user* settings
(not project settings): ``claude-md-or-agents-md`` (the default: only where a project has no
``CLAUDE.md``), ``claude-md``, ``managed-only``, or ``claude-md-and-agents-md`` (always, beside
``CLAUDE.md``). Only the last one loads both. The way out on hsync's side is
``instructions = "reference"`` (:mod:`hsync_core.rendering.pointers`): said in the warning, and
no warning once every target that writes ``AGENTS.md`` has it.
"""

from __future__ import annotations

from typing import Any

from ..models import ReportEntry
from .reading import Read

PLUGIN_NAMES = frozenset({"agents-md", "cc-plugin-agents-md"})
BOTH = "claude-md-and-agents-md"
#: the targets of this repository that write the project's AGENTS.md
AGENTS_MD_WRITERS = ("codex", "opencode", "kilo")


def instruction_files(layers: list[tuple[str, dict[str, Any]]]) -> str | None:
    """The ``instructionFiles`` option the user settings give the agents-md plugin, if any."""
    for scope, layer in layers:
        configs = layer.get("pluginConfigs")
        if scope != "user" or not isinstance(configs, dict):
            continue
        for key, value in configs.items():
            if str(key).split("@", 1)[0] in PLUGIN_NAMES and isinstance(value, dict):
                options = value.get("options")
                if isinstance(options, dict) and isinstance(options.get("instructionFiles"), str):
                    return options["instructionFiles"]
    return None


def report_agents_md_read_twice(r: Read, layers: list[tuple[str, dict[str, Any]]]) -> None:
    """One ``info`` line when Claude Code loads the AGENTS.md hsync writes beside CLAUDE.md."""
    if r.project is None or instruction_files(layers) != BOTH:
        return
    if all(r.ctx.config.instructions_for(t) == "reference" for t in AGENTS_MD_WRITERS):
        return  # AGENTS.md only points to CLAUDE.md: nothing reaches Claude twice
    reason = (
        f"Claude Code loads the project's AGENTS.md beside CLAUDE.md (agents-md instructionFiles {BOTH} "
        "in ~/.claude/settings.json), so the rules hsync copies into AGENTS.md for other harnesses reach "
        "Claude twice: set instructionFiles to claude-md-or-agents-md (the default) or claude-md, or let "
        'AGENTS.md point to CLAUDE.md instead of copying it (instructions = "reference" in hsync\'s '
        "config.toml, at the top or under [targets.codex], [targets.opencode], [targets.kilo] alike)"
    )
    r.report.append(
        ReportEntry(
            kind="rules",
            name="AGENTS.md",
            scope="user",
            reason=reason,
            action="info",
            path=r.claude / "settings.json",
        )
    )
