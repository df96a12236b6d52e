"""Slash commands → ``commands/<namespace>/<name>.md`` in ``~/.qwen`` / ``.qwen`` (``git/commit.md`` → ``/git:commit``).

Qwen's commands are Markdown with an optional ``description`` in the front matter (its TOML form
is deprecated). The prompt syntax is Gemini's, so the body is translated by the Gemini adapter's
:func:`hsync_gemini.commands.translate`: ``$ARGUMENTS`` → ``{{args}}``, `` !`cmd` `` → ``!{cmd}``,
``@path`` → ``@{path}``; positional ``$1`` … are explained after the prompt. A plugin's command
goes under the plugin's name (``/plugin:cmd``).

Qwen offers every skill as a slash command too, and a command file of the same name replaces
the skill's slash command (a "replaced by" warning in its debug log at every start), including
Qwen's own bundled skills (``/review``, ``/loop`` …): both are written, and the clash is reported.
"""

from __future__ import annotations

from hsync_core import Command, FileOutput, Sources, description_of, dump_front_matter
from hsync_gemini.batch import Batch
from hsync_gemini.commands import description, translate

from .paths import Place

#: the skills Qwen Code 0.24 bundles (its ``bundled/`` folder), each also a slash command
BUNDLED_SKILLS = frozenset(
    {
        "batch", "browser-use", "computer-use", "coordinate", "dataviz", "extension-creator", "goal-draft",
        "loop", "new-app", "qc-helper", "review", "simplify", "stuck", "workflow-authoring",
        "workflow-creator", "zvec-grep-install",
    }
)  # fmt: skip


def markdown(desc: str | None, prompt: str) -> str:
    head = ""
    if desc:
        head = "---\n" + dump_front_matter({"description": desc}) + "---\n"
    return head + (prompt if prompt.endswith("\n") else prompt + "\n")


def parts(command: Command) -> tuple[str, ...]:
    return (*((command.plugin_name,) if command.plugin_name else ()), *command.namespace, command.name)


def render(sources: Sources, place: Place, batch: Batch) -> None:
    skills = {s.qualified_name for s in sources.items if s.kind == "skills"}
    for command in sources.of("commands", level=place.level):
        name = ":".join(parts(command))
        if name in skills:
            batch.skip(
                command,
                f"a skill is also named '{name}': Qwen offers both as /{name} and the skill replaces the command",
            )
            continue
        prompt, notes = translate(command.body, command.argument_hint, harness="Qwen")
        if not prompt.strip():
            batch.skip(command, "the command has no body: Qwen requires a non-empty prompt")
            continue
        for note in notes:
            batch.note(command, note, field="body")
        derived = description_of(command, command.description, command.body)[1]
        if derived is not None:
            batch.report.append(derived)
        if command.model:
            batch.note(
                command, f"model '{command.model}' dropped: Qwen commands have no model", field="model"
            )
        if command.allowed_tools:
            batch.note(
                command,
                "allowed-tools dropped: Qwen asks before running each !{…} command",
                action="info",
                field="allowed-tools",
            )
        batch.add(
            FileOutput(
                path=place.command(parts(command)),
                root=place.root,
                level=place.level,
                kind="commands",
                item=name,
                scope=command.scope,
                content=markdown(description(command), prompt),
            ),
            command,
        )
