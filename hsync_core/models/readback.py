"""What an adapter reads back from its harness's files (``read_target``): one ``HarnessEntry``
per thing found there, translated back into a Claude Code item.

``path`` and ``key`` say where it was found, in the same terms as an output (an entry
``("mcp_servers", "github")`` of a TOML file, the managed block of ``AGENTS.md``), so that the
core can tell hsync's own outputs from what the user added by hand: an entry whose ``id`` is
neither rendered nor owned by hsync is a *harness-side addition*.
"""

from __future__ import annotations

from pathlib import Path

from attrs import field, frozen

from .items import Item
from .outputs import entry_key

#: ``style`` values: an entry of a TOML or JSON file, the managed Markdown block, a whole file
READBACK_STYLES = ("toml", "json", "block", "file")


@frozen(kw_only=True)
class HarnessEntry:
    """``item`` as the harness holds it at ``path`` (``key`` inside it, for ``toml``/``json``).

    ``item.level`` says which Claude Code file it belongs in (``user`` → ``~/.claude.json``,
    ``~/.claude/CLAUDE.md``; ``project`` → ``.mcp.json``, the project's ``CLAUDE.md``), as the file
    it was found in implies. Values are given as the harness holds them, a literal token
    included: the core turns credentials into ``${VAR}`` references before anything reaches a
    Claude Code file.
    """

    item: Item
    path: Path
    root: Path
    style: str
    key: tuple[str, ...] = field(default=(), converter=tuple)

    @property
    def id(self) -> str:
        """The same id the output at this place would have."""
        if self.style in ("toml", "json"):
            return f"{self.path}::{entry_key(self.key)}"
        if self.style == "block":
            return f"{self.path}::hsync-block"
        return str(self.path)
