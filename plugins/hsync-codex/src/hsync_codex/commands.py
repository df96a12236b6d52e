"""Commands → skills (``<skills dir>/<name>/SKILL.md``): Codex (0.169, 0.171) has no custom prompts.

Codex passes a skill no arguments and runs nothing before it reads it, so Claude's placeholders
become plain instructions (FORMATS.md §6.3), as the core's :mod:`command_skills` writes them. A
command named like a skill synced to the same directory is skipped: the skill wins.
"""

from __future__ import annotations

from hsync_core import Command, Context, FileOutput, Output, ReportEntry, command_skills, display_origin

from .names import Names, by_precedence
from .paths import Place
from .skills import MAX_NAME


def render_commands(
    commands: list[Command], place: Place, names: Names, ctx: Context
) -> tuple[list[Output], list[ReportEntry]]:
    outputs: list[Output] = []
    report: list[ReportEntry] = []
    for command in by_precedence(commands):
        path = place.skills / command.name / "SKILL.md"
        if len(command.name) > MAX_NAME:
            reason = f"its name is {len(command.name)} characters long; Codex allows skill names of at most {MAX_NAME}"
            report.append(ReportEntry.for_item(command, reason))
            continue
        taken = names.claim(command, command.name, place.show(place.skills), path=path)
        if taken is not None:
            report.append(taken)
            continue
        converted = command_skills.convert(command.body, command.argument_hint)
        outputs.append(
            FileOutput.for_item(
                command,
                path=path,
                root=place.root,
                content=command_skills.skill_text(
                    command, converted, display_origin(command.origin, ctx), invocation=_invocation(command)
                ),
            )
        )
        report.extend(command_skills.conversion_report(command, converted, "Codex"))
    return outputs, report


def _invocation(command: Command) -> str:
    name = command.name
    return f"This skill is the command `/{name}`: use it when the user asks for `/{name}` or `${name}`."
