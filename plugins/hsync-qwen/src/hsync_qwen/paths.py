"""Where Qwen Code keeps its files, per level.

User level: ``$QWEN_HOME`` when it is set (it replaces ``~/.qwen`` itself, not its parent), else
``~/.qwen``; its ``QWEN.md`` lives inside it. Project level: the project's ``.qwen/`` directory,
with ``QWEN.md`` at the project root and the personal ``.qwen/QWEN.local.md``.
"""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from hsync_core import Context

INSTRUCTIONS = "QWEN.md"
LOCAL_INSTRUCTIONS = "QWEN.local.md"
SETTINGS = "settings.json"


def qwen_home(ctx: Context) -> Path:
    """``~/.qwen``, or ``$QWEN_HOME``."""
    return ctx.env_dir("QWEN_HOME", ctx.home / ".qwen")


@frozen
class Place:
    """The files of one level: ``root`` is the directory every output of the level stays in."""

    level: str
    root: Path
    dot_qwen: Path

    @property
    def instructions_root(self) -> Path:
        """The directory holding ``QWEN.md`` (``~/.qwen``, or the project root)."""
        return self.root

    @property
    def settings(self) -> Path:
        return self.dot_qwen / SETTINGS

    def skill(self, name: str) -> Path:
        return self.dot_qwen / "skills" / name

    def agent(self, name: str) -> Path:
        return self.dot_qwen / "agents" / f"{name}.md"

    def command(self, parts: tuple[str, ...]) -> Path:
        *folders, name = parts
        return self.dot_qwen.joinpath("commands", *folders, f"{name}.md")

    def rule(self, name: str) -> Path:
        return self.dot_qwen / "rules" / f"{name}.md"


def place(ctx: Context, level: str) -> Place | None:
    """The files of ``level``; None for the project level when there is no project."""
    if level == "user":
        home = qwen_home(ctx)
        return Place(level="user", root=home, dot_qwen=home)
    if ctx.project is None:
        return None
    return Place(level="project", root=ctx.project, dot_qwen=ctx.project / ".qwen")
