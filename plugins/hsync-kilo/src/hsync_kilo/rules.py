"""Instructions: ``AGENTS.md``, rendered by the core's shared renderer, unless Kilo reads ``CLAUDE.md``.

Kilo takes the *first* instruction file it finds: in the project ``AGENTS.md``, else
``CLAUDE.md`` (else ``CONTEXT.md``); at user level ``~/.config/kilo/AGENTS.md``, else
``~/.claude/CLAUDE.md``. It reads the text as it is, without expanding ``@imports``.

So when a level's rules are one ``CLAUDE.md`` that Kilo reads in full (no ``@imports``, no rules
files, no ``CLAUDE.local.md``) and no ``AGENTS.md`` stands in front of it, nothing is written
(reported as native). Otherwise the level gets the managed ``AGENTS.md`` block the Codex and
OpenCode adapters write, byte for byte, so the targets share one write; Kilo then reads that
instead of ``CLAUDE.md``, so no text is read twice.
"""

from __future__ import annotations

from pathlib import Path

from hsync_core import Context, Rule, Sources, render_instructions
from hsync_opencode.paths import Place

from .collect import KiloCollected
from .skills import switched_off

FILENAME = "AGENTS.md"
#: variables that stop Kilo falling back to ``~/.claude/CLAUDE.md``
PROMPT_SWITCHES = ("KILO_DISABLE_CLAUDE_CODE", "KILO_DISABLE_CLAUDE_CODE_PROMPT")


def claude_md(ctx: Context, place: Place) -> Path:
    """The ``CLAUDE.md`` Kilo falls back to at ``place``'s level."""
    return ctx.home / ".claude" / "CLAUDE.md" if place.level == "user" else place.root / "CLAUDE.md"


def read_natively(rules: list[Rule], ctx: Context, place: Place) -> bool:
    """Whether Kilo already reads all of ``rules`` from the level's ``CLAUDE.md``."""
    if len(rules) != 1 or (place.root / FILENAME).exists():
        return False
    rule = rules[0]
    if place.level == "user" and switched_off(ctx, PROMPT_SWITCHES):
        return False
    return (
        rule.origin is not None
        and rule.origin.resolve() == claude_md(ctx, place).resolve()
        and rule.scope == place.level
        and not rule.imports
        and not rule.paths
    )


def render(sources: Sources, ctx: Context, place: Place, out: KiloCollected, *, target: str) -> None:
    rules = sources.of("rules", level=place.level)
    if rules and read_natively(rules, ctx, place):
        out.native(rules[0], str(rules[0].origin), path=rules[0].origin)
        return
    out.extend(
        render_instructions(
            sources, ctx, level=place.level, root=place.root, filename=FILENAME, target=target
        )
    )
