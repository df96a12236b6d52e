"""Claude slash commands as Kilo commands: ``command/<path>.md``.

Kilo's command format is OpenCode's (``$ARGUMENTS``, ``$1``, ``!`cmd```, ``@file``), so
:func:`hsync_opencode.commands.convert` does the work. Kilo's own commands differ: besides
``init`` and ``review`` it has ``goal``, ``resume-claude`` and ``resume-codex``, and a custom
command named ``goal`` is an error that stops Kilo loading its commands ("The /goal command is
reserved for session goals"), so such a command is not written.
"""

from __future__ import annotations

from typing import Any

from hsync_core import Command, Sources
from hsync_opencode import commands as opencode_commands
from hsync_opencode.markdown import Note, render_documents
from hsync_opencode.paths import Place

from .collect import KiloCollected

RESERVED = frozenset({"goal"})
#: Kilo's commands (its own and the TUI's, which are OpenCode's) a custom command would shadow
BUILTIN_COMMANDS = opencode_commands.BUILTIN_COMMANDS | {"goal", "resume-claude", "resume-codex"}


def command_name(command: Command) -> tuple[str, str | None]:
    name, problem = opencode_commands.command_name(command)
    if not problem and name in RESERVED:
        return "", f"/{name} is reserved by Kilo: a custom command of that name stops Kilo loading commands"
    return name, problem


def render(sources: Sources, place: Place, out: KiloCollected) -> None:
    render_documents(
        sources.of("commands", level=place.level),
        place.commands,
        place,
        out,
        what="command",
        name_of=command_name,
        convert=convert,
    )


def convert(command: Command, name: str) -> tuple[dict[str, Any], list[Note]]:
    meta, notes = opencode_commands.convert(command, name)
    notes = [n for n in notes if n[2] != "name"]
    if name in BUILTIN_COMMANDS:
        notes.append((f"/{name} is also a Kilo built-in command; check which one runs", "warning", "name"))
    return meta, notes
