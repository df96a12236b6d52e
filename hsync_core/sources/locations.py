"""Where Claude Code keeps the user's configuration: ``~/.claude`` and ``~/.claude.json``, or,
when ``CLAUDE_CONFIG_DIR`` is set, that folder and the ``.claude.json`` inside it (what Claude
Code itself reads then: ``claude mcp list`` with the variable set lists the servers of
``$CLAUDE_CONFIG_DIR/.claude.json`` and no longer those of ``~/.claude.json``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from attrs import frozen

VARIABLE = "CLAUDE_CONFIG_DIR"


@frozen
class ClaudeLocations:
    """The user's Claude Code folder and its ``.claude.json``."""

    config_dir: Path
    claude_json: Path
    from_variable: bool


def claude_locations(home: Path, environ: Mapping[str, str]) -> ClaudeLocations:
    """``$CLAUDE_CONFIG_DIR`` (``~`` expanded against ``home``, relative to ``home`` when not
    absolute) and its ``.claude.json``; else ``home/.claude`` and ``home/.claude.json``."""
    value = (environ.get(VARIABLE) or "").strip()
    if not value:
        return ClaudeLocations(home / ".claude", home / ".claude.json", False)
    if value == "~" or value.startswith("~/"):
        path = home / value[2:]
    else:
        path = Path(value) if os.path.isabs(value) else home / value
    path = Path(os.path.normpath(path))
    return ClaudeLocations(path, path / ".claude.json", True)


def moved_claude_dir(home: Path, environ: Mapping[str, str]) -> Path | None:
    """The user's Claude Code folder, links resolved, when ``CLAUDE_CONFIG_DIR`` moves it; else
    None (``~/.claude``). What the daemon watches and the ``PostToolUse`` hook compares with."""
    where = claude_locations(home, environ)
    return Path(os.path.realpath(where.config_dir)) if where.from_variable else None
