"""Slash commands → ``.gemini/commands/<namespace>/<name>.toml`` (``git/commit.md`` → ``/git:commit``).

A Claude command's subfolders become Gemini's namespace; a plugin's command goes under the
plugin's name, so ``/plugin:cmd`` keeps its Claude name. The TOML holds ``description`` (with
the argument hint appended) and ``prompt``, the body translated:

- ``$ARGUMENTS`` → ``{{args}}``; `` !`cmd` `` → ``!{cmd}``; ``@path/to/file`` → ``@{path/to/file}``;
- ``$1``, ``$2`` … (and ``$ARGUMENTS[0]`` …) have no equivalent: they stay in the text and a
  sentence after the prompt says which word of ``{{args}}`` each one is (reported).

The file is written with tomli-w (a TOML writer whose output always parses back to the same
values; the tests read every file back). Gemini's own TOML parser (TOML 0.4) rejects a quote right
before the closing triple quote, so the prompt always ends with a newline, which puts the closing
quotes on a line of their own.
"""

from __future__ import annotations

import re

from hsync_core import (
    POSITIONAL,
    Command,
    FileOutput,
    Sources,
    by_precedence,
    description_of,
    outside_code,
    placeholder_positions,
)

from .batch import Batch
from .paths import Place

_SHELL = re.compile(r"!`([^`\n]+)`")
_CODE_SPAN = re.compile(r"(`+)[\s\S]*?\1")
_FILE = re.compile(r"(?<![\w@`/\\{])@((?:~/|/|\./|\.\./)?[\w.~-][\w./~+-]*)")
_INDEXED = re.compile(r"\$ARGUMENTS\[(\d+)\]")
_POSITIONAL = POSITIONAL
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
#: Gemini's prompt syntax: text that means something to Gemini although it meant nothing to Claude
_GEMINI_SYNTAX = ("{{args}}", "!{", "@{")


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += 1 if char == "{" else -1 if char == "}" else 0
        if depth < 0:
            return False
    return depth == 0


def _files(text: str) -> str:
    """``@path`` → ``@{path}`` outside code spans, for tokens that look like paths."""

    def convert(segment: str) -> str:
        def one(match: re.Match[str]) -> str:
            token = match.group(1).rstrip(".,;:)")
            rest = match.group(1)[len(token) :]
            if "/" not in token and "." not in token.strip("."):
                return match.group(0)
            return f"@{{{token}}}{rest}"

        return _FILE.sub(one, segment)

    pieces: list[str] = []
    last = 0
    for span in _CODE_SPAN.finditer(text):
        pieces.append(convert(text[last : span.start()]))
        pieces.append(span.group(0))
        last = span.end()
    pieces.append(convert(text[last:]))
    return "".join(pieces)


def _ordinal(n: int) -> str:
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else f"number {n}"


def translate(body: str, argument_hint: str | None, harness: str = "Gemini") -> tuple[str, list[str]]:
    """The Gemini prompt for a Claude command body, and notes on what could not be kept.

    ``harness`` names the CLI in the notes (Qwen Code's commands share this prompt syntax).
    """
    notes: list[str] = []
    for syntax in _GEMINI_SYNTAX:
        if syntax in body:
            notes.append(f"the body already contains '{syntax}', which {harness} interprets")
    text = _INDEXED.sub(lambda m: f"${int(m.group(1)) + 1}", body)
    shells: list[str] = []

    def shell(match: re.Match[str]) -> str:
        command = match.group(1)
        if not _balanced(command):
            notes.append(f"!`{command}` kept as text: {harness} needs balanced braces inside !{{…}}")
            return match.group(0)
        if _POSITIONAL.search(command):
            notes.append(f"in !`{command}` the positional arguments become all the arguments ({{{{args}}}})")
            command = _POSITIONAL.sub("{{args}}", command)
        shells.append(command)
        return f"\0{len(shells) - 1}\0"

    text = _SHELL.sub(shell, text)
    text = _files(text)
    text = re.sub(r"\0(\d+)\0", lambda m: "!{" + shells[int(m.group(1))] + "}", text)
    uses_all = False

    def all_arguments(part: str) -> str:
        nonlocal uses_all
        uses_all = uses_all or "$ARGUMENTS" in part
        return part.replace("$ARGUMENTS", "{{args}}")

    text = outside_code(text, all_arguments)
    positions = placeholder_positions(text)
    if positions:
        hint = f" ({argument_hint.strip()})" if argument_hint and argument_hint.strip() else ""
        meanings = [f"${n} for the {_ordinal(n)}" for n in positions]
        meanings[0] = f"${positions[0]} stands for the {_ordinal(positions[0])} word of the arguments"
        meaning = meanings[0] if len(meanings) == 1 else ", ".join(meanings[:-1]) + " and " + meanings[-1]
        lines = [] if uses_all else [f"Arguments{hint}: {{{{args}}}}"]
        lines.append(f"In this prompt, {meaning}.")
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
        notes.append(
            f"positional arguments ({', '.join(f'${n}' for n in positions)}) have no {harness} equivalent: "
            "the prompt now explains them after {{args}}"
        )
    return text, notes


def description(command: Command) -> str | None:
    """The command's description (or the first sentence of its body: the core's rule), with its
    arguments."""
    text, _ = description_of(command, command.description, command.body)
    text = text or ""
    hint = (command.argument_hint or "").strip()
    if hint:
        text = f"{text} (arguments: {hint})" if text else f"Arguments: {hint}"
    return text or None


def toml_text(desc: str | None, prompt: str) -> str:
    """The command file, written with tomli-w (a real TOML writer: any prompt survives exactly)."""
    import tomli_w

    data = {} if desc is None else {"description": desc}
    data["prompt"] = prompt if prompt.endswith("\n") else prompt + "\n"
    return tomli_w.dumps(
        data, multiline_strings="\r" not in data["prompt"]
    )  # a CR would not survive a multi-line string


def render(sources: Sources, place: Place, batch: Batch) -> None:
    where = "~/.gemini/commands" if place.level == "user" else ".gemini/commands"
    for command in by_precedence(sources.of("commands", level=place.level)):
        parts = (*((command.plugin_name,) if command.plugin_name else ()), *command.namespace, command.name)
        taken = batch.names(f"commands:{place.level}").claim(
            command, ":".join(parts), where, path=place.command(parts)
        )
        if taken is not None:
            batch.report.append(taken)
            continue
        prompt, notes = translate(command.body, command.argument_hint)
        if not prompt.strip():
            batch.skip(command, "the command has no body: Gemini requires a non-empty prompt")
            continue
        for note in notes:
            batch.note(command, note, field="body")
        derived = description_of(command, command.description, command.body)[1]
        if derived is not None:
            batch.report.append(derived)
        if command.model:
            batch.note(
                command, f"model '{command.model}' dropped: Gemini commands have no model", field="model"
            )
        if command.allowed_tools:
            batch.note(
                command,
                "allowed-tools dropped: Gemini asks before running each !{…} command",
                action="info",
                field="allowed-tools",
            )
        path = place.command(parts)
        batch.add(
            FileOutput(
                path=path,
                root=place.root,
                level=place.level,
                kind="commands",
                item=":".join(parts),
                scope=command.scope,
                content=toml_text(description(command), prompt),
            ),
            command,
        )
