"""What Copilot CLI reads from a Claude Code setup by itself, declared as data.

An adapter declares the sources its harness reads natively as :class:`NativeSource` rows;
:func:`split_native` takes those items out of the sources (nothing is written for them) and
reports each one as ``read natively by <harness>`` with ``action="native"`` (counted as in
sync). Nothing here is Copilot-specific except the table :data:`COPILOT` — the shape is meant for
the core's contract (a ``native`` field on ``TargetInfo``, see the README).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from attrs import frozen

from hsync_core import Command, Context, Item, ReportEntry, Rule, Sources


def _always(item: Item, ctx: Context) -> bool:
    return True


@frozen(kw_only=True)
class NativeSource:
    """Items of ``kind`` from one of ``scopes`` that the harness reads where they are.

    ``accepts`` narrows it (a top-level command only, ``CLAUDE.md`` but not ``.claude/CLAUDE.md``);
    ``where`` names the source for the report.
    """

    kind: str
    scopes: tuple[str, ...]
    where: str
    accepts: Callable[[Item, Context], bool] = _always


def _relative(item: Item, ctx: Context) -> str | None:
    if item.origin is None or ctx.project is None:
        return None
    try:
        return item.origin.relative_to(ctx.project).as_posix()
    except ValueError:
        return None


def _project_rule(item: Item, ctx: Context) -> bool:
    rel = _relative(item, ctx)
    return (
        isinstance(item, Rule)
        and rel is not None
        and (rel == "CLAUDE.md" or rel.startswith(".claude/rules/"))
    )


def _top_level_command(item: Item, ctx: Context) -> bool:
    return isinstance(item, Command) and not item.namespace


def _in_project(directory: str) -> Callable[[Item, Context], bool]:
    def accepts(item: Item, ctx: Context) -> bool:
        rel = _relative(item, ctx)
        return rel is not None and Path(rel).parts[:2] == tuple(directory.split("/"))

    return accepts


#: what Copilot CLI 1.0.102 was seen to read from a Claude Code setup (README: "Checked against …")
COPILOT: tuple[NativeSource, ...] = (
    NativeSource(
        kind="rules", scopes=("project",), where="CLAUDE.md and .claude/rules", accepts=_project_rule
    ),
    NativeSource(
        kind="skills", scopes=("project",), where=".claude/skills", accepts=_in_project(".claude/skills")
    ),
    NativeSource(
        kind="commands",
        scopes=("project",),
        where=".claude/commands (top level, as skills)",
        accepts=_top_level_command,
    ),
    NativeSource(
        kind="agents", scopes=("project",), where=".claude/agents", accepts=_in_project(".claude/agents")
    ),
    NativeSource(kind="mcp", scopes=("project",), where=".mcp.json"),
)


def native_source(item: Item, ctx: Context, table: Iterable[NativeSource]) -> NativeSource | None:
    for row in table:
        if row.kind == item.kind and item.scope in row.scopes and row.accepts(item, ctx):
            return row
    return None


def split_native(
    sources: Sources, ctx: Context, table: Iterable[NativeSource], harness: str
) -> tuple[Sources, list[ReportEntry], list[Item]]:
    """(the sources left to write, one ``native`` report entry per item taken out, those items)."""
    rows = tuple(table)
    keep: list[Item] = []
    native: list[Item] = []
    report: list[ReportEntry] = []
    for item in sources.items:
        row = native_source(item, ctx, rows)
        if row is None:
            keep.append(item)
            continue
        native.append(item)
        report.append(
            ReportEntry.for_item(
                item, f"read natively by {harness} ({row.where})", action="native", path=item.origin
            )
        )
    return Sources(items=keep, problems=sources.problems), report, native
