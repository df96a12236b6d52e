"""Where Codex keeps its files, and what its user config says about a project.

Two levels, each with its own root (hsync writes nothing outside it):

========== ================================ ==========================================
level      root                             files
========== ================================ ==========================================
user       ``$CODEX_HOME`` (``~/.codex``)   ``AGENTS.md``, ``config.toml``, ``skills/``, ``agents/``, ``hooks.json``, ``rules/``
project    the project directory            ``AGENTS.md``, ``.codex/config.toml``, ``.codex/skills/``, ``.codex/agents/``, ``.codex/hooks.json``, ``.codex/rules/``
========== ================================ ==========================================
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from attrs import frozen

from hsync_core import Context

TARGET = "codex"
#: Codex's default ``project_doc_max_bytes``: how much of the project's AGENTS.md files it reads
PROJECT_DOC_MAX_BYTES = 32 * 1024


def codex_home(ctx: Context) -> Path:
    """``$CODEX_HOME``, else ``~/.codex``."""
    return ctx.env_dir("CODEX_HOME", ctx.home / ".codex")


@frozen
class Place:
    """Where one level's outputs go."""

    level: str
    root: Path
    config: Path
    skills: Path
    agents: Path

    @property
    def dot(self) -> Path:
        """The folder of Codex's own files at this level (``$CODEX_HOME`` or ``.codex``)."""
        return self.config.parent

    @property
    def hooks(self) -> Path:
        return self.dot / "hooks.json"

    @property
    def rules(self) -> Path:
        return self.dot / "rules"

    @classmethod
    def user(cls, ctx: Context) -> Place:
        home = codex_home(ctx)
        return cls("user", home, home / "config.toml", home / "skills", home / "agents")

    @classmethod
    def project(cls, project: Path) -> Place:
        dot = project / ".codex"
        return cls("project", project, dot / "config.toml", dot / "skills", dot / "agents")

    def nested(self, folder: str) -> Place:
        """The project's place for a subfolder's skills (``<folder>/.codex/skills``), same root."""
        return Place(
            self.level, self.root, self.config, self.root / folder / ".codex" / "skills", self.agents
        )

    def show(self, path: Path) -> str:
        """``path`` as a person would name it: relative to the project, or under ``$CODEX_HOME``."""
        rel = path.relative_to(self.root).as_posix()
        return rel if self.level == "project" else f"$CODEX_HOME/{rel}"


def places(ctx: Context) -> list[Place]:
    found = [Place.user(ctx)]
    if ctx.project is not None:
        found.append(Place.project(ctx.project))
    return found


def read_toml(path: Path) -> dict[str, Any]:
    """A Codex config file as data; an absent, unreadable or broken file reads as empty.

    (A broken file hsync must edit is reported by the core when it plans the edit.)
    """
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def trust_level(user_config: dict[str, Any], project: Path) -> str | None:
    """The ``trust_level`` the user config records for ``project`` (Codex matches the exact path)."""
    projects = user_config.get("projects")
    if not isinstance(projects, dict):
        return None
    for key in dict.fromkeys((str(project), str(project.resolve()))):
        entry = projects.get(key)
        if isinstance(entry, dict) and isinstance(entry.get("trust_level"), str):
            return entry["trust_level"]
    return None


def project_doc_max_bytes(*configs: dict[str, Any]) -> int:
    """``project_doc_max_bytes`` of the last config that sets it, else Codex's default."""
    limit = PROJECT_DOC_MAX_BYTES
    for config in configs:
        value = config.get("project_doc_max_bytes")
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            limit = value
    return limit
