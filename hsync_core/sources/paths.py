"""Which files are Claude Code sources, and of which scope: what the daemon watches and what
makes the ``PostToolUse`` hook sync.

User level: ``~/.claude.json`` and everything under ``~/.claude/`` (or ``$CLAUDE_CONFIG_DIR`` and
the ``.claude.json`` in it, see :mod:`hsync_core.sources.locations`) except what Claude Code keeps
for itself while it runs (transcripts, todos, shell snapshots, logs...), which changes all the
time and is never read by hsync. Project level: ``CLAUDE.md``, ``CLAUDE.local.md``, ``.mcp.json``
and ``.hsync.toml`` at the project root, everything under ``<project>/.claude/``, and a
subfolder's ``CLAUDE.md`` or ``.claude/skills`` (outside hidden and dependency folders). hsync's own
``$HSYNC_HOME/config.toml`` concerns every scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .nested import SKIPPED

#: top-level entries of ~/.claude that Claude Code writes while it runs and hsync never reads
CLAUDE_RUNTIME = frozenset(
    {
        "projects",
        "todos",
        "shell-snapshots",
        "statsig",
        "ide",
        "logs",
        "debug",
        "session-env",
        "file-history",
        "paste-cache",
        "telemetry",
        "history.jsonl",
        "stats-cache.json",
        ".credentials.json",
    }
)
PROJECT_FILES = frozenset({"CLAUDE.md", "CLAUDE.local.md", ".mcp.json", ".hsync.toml"})


def _relative(path: Path, root: Path) -> tuple[str, ...] | None:
    try:
        return path.relative_to(root).parts
    except ValueError:
        return None


def source_scope(
    path: Path,
    *,
    home: Path,
    hsync_home: Path,
    projects: Iterable[Path] = (),
    claude_dir: Path | None = None,
) -> tuple[str, Path | None] | None:
    """``("user", None)``, ``("project", root)`` or ``("all", None)`` for a source path (absolute,
    normalised); None for any other path. ``claude_dir`` is the user's Claude Code folder when
    ``CLAUDE_CONFIG_DIR`` moves it (its ``.claude.json`` is then inside it)."""
    if path == hsync_home / "config.toml":
        return ("all", None)
    claude = claude_dir if claude_dir is not None else home / ".claude"
    claude_json = claude / ".claude.json" if claude_dir is not None else home / ".claude.json"
    if path == claude_json:
        return ("user", None)
    parts = _relative(path, claude)
    if parts is not None:
        if parts and parts[0] in CLAUDE_RUNTIME:
            return None
        return ("user", None)
    for root in projects:
        parts = _relative(path, root)
        if not parts:
            continue
        if (len(parts) == 1 and parts[0] in PROJECT_FILES) or parts[0] == ".claude" or _nested(parts):
            return ("project", root)
    return None


def _nested(parts: tuple[str, ...]) -> bool:
    """A subfolder's ``CLAUDE.md`` or a file of its ``.claude/skills`` (see
    :mod:`hsync_core.sources.nested`; the daemon does not watch subfolders, the hook sees edits)."""
    folders = parts[:-1]
    if any((p.startswith(".") and p != ".claude") or p in SKIPPED for p in folders):
        return False
    if parts[-1] == "CLAUDE.md":
        return True
    return any(folders[i : i + 2] == (".claude", "skills") for i in range(len(folders)))
