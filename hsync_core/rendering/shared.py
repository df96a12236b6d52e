"""Instruction files shared by symlink: when a target's instruction file (``AGENTS.md``,
``GEMINI.md``, ``QWEN.md``, ``copilot-instructions.md``, at either level) is already a symbolic
link that resolves to the very Claude Code file the rules come from (``CLAUDE.md``,
``~/.claude/CLAUDE.md``), the harness reads the same text already.

The render step takes such outputs out for every adapter (:func:`take_out_shared`): nothing is
written through the link or over it, the file is reported ``native`` ("shared by symlink", in
sync), and each other rule of that level that the link cannot carry (a ``.claude/rules`` file,
``CLAUDE.local.md``, a file inlined through an ``@import``) gets a warning naming it.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..models import FileOutput, MarkdownBlock, Output, ReportEntry, Rule, Sources
from .instructions import static_directory

SHARED = "shared by symlink"


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


def shared_source(output: Output, sources: Sources) -> Rule | None:
    """The rule whose file ``output``'s path is a symbolic link to, or None."""
    if output.kind != "rules" or not isinstance(output, (MarkdownBlock, FileOutput)):
        return None
    if not os.path.islink(output.path):
        return None
    resolved = _resolved(output.path)
    if resolved is None:
        return None
    for rule in sources.of("rules", level=output.level):
        if rule.origin is not None and _resolved(rule.origin) == resolved:
            return rule
    return None


def _left_out(rule: Rule, shared: Rule, root: Path) -> bool:
    """True when ``rule``'s text would have gone into the shared file (not a nested one)."""
    if rule is shared or not rule.text.strip():
        return False
    if rule.paths and rule.level == "project":
        directory = static_directory(rule.paths)
        if directory and (root / directory).is_dir():
            return False
    return True


def take_out_shared(
    outputs: list[Output], sources: Sources, harness: str
) -> tuple[list[Output], list[ReportEntry], set[Path]]:
    """``outputs`` without the instruction files shared by symlink with their source, the report
    entries saying so, and the shared paths (watched by the render cache, never removed)."""
    kept: list[Output] = []
    report: list[ReportEntry] = []
    shared_paths: set[Path] = set()
    for output in outputs:
        shared = shared_source(output, sources)
        if shared is None:
            kept.append(output)
            continue
        shared_paths.add(output.path)
        name = output.path.name
        source = shared.origin.name if shared.origin is not None else shared.name
        report.append(
            ReportEntry(
                kind="rules",
                name=str(output.item),
                scope=shared.scope,
                reason=f"{SHARED}: {name} links to {source}, so {harness} already reads the same text",
                action="native",
                path=output.path,
            )
        )
        if output.item not in ("user rules", "project rules"):
            continue  # a nested file holds only path-scoped sections
        for imported in shared.imports:
            report.append(
                ReportEntry.for_item(
                    shared,
                    f"{imported.name} is inlined by Claude Code through an @import; {harness} reads "
                    f"{name} through the link and sees only the @import line",
                    action="warning",
                    path=output.path,
                    field="@import",
                )
            )
        inlined = {_resolved(p) for p in shared.imports}
        for rule in sources.of("rules", level=output.level):
            if rule.origin is not None and _resolved(rule.origin) in inlined:
                continue
            if _left_out(rule, shared, output.root):
                report.append(
                    ReportEntry.for_item(
                        rule,
                        f"not in {name}: {name} is {SHARED} with {source} and hsync writes nothing "
                        f"through the link, so {harness} does not see this rule",
                        action="warning",
                        path=output.path,
                    )
                )
    return kept, report, shared_paths
