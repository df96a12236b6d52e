"""What adapters return: outputs (whole files, links, TOML/JSON entries, Markdown blocks),
``Rendered`` (outputs plus a report) and ``TargetInfo`` (how a target describes itself).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from attrs import field, frozen

from ..kinds import DEFAULT_KINDS
from .items import Item, ReportEntry, _mapping, _tuple
from .native import NativeSource


@frozen(kw_only=True)
class Output:
    """One thing an adapter wants on disk.

    ``path`` is absolute; ``root`` is the directory it belongs to (the harness's home or the
    project): hsync never writes outside it and never follows a link out of it. ``kind``,
    ``item`` and ``scope`` name what was rendered, for reports.
    """

    style: ClassVar[str] = ""
    path: Path
    root: Path
    level: str
    kind: str
    item: str
    scope: str | None = None

    @property
    def id(self) -> str:
        return str(self.path)

    @classmethod
    def for_item(cls, item: Item, *, path: Path, root: Path, **fields: Any) -> Any:
        """This output for ``item``: level, kind, item name and scope are taken from it."""
        return cls(
            path=path,
            root=root,
            level=item.level,
            kind=item.kind,
            item=item.qualified_name,
            scope=item.scope,
            **fields,
        )


@frozen(kw_only=True)
class FileOutput(Output):
    """A whole file hsync owns."""

    style: ClassVar[str] = "file"
    content: str
    executable: bool = False


@frozen(kw_only=True)
class LinkOutput(Output):
    """A directory linked to ``source`` (a symlink; a marked copy where links fail)."""

    style: ClassVar[str] = "link"
    source: Path


def entry_key(key: tuple[str, ...]) -> str:
    """``mcp_servers.github``; a part that is not a bare word is quoted, as TOML does."""
    return ".".join(p if p and all(c.isalnum() or c in "-_" for c in p) else json.dumps(p) for p in key)


@frozen(kw_only=True)
class Entry(Output):
    """A key inside a file the user also edits; only that key is hsync's."""

    key: tuple[str, ...] = field(converter=tuple)
    value: Any

    @property
    def id(self) -> str:
        return f"{self.path}::{entry_key(self.key)}"


@frozen(kw_only=True)
class TomlEntry(Entry):
    """A key (``("mcp_servers", "github")``) inside a TOML file; a dict value becomes a table."""

    style: ClassVar[str] = "toml"


@frozen(kw_only=True)
class JsonEntry(Entry):
    """A key (``("mcpServers", "github")``) inside a JSON/JSONC file."""

    style: ClassVar[str] = "json"


@frozen(kw_only=True)
class MarkdownBlock(Output):
    """The managed block (``<!-- hsync:begin -->`` … ``<!-- hsync:end -->``) of a Markdown file."""

    style: ClassVar[str] = "block"
    content: str

    @property
    def id(self) -> str:
        return f"{self.path}::hsync-block"


@frozen(kw_only=True)
class Rendered:
    """What ``render_target`` returns: the outputs wanted, and what could not be translated."""

    outputs: tuple[Output, ...] = field(default=(), converter=_tuple)
    report: tuple[ReportEntry, ...] = field(default=(), converter=_tuple)


@frozen(kw_only=True)
class TargetInfo:
    """How a target describes itself for ``hsync targets``.

    ``locations`` maps a label to where the harness keeps files (``{"user": "~/.codex"}``).
    ``package`` and ``version`` are filled in by the core from the adapter's distribution.
    """

    name: str
    description: str = ""
    kinds: tuple[str, ...] = field(default=DEFAULT_KINDS, converter=_tuple)
    locations: dict[str, str] = field(factory=dict, converter=_mapping)
    #: what the harness reads from a Claude Code setup by itself (see ``NativeSource``)
    reads_natively: tuple[NativeSource, ...] = field(default=(), converter=_tuple)
    #: the harness's name in messages ("Copilot"); the target name when empty
    harness: str = ""
    #: the kinds ``read_target`` can read back from the harness's files into items (what
    #: ``hsync adopt`` can bring back to Claude Code); empty: keep / overwrite only
    reads_back: tuple[str, ...] = field(default=(), converter=_tuple)
    #: the kinds (``rules``, ``skills``) whose items from project subfolders (``item.folder``)
    #: the adapter writes where the harness finds them for that subfolder; the core withholds
    #: other subfolder items and reports each ("does not read … from project subfolders")
    nested: tuple[str, ...] = field(default=(), converter=_tuple)
    package: str | None = None
    version: str | None = None


# ---------------------------------------------------------------------------------------- plans
