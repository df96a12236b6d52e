"""What one render collects: outputs (one per path or key) and report entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hsync_core import Context, Item, Names, Output, ReportEntry


class Batch:
    """Outputs and report of one render. The first item to claim an output keeps it."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.outputs: list[Output] = []
        self.report: list[ReportEntry] = []
        self._claimed: dict[str, str] = {}
        self._names: dict[str, Names] = {}

    def names(self, namespace: str) -> Names:
        """The names given out in ``namespace`` during this render (all levels)."""
        return self._names.setdefault(namespace, Names())

    def add(self, output: Output, item: Item | None = None) -> bool:
        """Add ``output``; when an earlier item already renders it, report ``item`` and skip it."""
        owner = self._claimed.get(output.id)
        if owner is not None:
            if item is not None:
                self.skip(item, f"{owner} already writes {output.id.split('::', 1)[-1]}", path=output.path)
            return False
        self._claimed[output.id] = item.label if item is not None else output.item
        self.outputs.append(output)
        return True

    def note(self, item: Item, reason: str, *, action: str = "warning", **kw: Any) -> None:
        self.report.append(ReportEntry.for_item(item, reason, action=action, **kw))

    def skip(self, item: Item, reason: str, **kw: Any) -> None:
        self.note(item, reason, action="skipped", **kw)

    def blocked_local(self, item: Item, path: Path) -> bool:
        """True (and reported) when a personal item would go into a file git tracks."""
        if item.scope != "local" or not self.ctx.is_tracked(path):
            return False
        self.skip(
            item, f"personal (local-scope) items are not written into {path.name}: git tracks it", path=path
        )
        return True
