"""What one render gathers: OpenCode's :class:`~hsync_opencode.collect.Collected`, speaking of Kilo.

The OpenCode renderers this adapter reuses word their report lines for OpenCode; Kilo is a fork
of OpenCode and behaves the same in each of them, so the lines name Kilo instead.
"""

from __future__ import annotations

from hsync_core import Item, ReportEntry
from hsync_opencode.collect import Collected


def kilo_wording(reason: str) -> str:
    return reason.replace("OpenCode", "Kilo")


class KiloCollected(Collected):
    def note(self, item: Item, reason: str, *, action: str = "skipped", **kw: object) -> None:
        super().note(item, kilo_wording(reason), action=action, **kw)

    def native(self, item: Item, where: str, **kw: object) -> None:
        """``item`` is read by Kilo itself from ``where``: nothing is written."""
        self.report.append(ReportEntry.read_natively(item, "Kilo", where, **kw))
