"""How a plan is shown: unified diffs for files, ``+ / - / ~`` lines for entries in shared files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..models import Change, FileWrite


def _lines(data: bytes | None) -> list[str]:
    if data is None:
        return []
    return data.decode("utf-8", "replace").splitlines(keepends=True)


def unified(write: FileWrite, display: str) -> str:
    """A unified diff of one path's old and new bytes (or a line for a link)."""
    if write.link_source is not None:
        return f"--- {display}\n+++ {display}\n+ link -> {write.link_source}\n"
    import difflib

    old = _lines(write.old)
    new = _lines(write.content)
    fromfile = display if write.old is not None else "/dev/null"
    tofile = display if write.content is not None else "/dev/null"
    text = "".join(difflib.unified_diff(old, new, fromfile=fromfile, tofile=tofile))
    if text and not text.endswith("\n"):
        text += "\n"
    return text


def entry_lines(changes: Iterable[Change]) -> list[str]:
    """``+ mcp_servers.github`` lines for the entries of shared files that change."""
    return [
        f"{c.detail}  ({c.path})" for c in changes if c.detail and c.action in ("create", "update", "remove")
    ]


def display_path(path: Path, home: Path, project: Path | None = None) -> str:
    """``AGENTS.md`` for a path in the project, ``~/.codex/…`` for one in the home directory."""
    for base, prefix in ((project, ""), (home, "~/")):
        if base is None:
            continue
        try:
            return prefix + path.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)
