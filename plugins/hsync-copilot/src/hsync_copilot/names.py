"""One name, one output: the core's naming policy (Claude Code's precedence decides; the loser
is skipped with a reason naming the winner), under the names this adapter's modules use."""

from __future__ import annotations

from hsync_core import Names, by_precedence
from hsync_core import describe_item as describe

__all__ = ["Names", "by_precedence", "describe"]
