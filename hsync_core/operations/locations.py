"""Where things are for a run started by a person or a hook: the home directory, ``$HSYNC_HOME``
and the project (``--project``, else the git root above the current directory)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import UsageError


def home_dir() -> Path:
    return Path(os.environ.get("HOME") or Path.home()).expanduser()


def hsync_home(home: Path) -> Path:
    value = os.environ.get("HSYNC_HOME")
    return Path(value).expanduser() if value else home / ".hsync"


def find_project(option: str | None, home: Path) -> Path | None:
    """``--project``, else the git root above the current directory, else the current directory.

    The home directory itself is not a project (its project files would be the user's own).
    """
    if option:
        project = Path(option).expanduser()
        if not project.is_dir():
            raise UsageError(f"--project {option}: no such directory")
        project = project.resolve()
    else:
        cwd = Path.cwd().resolve()
        project = next((p for p in (cwd, *cwd.parents) if (p / ".git").exists()), cwd)
    if project == home.resolve() or project == Path(project.anchor):
        return None
    return project
