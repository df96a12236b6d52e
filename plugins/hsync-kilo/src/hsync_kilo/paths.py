"""Where Kilo keeps its files, per level.

User level: ``$XDG_CONFIG_HOME/kilo/`` (default ``~/.config/kilo``) holds ``AGENTS.md``,
``kilo.json`` (or ``kilo.jsonc``), ``agent/``, ``command/`` and ``skill/``. Project level:
``AGENTS.md`` and ``kilo.json`` at the project root, the rest in ``<project>/.kilo/``. Kilo does
not read ``.opencode/``. The levels are OpenCode's :class:`hsync_opencode.paths.Place`, so the
OpenCode renderers write into them unchanged.
"""

from __future__ import annotations

from pathlib import Path

from hsync_core import Context
from hsync_opencode.paths import Place

CONFIG_NAMES = ("kilo.jsonc", "kilo.json")


def config_dir(ctx: Context) -> Path:
    """Kilo's user directory: ``$XDG_CONFIG_HOME/kilo``."""
    return ctx.xdg_config_home / "kilo"


def config_file(*directories: Path, default: Path | None = None) -> Path:
    """The first existing ``kilo.jsonc`` / ``kilo.json`` in ``directories``, else ``default``.

    ``default`` is ``<first directory>/kilo.json`` unless given.

    Kilo creates ``~/.config/kilo/kilo.jsonc`` on its first start when there is no config file,
    and edits an existing ``kilo.json`` in place, so the file that exists is the one to use.
    """
    for directory in directories:
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
    return default or directories[0] / "kilo.json"


def user_place(ctx: Context) -> Place:
    directory = config_dir(ctx)
    return Place(level="user", root=directory, base=directory, config=config_file(directory))


def project_place(project: Path) -> Place:
    # Kilo reads <project>/kilo.json and <project>/.kilo/kilo.json (the latter wins)
    config = config_file(project / ".kilo", project, default=project / "kilo.json")
    return Place(level="project", root=project, base=project / ".kilo", config=config)


def places(ctx: Context) -> list[Place]:
    """The levels this run writes, user first."""
    found = [user_place(ctx)] if ctx.wants_level("user") else []
    if ctx.project is not None and ctx.wants_level("project"):
        found.append(project_place(ctx.project))
    return found
