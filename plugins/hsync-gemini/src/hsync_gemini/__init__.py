"""hsync adapter for Google Gemini CLI: the ``gemini`` target.

Writes, per level (``~/.gemini`` for the user, the project's ``GEMINI.md`` and ``.gemini/``):
rules as a managed block of ``GEMINI.md``, skills as links in ``skills/``, agents in ``agents/``,
commands as TOML in ``commands/``, MCP servers and hooks as entries of ``settings.json``, and
permissions as a policy file (user) or ``tools.*`` entries (project). See the package README.
"""

from __future__ import annotations

from collections.abc import Iterable

from hsync_core import KINDS, Context, HarnessEntry, Rendered, Sources, TargetInfo, hookimpl

NAME = "gemini"


@hookimpl
def register_targets() -> list[TargetInfo]:
    return [
        TargetInfo(
            name=NAME,
            description="Google Gemini CLI (GEMINI.md, .gemini/ agents, commands, skills, settings.json)",
            kinds=tuple(k for k in KINDS if k != "plugins"),  # it installs no Claude Code plugins
            reads_back=("mcp", "rules"),
            nested=("rules",),  # a GEMINI.md in a subfolder is read below the working directory
            locations={"user": "~/.gemini (or $GEMINI_CLI_HOME/.gemini)", "project": "GEMINI.md, .gemini/"},
        )
    ]


@hookimpl
def render_target(target: str, sources: Sources, ctx: Context) -> Rendered | None:
    if target != NAME:
        return None
    from .render import render  # on use: loading the adapter imports no renderer

    return render(sources, ctx)


@hookimpl
def read_target(target: str, ctx: Context) -> Iterable[HarnessEntry] | None:
    if target != NAME:
        return None
    from .readback import read_back

    return list(read_back(ctx))
