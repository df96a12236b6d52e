"""Nested project configuration: ``CLAUDE.md`` files in project subfolders
(``packages/api/CLAUDE.md``) and ``.claude/skills`` in project subfolders (read by Claude Code
since 2.1.178), each item marked with its ``folder``.

The walk is bounded: at most ``MAX_DEPTH`` folders deep and ``MAX_FOLDERS`` folders in all (a
note says where it stopped). It never enters a hidden folder (``.git``, ``.venv``, the
subfolder's own ``.claude`` is looked at directly), a dependency or build folder
(``node_modules``, ``venv``, ``__pycache__``, ``dist``, ``build``, ``target``…), a linked folder,
a folder git ignores (one ``git ls-files --ignored --directory`` at the start; outside a git
repository nothing is ignored), or the user's home or Claude Code folder (a project that holds
the home, as a dotfiles checkout may: what is there is user configuration, not a subfolder's).
"""

from __future__ import annotations

import os
import subprocess
from collections import deque
from pathlib import Path

from ..files.witness import probe
from .reading import Read, source_file
from .rules import read_rule
from .skills import read_skills

MAX_DEPTH = 8
MAX_FOLDERS = 5000
SKIPPED = frozenset(
    {"node_modules", "venv", "__pycache__", "dist", "build", "target", "vendor", "bower_components"}
)


def _ignored(project: Path) -> set[str] | None:
    """The project-relative folders git ignores, or None when git cannot say (not a repository,
    no git)."""
    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"],
            cwd=project,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    return {n.rstrip("/") for n in names if n.endswith("/")}


def _git_settings(project: Path) -> list[Path]:
    """The files besides each folder's ``.gitignore`` that decide what git ignores."""
    home = Path(os.environ.get("HOME") or Path.home())
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    git = project / ".git"
    return [git / "info" / "exclude", git / "config", home / ".gitconfig", config_home / "git" / "ignore"]


def nested_folders(project: Path, outside: tuple[Path, ...] = ()) -> tuple[list[str], bool]:
    """Project subfolders to look in (relative, POSIX, breadth first), and whether the walk
    stopped at ``MAX_FOLDERS``; the folders ``outside`` (the home, the Claude Code folder) and
    what is below them are left out."""
    ignored = _ignored(project) or set()
    for path in _git_settings(project):
        probe(path)  # what git read to answer (a run served from the memo must see their edits)
    for folder in outside:
        try:
            ignored.add(folder.relative_to(project).as_posix())
        except ValueError:
            continue
    found: list[str] = []
    queue: deque[tuple[Path, str, int]] = deque([(project, "", 0)])
    seen = 0
    while queue:
        directory, rel, depth = queue.popleft()
        if depth >= MAX_DEPTH:
            continue
        probe(directory / ".gitignore")
        try:
            with os.scandir(directory) as entries:
                children = sorted(
                    (e.name for e in entries if e.is_dir(follow_symlinks=False)),
                )
        except OSError:
            continue
        for name in children:
            if name.startswith(".") or name in SKIPPED:
                continue
            child = f"{rel}/{name}" if rel else name
            if child in ignored:
                continue
            seen += 1
            if seen > MAX_FOLDERS:
                return found, True
            found.append(child)
            queue.append((directory / name, child, depth + 1))
    return found, False


def read_nested(r: Read) -> None:
    """Every subfolder's ``CLAUDE.md`` (a rule named by its path) and ``.claude/skills``."""
    if r.project is None:
        return
    folders, stopped = nested_folders(r.project, (r.home, r.claude))
    if stopped:
        r.note(
            "rules",
            "nested CLAUDE.md",
            "project",
            f"stopped looking for nested CLAUDE.md and .claude/skills after {MAX_FOLDERS} folders",
            r.project,
        )
    for folder in folders:
        base = r.project / folder
        claude_md = base / "CLAUDE.md"
        if source_file(claude_md):
            read_rule(
                r, claude_md, f"{folder}/CLAUDE.md", "project", "project", allow_paths=False, folder=folder
            )
        skills = base / ".claude" / "skills"
        probe(skills)
        if skills.is_dir():
            read_skills(r, skills, "project", "project", folder=folder)
