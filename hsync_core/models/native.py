"""What a harness reads from a Claude Code setup by itself, declared as data.

An adapter lists ``NativeSource`` rows in its ``TargetInfo.reads_natively``. Before rendering,
the core takes every matching item out of ``sources.items`` (nothing is written for it, so the
harness never sees it twice), puts it in ``sources.native`` and reports it as ``read natively by
<harness> (<where>)`` (``action="native"``, counted as in sync). Decisions that need more than a
row (Kilo's first-match instruction files, say) stay in the adapter, which reports them with
:meth:`ReportEntry.read_natively`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import field, frozen

from .items import Item, _tuple

if TYPE_CHECKING:
    from .context import Context


@frozen(kw_only=True)
class NativeSource:
    """Items of ``kind`` from one of ``scopes`` that the harness reads where they are.

    ``accepts`` narrows the row (only top-level commands, ``CLAUDE.md`` but not
    ``.claude/CLAUDE.md``…); ``where`` names the source in the report.
    """

    kind: str
    scopes: tuple[str, ...] = field(converter=_tuple)
    where: str
    accepts: Callable[[Item, Context], bool] | None = field(default=None, eq=False)

    def matches(self, item: Item, ctx: Context) -> bool:
        return (
            item.kind == self.kind
            and item.scope in self.scopes
            and (self.accepts is None or self.accepts(item, ctx))
        )


def project_relative(item: Item, ctx: Context) -> str | None:
    """Where ``item`` was read from, relative to the project (None outside it)."""
    if item.origin is None or ctx.project is None:
        return None
    try:
        return item.origin.relative_to(ctx.project).as_posix()
    except ValueError:
        return None


def in_project(*places: str) -> Callable[[Item, Context], bool]:
    """An ``accepts`` for items read from one of ``places`` of the project (a file such as
    ``CLAUDE.md``, or a folder such as ``.claude/agents``, whose items it holds)."""

    def accepts(item: Item, ctx: Context) -> bool:
        rel = project_relative(item, ctx)
        if rel is None:
            return False
        parts = Path(rel).parts
        return any(parts[: len(Path(p).parts)] == Path(p).parts for p in places)

    return accepts
