"""Commands as skills, for harnesses without custom commands (Codex, Copilot CLI): each Claude
Code command becomes ``<skills dir>/<name>/SKILL.md``.

A skill gets no arguments and runs nothing before it is read, so Claude's placeholders become
plain instructions, only where they are placeholders (never inside code):

- ``$ARGUMENTS`` → ``[the arguments]``, ``$1`` → ``[argument 1: type]`` (named after the
  ``argument-hint``), ``$ARGUMENTS[0]`` → ``[argument 1…]``; the skill explains what they are;
- ``!`cmd``` → ``[output of `cmd`]`` plus a step "run `cmd` first";
- ``@path`` → ``[contents of `path`]`` plus a step "read `path` first".

The description says it is a command and names its arguments.
"""

from __future__ import annotations

import json
import re

from attrs import frozen

from ..models import Command, ReportEntry
from .descriptions import description_of, first_sentence
from .placeholders import POSITIONAL, outside_code

MAX_DESCRIPTION = 1024
_ARGUMENTS = re.compile(r"\$ARGUMENTS(?:\[(\d+)\])?")
_BANG = re.compile(r"!`([^`\n]+)`")
_FILE = re.compile(r"(?<![\w@`/\\])@((?:~/|/|\./|\.\./)?[\w.~-][\w./~+-]*)")
_BARE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null"}
_HINT = re.compile(r"\[([^\]]+)\]|<([^>]+)>|(\S+)")
#: front matter keys a command skill uses; every other one is reported as dropped
USED_KEYS = {"name", "description", "argument-hint"}


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

    text = outside_code(body, lambda part: POSITIONAL.sub(position, _ARGUMENTS.sub(arguments, part)))
    steps: dict[str, None] = {}
    commands: dict[str, None] = {}
    files: dict[str, None] = {}

    def bang(match: re.Match[str]) -> str:
        command = POSITIONAL.sub(position, _ARGUMENTS.sub(arguments, match.group(1).strip()))
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


def description(command: Command, max_length: int = MAX_DESCRIPTION) -> str:
    """The skill's description: the command's (or its first line), saying it is a command and
    naming its arguments, at most ``max_length`` characters."""
    suffix = f" (the Claude Code command /{command.name}"
    if command.argument_hint:
        suffix += f"; arguments: {command.argument_hint}"
    suffix += ")"
    base = command.description or first_sentence(command.body) or f"Run the /{command.name} command"
    base = " ".join(base.split()).rstrip(".")
    room = max_length - len(suffix)
    if len(base) > room:
        base = base[: room - 1].rstrip() + "…"
    return base + suffix


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: bare when that reads back as the same string, else quoted."""
    if _BARE.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def skill_text(command: Command, converted: Conversion, origin: str, *, invocation: str | None = None) -> str:
    """The ``SKILL.md`` of ``command``: front matter, a generated-from header, how the skill is
    invoked and what its arguments are, the steps the body needs first, then the body."""
    name = command.name
    intro = [invocation or f"This skill is the command `/{name}`: use it when the user asks for `/{name}`."]
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
    front = f"---\nname: {yaml_scalar(name)}\n"
    front += f"description: {yaml_scalar(description(command))}\n---\n"
    header = f"<!-- Generated by hsync from {origin}: edit that file and run `hsync sync`. -->\n"
    body = converted.text.strip("\n")
    return (
        front + header + f"\n# /{name}\n\n" + "\n\n".join(sections) + "\n\n## Instructions\n\n" + body + "\n"
    )


def conversion_report(command: Command, converted: Conversion, harness: str) -> list[ReportEntry]:
    """Warnings for what the conversion rewrote, and for front matter keys a skill cannot keep;
    the note when the description was derived from the body."""
    _, derived = description_of(command, command.description, command.body)
    report = [derived] if derived is not None else []
    for found, what in (
        (
            [f"`{c}`" for c in converted.commands],
            f"{harness} runs nothing before it reads a skill: {{}} became an instruction to run it first",
        ),
        (
            [f"@{f}" for f in converted.files],
            f"{harness} inlines no files: {{}} became an instruction to read the file first",
        ),
        (
            list(converted.positional),
            f"{harness} passes no positional arguments: {{}} became instructions to take words from the user's text",
        ),
    ):
        if found:
            report.append(
                ReportEntry.for_item(command, what.format(", ".join(found)), action="warning", field="body")
            )
    for key in sorted(set(command.frontmatter) - USED_KEYS):
        reason = {
            "allowed-tools": f"{harness} skills cannot pre-approve tools",
            "model": f"{harness} skills cannot choose a model",
            "disable-model-invocation": f"{harness} may also use the skill on its own when its description fits",
        }.get(key, f"{harness} skills have no such setting")
        report.append(
            ReportEntry.for_item(command, f"`{key}` dropped: {reason}", action="warning", field=key)
        )
    return report
