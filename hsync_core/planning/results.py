"""What a run found and did, per target: the changes planned (and how they ended), the report,
the writes staged. ``RunResult.exit_code`` is the documented exit code of ``sync``.

Every problem is one of three: an **error** (hsync could not do what was asked: a target that
failed, a conflict, a write that failed; exit 1), **skipped** (an item the harness cannot
represent, or a source item hsync cannot read, with its reason; exit 0, or 1 with ``--strict``)
and a **note** (information; exit 0). Source files Claude Code does not load either (``ignored``)
are none of these. A target whose only report entries are skips and notes is in sync.
"""

from __future__ import annotations

from pathlib import Path

from attrs import define, field

from ..models import Change, Context, FileWrite, ReportEntry
from ..store.state import USER_SCOPE

#: plan actions that change the disk
CHANGING = ("create", "update", "remove")


@define
class TargetResult:
    target: str
    changes: list[Change] = field(factory=list)
    report: list[ReportEntry] = field(factory=list)
    error: str | None = None
    writes: list[FileWrite] = field(factory=list)
    #: instruction files that are links to their Claude Code source (``rendering.shared``)
    shared: set[Path] = field(factory=set)

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "created": self.count("create"),
            "updated": self.count("update"),
            "unchanged": self.count("unchanged"),
            "removed": self.count("remove"),
            "skipped": sum(1 for r in self.report if r.action == "skipped"),
            "native": sum(1 for r in self.report if r.action == "native"),
            "conflicts": self.count("conflict"),
            "failed": self.count("failed"),
            "kept": self.count("kept"),
        }

    @property
    def status(self) -> str:
        if self.error:
            return "failed"
        counts = self.counts
        changed = counts["created"] + counts["updated"] + counts["removed"]
        if counts["failed"] and not changed and not counts["unchanged"]:
            return "failed"
        if counts["conflicts"] or counts["failed"]:
            return "partial"
        return "success" if changed else "unchanged"


@define
class Settled:
    """What a run that rendered nothing depends on beyond the files it read (which
    :mod:`hsync_core.files.witness` sees): the memo of :mod:`hsync_core.store.memo` keeps them."""

    #: every output and shared file the targets own (their stat is not followed)
    outputs: frozenset[str]
    #: the paths the render cache's keys were made from (adapters' ``render_inputs``, the core's)
    declared: frozenset[str]
    #: files the run wrote itself (state), with their stat right after
    written: dict[str, list[int] | None]
    #: the audit lines the run logged
    audit: list[str]


@define
class RunResult:
    dry_run: bool
    targets: dict[str, TargetResult] = field(factory=dict)
    problems: list[ReportEntry] = field(factory=list)  # items the reader skipped
    warnings: list[str] = field(factory=list)
    #: set when every target replayed from the render cache: what the no-op memo needs
    settled: Settled | None = field(default=None, eq=False, repr=False)

    @property
    def pending(self) -> bool:
        """Something would change (or conflicts): what ``check`` fails on."""
        return any(c.action in (*CHANGING, "conflict") for t in self.targets.values() for c in t.changes)

    @property
    def errors(self) -> bool:
        """Something hsync was asked to do and could not."""
        return any(t.error or t.counts["conflicts"] or t.counts["failed"] for t in self.targets.values())

    @property
    def skipped(self) -> list[ReportEntry]:
        """Source items not read and target items not written, each with its reason."""
        found = [p for p in self.problems if p.action == "skipped"]
        for t in self.targets.values():
            found.extend(r for r in t.report if r.action == "skipped")
        return found

    @property
    def exit_code(self) -> int:
        return self.code()

    def code(self, strict: bool = False) -> int:
        """1 on an error (or, with ``strict``, on a skip), else 0."""
        return 1 if self.errors or (strict and self.skipped) else 0

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def scope_key(ctx: Context, level: str) -> str:
    return USER_SCOPE if level == "user" else str(ctx.project)
