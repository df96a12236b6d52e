"""Where Copilot CLI keeps its files, and what its own ``config.json`` says about trust.

========== ==================================== ==================================================
level      root                                 files hsync writes
========== ==================================== ==================================================
user       ``$COPILOT_HOME`` (``~/.copilot``)   ``copilot-instructions.md`` (block), ``instructions/``,
                                                ``mcp-config.json`` (entries), ``skills/``, ``agents/``,
                                                ``hooks/hsync.json``
project    the project directory                ``.github/copilot-instructions.md`` (block),
                                                ``.github/mcp.json`` (entries), ``.github/skills/``,
                                                ``.github/agents/``, ``.github/hooks/hsync.json``
========== ==================================== ==================================================

hsync reads ``$COPILOT_HOME/config.json`` (trusted folders) and never writes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attrs import frozen

from hsync_core import Context, jsonc

TARGET = "copilot"
HARNESS = "Copilot"


def copilot_home(ctx: Context) -> Path:
    """``$COPILOT_HOME``, else ``~/.copilot``."""
    return ctx.env_dir("COPILOT_HOME", ctx.home / ".copilot")


@frozen
class Place:
    """Where one level's outputs go."""

    level: str
    root: Path
    instructions: Path
    mcp: Path
    skills: Path
    agents: Path
    hooks: Path

    @classmethod
    def user(cls, ctx: Context) -> Place:
        home = copilot_home(ctx)
        return cls(
            "user",
            home,
            home / "copilot-instructions.md",
            home / "mcp-config.json",
            home / "skills",
            home / "agents",
            home / "hooks" / "hsync.json",
        )

    @classmethod
    def project(cls, project: Path) -> Place:
        dot = project / ".github"
        return cls(
            "project",
            project,
            dot / "copilot-instructions.md",
            dot / "mcp.json",
            dot / "skills",
            dot / "agents",
            dot / "hooks" / "hsync.json",
        )

    def show(self, path: Path) -> str:
        """``path`` as a person names it: relative to the project, or under ``$COPILOT_HOME``."""
        rel = path.relative_to(self.root).as_posix()
        return rel if self.level == "project" else f"$COPILOT_HOME/{rel}"


def places(ctx: Context) -> list[Place]:
    found = [Place.user(ctx)]
    if ctx.project is not None:
        found.append(Place.project(ctx.project))
    return [p for p in found if ctx.wants_level(p.level)]


def read_json(path: Path) -> Any:
    """A Copilot JSON file (its ``config.json`` starts with ``//`` comments); broken or absent: None."""
    try:
        return jsonc.parse(path.read_text(encoding="utf-8")).value
    except (OSError, UnicodeDecodeError, jsonc.JsoncError):
        return None


def is_trusted(ctx: Context, project: Path) -> bool:
    """True when ``$COPILOT_HOME/config.json`` lists ``project`` (or a folder above it) as trusted."""
    config = read_json(copilot_home(ctx) / "config.json")
    folders = config.get("trustedFolders") if isinstance(config, dict) else None
    if not isinstance(folders, list):
        return False
    candidates = {project, project.resolve()}
    for folder in folders:
        if not isinstance(folder, str) or not folder:
            continue
        base = Path(folder).expanduser()
        for path in candidates:
            if path == base or base in path.parents:
                return True
    return False
