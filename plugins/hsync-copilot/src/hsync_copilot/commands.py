"""Commands Copilot does not see → skills ``<skills dir>/<name>/SKILL.md``, written by the core's
:mod:`command_skills` (as for Codex): ``$ARGUMENTS``, ``$1``, ``!`cmd``` and ``@file`` become plain
instructions.

Copilot reads the project's top-level ``.claude/commands/*.md`` itself (as skills), but not
``~/.claude/commands``, a command in a subfolder (``.claude/commands/db/migrate.md``) or a plugin's
commands: those are written.
"""

from __future__ import annotations

from hsync_core import Command, Context, FileOutput, Output, ReportEntry, command_skills, display_origin

from .names import Names, by_precedence
from .paths import HARNESS, Place


def render_commands(
    commands: list[Command], place: Place, names: Names, ctx: Context
) -> tuple[list[Output], list[ReportEntry]]:
    outputs: list[Output] = []
    report: list[ReportEntry] = []
    for command in by_precedence(commands):
        path = place.skills / command.name / "SKILL.md"
        taken = names.claim(command, command.name, place.show(place.skills), path=path)
        if taken is not None:
            report.append(taken)
            continue
        converted = command_skills.convert(command.body, command.argument_hint)
        invocation = (
            f"This skill is the Claude Code command `/{command.path_name}`: "
            f"use it when the user asks for `/{command.name}`."
        )
        content = command_skills.skill_text(
            command, converted, display_origin(command.origin, ctx), invocation=invocation
        )
        outputs.append(FileOutput.for_item(command, path=path, root=place.root, content=content))
        report.extend(command_skills.conversion_report(command, converted, HARNESS))
    return outputs, report
