"""Commands → skills (``<skills dir>/<name>/SKILL.md``): Codex 0.169 has no custom prompts.

Codex passes a skill no arguments and runs nothing before it reads it, so Claude's placeholders
become plain instructions (FORMATS.md §6.3):

- ``$ARGUMENTS`` → ``[the arguments]``, ``$1`` → ``[argument 1: type]`` (named after the
  ``argument-hint``), ``$ARGUMENTS[0]`` → ``[argument 1…]``; the skill explains what they are;
- ``!`cmd``` → ``[output of `cmd`]`` plus a step "run `cmd` first";
- ``@path`` → ``[contents of `path`]`` plus a step "read `path` first".

The description says it is a command and names its arguments. A command named like a skill
synced to the same directory is skipped: the skill wins.
"""

from __future__ import annotations

import json
import re

from attrs import frozen

from hsync_core import Command, Context, FileOutput, Output, ReportEntry, outside_code

from .names import Names, by_precedence, describe
from .paths import Place, display_origin
from .skills import MAX_NAME

MAX_DESCRIPTION = 1024
_ARGUMENTS = re.compile(r"\$ARGUMENTS(?:\[(\d+)\])?")
_POSITIONAL = re.compile(r"\$([1-9]\d*)")
_BANG = re.compile(r"!`([^`\n]+)`")
_FILE = re.compile(r"(?<![\w@`/\\])@((?:~/|/|\./|\.\./)?[\w.~-][\w./~+-]*)")
_BARE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null"}
_HINT = re.compile(r"\[([^\]]+)\]|<([^>]+)>|(\S+)")
#: front matter keys this module uses; every other one is reported as dropped
_USED = {"name", "description", "argument-hint"}


@frozen
class Conversion:
    """A command body as plain instructions, and what had to be rewritten."""

    text: str
    steps: tuple[str, ...]
    commands: tuple[str, ...]
    files: tuple[str, ...]
    whole_arguments: bool  # $ARGUMENTS itself appears
    positional: tuple[str, ...]


def hint_names(hint: str | None) -> list[str]:
    """``[type] [scope]`` → ``["type", "scope"]``; ``<staging|production>`` → one name."""
    return [next(g for g in m.groups() if g).strip() for m in _HINT.finditer(hint or "")]


def convert(body: str, hint: str | None) -> Conversion:
    names = hint_names(hint)
    positional: list[str] = []

    def argument(number: int) -> str:
        label = f"argument {number}"
        if number <= len(names):
            label += f": {names[number - 1]}"
        return f"[{label}]"

    whole = False

    def arguments(match: re.Match[str]) -> str:
        nonlocal whole
        if match.group(1) is None:
            whole = True
            return "[the arguments]"
        positional.append(match.group(0))
        return argument(int(match.group(1)) + 1)

    def position(match: re.Match[str]) -> str:
        positional.append(match.group(0))
        return argument(int(match.group(1)))

    text = _ARGUMENTS.sub(arguments, body)
    text = _POSITIONAL.sub(position, text)
    steps: dict[str, None] = {}
    commands: dict[str, None] = {}
    files: dict[str, None] = {}

    def bang(match: re.Match[str]) -> str:
        command = match.group(1).strip()
        commands[command] = None
        steps[f"Run `{command}` and read its output: it is [output of `{command}`] below."] = None
        return f"[output of `{command}`]"

    def file(match: re.Match[str]) -> str:
        token = match.group(1)
        path = token.rstrip(".,;:!?")
        if "/" not in path and "." not in path:
            return match.group(0)
        files[path] = None
        steps[f"Read `{path}` (from the working directory): it is [contents of `{path}`] below."] = None
        return f"[contents of `{path}`]" + token[len(path) :]

    text = outside_code(
        text, lambda part: _FILE.sub(file, part), line_change=lambda line: _BANG.sub(bang, line)
    )
    return Conversion(
        text=text,
        steps=tuple(steps),
        commands=tuple(commands),
        files=tuple(files),
        whole_arguments=whole,
        positional=tuple(dict.fromkeys(positional)),
    )


def description(command: Command) -> str:
    suffix = f" (the Claude Code command /{command.name}"
    if command.argument_hint:
        suffix += f"; arguments: {command.argument_hint}"
    suffix += ")"
    base = command.description or next(
        (line.lstrip("#").strip() for line in command.body.splitlines() if line.strip()),
        f"Run the /{command.name} command",
    )
    base = " ".join(base.split()).rstrip(".")
    room = MAX_DESCRIPTION - len(suffix)
    if len(base) > room:
        base = base[: room - 1].rstrip() + "…"
    return base + suffix


def _yaml_string(text: str) -> str:
    """``text`` as a YAML scalar: bare when that reads back as the same string, else quoted."""
    if _BARE.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def skill_text(command: Command, converted: Conversion, origin: str) -> str:
    name = command.name
    intro = [f"This skill is the command `/{name}`: use it when the user asks for `/{name}` or `${name}`."]
    if command.argument_hint:
        intro.append(f"It takes the arguments `{command.argument_hint}`.")
    if converted.whole_arguments:
        intro.append("The text the user gives with the command is [the arguments] below.")
    if converted.positional:
        intro.append(
            "Split the text the user gives with the command at spaces: [argument 1] is its first word, "
            "[argument 2] the second, and so on."
        )
    if not converted.whole_arguments and not converted.positional:
        intro.append("Take any text the user gives with the command as more instructions.")
    sections = [" ".join(intro)]
    if converted.steps:
        steps = "\n".join(f"{n}. {step}" for n, step in enumerate(converted.steps, start=1))
        sections.append("Before you start:\n\n" + steps)
    front = f"---\nname: {_yaml_string(name)}\n"
    front += f"description: {_yaml_string(description(command))}\n---\n"
    header = f"<!-- Generated by hsync from {origin}: edit that file and run `hsync sync`. -->\n"
    body = converted.text.strip("\n")
    return (
        front + header + f"\n# /{name}\n\n" + "\n\n".join(sections) + "\n\n## Instructions\n\n" + body + "\n"
    )


def _report(command: Command, converted: Conversion) -> list[ReportEntry]:
    report = []
    if converted.commands:
        shown = ", ".join(f"`{c}`" for c in converted.commands)
        report.append(
            ReportEntry.for_item(
                command,
                f"Codex runs nothing before it reads a skill: {shown} became an instruction to run it first",
                action="warning",
                field="body",
            )
        )
    if converted.files:
        shown = ", ".join(f"@{f}" for f in converted.files)
        report.append(
            ReportEntry.for_item(
                command,
                f"Codex inlines no files: {shown} became an instruction to read the file first",
                action="warning",
                field="body",
            )
        )
    if converted.positional:
        shown = ", ".join(converted.positional)
        report.append(
            ReportEntry.for_item(
                command,
                f"Codex passes no positional arguments: {shown} became instructions to take "
                "words from the user's text",
                action="warning",
                field="body",
            )
        )
    for key in sorted(set(command.frontmatter) - _USED):
        reason = {
            "allowed-tools": "Codex skills cannot pre-approve tools",
            "model": "Codex skills cannot choose a model",
            "disable-model-invocation": "Codex may also use the skill on its own when its description fits",
        }.get(key, "Codex skills have no such setting")
        report.append(
            ReportEntry.for_item(command, f"`{key}` dropped: {reason}", action="warning", field=key)
        )
    return report


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
        holder = names.take([command.name], command)
        if holder is not None:
            where = place.show(place.skills / command.name)
            report.append(
                ReportEntry.for_item(
                    command, f"{describe(holder)} is synced to {where} under the same name", path=path
                )
            )
            continue
        converted = convert(command.body, command.argument_hint)
        outputs.append(
            FileOutput.for_item(
                command,
                path=path,
                root=place.root,
                content=skill_text(command, converted, display_origin(command.origin, ctx)),
            )
        )
        report.extend(_report(command, converted))
    return outputs, report
