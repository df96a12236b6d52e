"""What planning decides: one ``Change`` per output, the ``FileWrite`` that applies the changes
of one path, a target's ``TargetPlan`` (handed to ``write_target``) and ``Drift`` (to ``on_drift``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attrs import field, frozen

from .items import ReportEntry, _tuple
from .outputs import Output


@frozen(kw_only=True)
class Change:
    """One planned decision about one output (or one owned output no longer rendered)."""

    id: str
    path: Path
    action: str
    kind: str
    item: str
    level: str
    scope: str | None = None
    reason: str | None = None
    output: Output | None = None
    new_hash: str | None = None
    old_hash: str | None = None
    drift: bool = False
    detail: str | None = None  # "+ key" / "- key" / "~ key" for entries in shared files
    created_parents: int = 0  # enclosing tables/objects an entry's creation adds (removed with it)
    stat: list[int] | None = None  # for a whole file found unchanged: its stat key seen on disk
    adopted: bool = False  # an output hsync did not write but found exactly as it would write it

    @classmethod
    def for_output(cls, output: Output, action: str, **fields: Any) -> Change:
        """The change ``action`` for ``output``: id, path, kind, item, level and scope from it."""
        return cls(
            id=output.id,
            path=output.path,
            action=action,
            kind=output.kind,
            item=output.item,
            level=output.level,
            scope=output.scope,
            output=output,
            **fields,
        )


@frozen(kw_only=True)
class FileWrite:
    """The new bytes of one path (``content`` None: delete it), computed from every change to it."""

    path: Path
    root: Path
    old: bytes | None
    content: bytes | None
    executable: bool = False
    link_source: Path | None = None  # for a linked directory
    replace_dir: bool = False  # a linked directory that must replace an owned copy


@frozen(kw_only=True)
class TargetPlan:
    """The plan for one target: its changes, the report of its renderer, the files to write."""

    target: str
    changes: tuple[Change, ...] = field(default=(), converter=_tuple)
    report: tuple[ReportEntry, ...] = field(default=(), converter=_tuple)
    writes: tuple[FileWrite, ...] = field(default=(), converter=_tuple)
    error: str | None = None


@frozen(kw_only=True)
class Drift:
    """An owned output whose bytes on disk differ from what hsync last wrote."""

    target: str
    change: Change
    recorded_hash: str
    current_hash: str | None


# -------------------------------------------------------------------------------------- context
