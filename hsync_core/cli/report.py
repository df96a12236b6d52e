"""Turn a :class:`~hsync_core.engine.RunResult` into what people read, or into JSON."""

from __future__ import annotations

from pathlib import Path

from ..engine import RunResult, TargetResult
from ..models import ReportEntry
from ..operations.diff import display_path, entry_lines, unified
from ..operations.results_json import to_json
from .common import echo, printable, styled

__all__ = ["print_diff", "print_errors", "print_problems", "print_run", "to_json"]

SYMBOLS = {
    "create": ("+", "green"),
    "update": ("~", "yellow"),
    "remove": ("-", "red"),
    "conflict": ("!", "red"),
    "failed": ("x", "red"),
    "unchanged": ("=", None),
    "kept": ("k", "cyan"),
}
STATUS_COLOURS = {"success": "green", "unchanged": None, "partial": "yellow", "failed": "red"}


def _summary(target: TargetResult) -> str:
    counts = target.counts
    labels = {"native": "read natively"}
    parts = [f"{n} {labels.get(label, label)}" for label, n in counts.items() if n]
    return ", ".join(parts) or "nothing to do"


def problem_line(label: str, entry: ReportEntry, home: Path, project: Path | None) -> str:
    """``hsync: skipped agents 'reviewer' [user] (~/.claude/agents/reviewer.md): reason``: the
    item (kind, name, scope), then the file, then the problem."""
    scope = f" [{entry.scope}]" if entry.scope else ""
    where = f" ({display_path(entry.path, home, project)})" if entry.path else ""
    return printable(f"hsync: {label} {entry.kind} '{entry.name}'{scope}{where}: {entry.reason}")


def print_problems(result: RunResult, home: Path, project: Path | None = None, verbose: bool = False) -> None:
    for warning in result.warnings:
        echo(f"hsync: warning: {warning}", err=True)
    for problem in result.problems:
        if problem.action == "skipped":
            echo(problem_line("skipped", problem, home, project), err=True)
        elif problem.action == "info" and verbose:
            echo(problem_line("note:", problem, home, project))


def print_errors(result: RunResult, home: Path, project: Path | None = None) -> None:
    """The errors of a run, one line each on stderr (also when the JSON carries them)."""
    for name, target in result.targets.items():
        if target.error:
            echo(f"hsync: {name}: {target.error}", err=True)
        for change in target.changes:
            if change.action in ("conflict", "failed"):
                reason = f": {change.reason}" if change.reason else ""
                path = display_path(change.path, home, project)
                echo(
                    printable(
                        f"hsync: {name}: {change.action} {change.kind} '{change.item}' ({path}){reason}"
                    ),
                    err=True,
                )


def print_run(
    result: RunResult, home: Path, *, project: Path | None = None, quiet: bool = False, verbose: bool = False
) -> None:
    print_problems(result, home, project, verbose)
    for name, target in result.targets.items():
        colour = STATUS_COLOURS.get(target.status)
        if not quiet or target.status in ("partial", "failed"):
            echo(f"{styled(name, bold=True)}: {styled(target.status, fg=colour)} ({_summary(target)})")
        if target.error:
            echo(f"hsync: {name}: {target.error}", err=True)
        for change in target.changes:
            if change.action in ("unchanged", "kept") and not verbose:
                continue
            if quiet and change.action not in ("conflict", "failed"):
                continue
            symbol, fg = SYMBOLS[change.action]
            where = printable(f"{change.kind} {change.item} -> {display_path(change.path, home, project)}")
            line = f"  {styled(symbol, fg=fg)} {change.action:<9} {where}"
            if change.reason:
                line += f": {change.reason}"
            echo(line)
            if change.action in ("failed", "conflict"):  # problems also reach stderr, one line each
                where = display_path(change.path, home, project)
                echo(
                    printable(f"hsync: {name}: {change.action}: {where}: {change.reason or change.action}"),
                    err=True,
                )
        for entry in target.report:
            if entry.action in ("info", "native") and not verbose:
                continue
            if quiet and entry.action != "skipped":
                continue
            label = {"skipped": "skipped", "warning": "warning", "info": "note", "native": "native"}.get(
                entry.action, entry.action
            )
            echo(f"  {styled('·', fg='cyan')} {label:<9} {entry.kind} {entry.name}: {entry.reason}")


def print_diff(result: RunResult, home: Path, project: Path | None = None) -> None:
    """Unified diffs for each path that would change, then entry lines for shared files."""
    from ..planning.secrets import mask, secret_values

    secrets = secret_values(c for t in result.targets.values() for c in t.changes)
    seen: set[Path] = set()
    for target in result.targets.values():
        for write in target.writes:
            if write.path in seen:
                continue
            seen.add(write.path)
            text = unified(write, display_path(write.path, home, project))
            if text:
                echo(mask(text, secrets).rstrip("\n"))  # tokens never reach the terminal
    lines = []
    for target in result.targets.values():
        lines.extend(entry_lines(target.changes))
    for line in dict.fromkeys(lines):
        colour = {"+": "green", "-": "red", "~": "yellow"}.get(line[:1])
        echo(styled(line, fg=colour))
