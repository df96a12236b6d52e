"""Where OpenCode keeps its files, per level.

User level: ``$XDG_CONFIG_HOME/opencode/`` (default ``~/.config/opencode``) holds ``AGENTS.md``,
``opencode.json``, ``agent/``, ``command/`` and ``skill/``. Project level: ``AGENTS.md`` and
``opencode.json`` at the project root, the rest in ``<project>/.opencode/``.
"""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from hsync_core import Context

CONFIG_NAMES = ("opencode.jsonc", "opencode.json")


def config_dir(ctx: Context) -> Path:
    """OpenCode's user directory: ``$XDG_CONFIG_HOME/opencode``."""
    return ctx.xdg_config_home / "opencode"


def config_file(directory: Path) -> Path:
    """``opencode.jsonc`` when it exists there (OpenCode lets it win over ``opencode.json``), else ``opencode.json``."""
    for name in CONFIG_NAMES:
        if (directory / name).is_file():
            return directory / name
    return directory / "opencode.json"


@frozen(kw_only=True)
class Place:
    """One level's files: ``root`` bounds every write; ``base`` holds ``agent/``, ``command/``, ``skill/``."""

    level: str
    root: Path
    base: Path
    config: Path

    @property
    def agents(self) -> Path:
        return self.base / "agent"

    @property
    def commands(self) -> Path:
        return self.base / "command"

    @property
    def skills(self) -> Path:
        return self.base / "skill"

    def show(self, path: Path) -> str:
        """``path`` for a report line: relative to the level's root (``~/.config/opencode/…``-free)."""
        try:
            relative = path.relative_to(self.root).as_posix()
        except ValueError:
            return path.name
        return relative if self.level == "project" else f"{self.root.name}/{relative}"


def user_place(ctx: Context) -> Place:
    directory = config_dir(ctx)
    return Place(level="user", root=directory, base=directory, config=config_file(directory))


def project_place(project: Path) -> Place:
    return Place(level="project", root=project, base=project / ".opencode", config=config_file(project))


def places(ctx: Context) -> list[Place]:
    """The levels this run writes, user first."""
    found = [user_place(ctx)] if ctx.wants_level("user") else []
    if ctx.project is not None and ctx.wants_level("project"):
        found.append(project_place(ctx.project))
    return found
