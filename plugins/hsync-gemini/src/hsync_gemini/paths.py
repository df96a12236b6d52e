"""Where Gemini CLI keeps its files, per level.

User level: ``$GEMINI_CLI_HOME/.gemini`` (Gemini reads ``GEMINI_CLI_HOME`` instead of ``HOME``
when it is set), default ``~/.gemini``; its ``GEMINI.md`` lives inside it. Project level: the
project's ``.gemini/`` directory, with ``GEMINI.md`` at the project root.
"""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from hsync_core import Context

INSTRUCTIONS = "GEMINI.md"
SETTINGS = "settings.json"
#: the policy file hsync owns in ``~/.gemini/policies`` (the user tier of Gemini's policy engine)
POLICY_FILE = "hsync.toml"


def gemini_home(ctx: Context) -> Path:
    """``~/.gemini``, or ``$GEMINI_CLI_HOME/.gemini``."""
    return ctx.env_dir("GEMINI_CLI_HOME", ctx.home) / ".gemini"


@frozen
class Place:
    """The files of one level: ``root`` is the directory every output of the level stays in."""

    level: str
    root: Path
    dot_gemini: Path

    @property
    def instructions_root(self) -> Path:
        """The directory holding ``GEMINI.md`` (``~/.gemini``, or the project root)."""
        return self.root

    @property
    def settings(self) -> Path:
        return self.dot_gemini / SETTINGS

    def skill(self, name: str) -> Path:
        return self.dot_gemini / "skills" / name

    def agent(self, name: str) -> Path:
        return self.dot_gemini / "agents" / f"{name}.md"

    def command(self, parts: tuple[str, ...]) -> Path:
        *folders, name = parts
        return self.dot_gemini.joinpath("commands", *folders, f"{name}.toml")

    @property
    def policy(self) -> Path:
        return self.dot_gemini / "policies" / POLICY_FILE


def place(ctx: Context, level: str) -> Place | None:
    """The files of ``level``; None for the project level when there is no project."""
    if level == "user":
        home = gemini_home(ctx)
        return Place(level="user", root=home, dot_gemini=home)
    if ctx.project is None:
        return None
    return Place(level="project", root=ctx.project, dot_gemini=ctx.project / ".gemini")
