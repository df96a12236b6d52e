"""What one render gathers: outputs, report entries, and which output names are taken."""

from __future__ import annotations

from hsync_core import Item, Names, Output, Rendered, ReportEntry


class Collected:
    """Outputs and report of one ``render_target`` call.

    Two items that would land on the same output (two plugins with a command of one name, a
    plugin's server shadowed by the user's) are resolved here: the first one claimed wins,
    so callers add items in precedence order.
    """

    def __init__(self) -> None:
        self.outputs: list[Output] = []
        self.report: list[ReportEntry] = []
        self._owners: dict[str, str] = {}
        self._names: dict[str, Names] = {}

    def names(self, namespace: str) -> Names:
        """The names given out in ``namespace`` (a directory, a config table) in this render."""
        return self._names.setdefault(namespace, Names())

    def add(self, output: Output) -> None:
        self.outputs.append(output)

    def note(self, item: Item, reason: str, *, action: str = "skipped", **kw: object) -> None:
        self.report.append(ReportEntry.for_item(item, reason, action=action, **kw))

    def extend(self, rendered: Rendered) -> None:
        self.outputs.extend(rendered.outputs)
        self.report.extend(rendered.report)

    def claim(self, output_id: str, owner: str) -> str | None:
        """Reserve ``output_id`` for ``owner``; returns who holds it already, or None."""
        holder = self._owners.get(output_id)
        if holder is None:
            self._owners[output_id] = owner
        return holder

    def rendered(self) -> Rendered:
        return Rendered(outputs=self.outputs, report=self.report)
