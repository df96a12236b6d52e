"""Skills: ``<dir>/<name>/SKILL.md`` and every file of the skill's folder.

Only the folders directly under ``skills/`` are skills; a ``SKILL.md`` deeper inside a skill's
folder (a template under ``references/``) is one of that skill's files, as for Claude Code. A
linked skill folder, and linked files and folders inside a skill, are followed; a dangling link
is reported by the skill's name, and a folder that leads back to one of its parents is reported
as a loop and not entered.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..files.witness import probe
from ..models import Skill
from ..rendering.naming import unsafe_name_reason
from . import frontmatter
from .reading import Read


def read_skills(
    r: Read,
    directory: Path,
    scope: str,
    level: str,
    plugin: str | None = None,
    *,
    only: str | None = None,
    folder: str = "",
) -> None:
    for skill_dir, is_dir in r.entries(directory, "skills", scope):
        if not is_dir or (only is not None and skill_dir.name != only):
            continue
        name = skill_dir.name
        reason = unsafe_name_reason(name)
        if reason:
            r.skip("skills", name, scope, reason, skill_dir)
            continue
        skill_md = skill_dir / "SKILL.md"
        probe(skill_md)
        try:
            found = skill_md.is_file()  # raises when the folder may not be searched
        except OSError as exc:
            r.skip("skills", name, scope, f"cannot read directory: {exc.strerror or exc}", skill_dir)
            continue
        if not found:
            r.skip("skills", name, scope, "no SKILL.md in the skill directory", skill_dir)
            continue
        parsed = r.front_matter(skill_md, "skills", name, scope)
        if parsed is None:
            continue
        meta, body = parsed
        declared = meta.get("name")
        if declared is not None and unsafe_name_reason(str(declared)):
            r.skip("skills", name, scope, f"front matter {unsafe_name_reason(str(declared))}", skill_md)
            continue
        try:
            files = tuple(sorted(_files_below(skill_dir)))
        except _Unfollowable as exc:
            r.skip("skills", name, scope, str(exc), exc.path)
            continue
        except OSError as exc:
            r.skip("skills", name, scope, f"cannot read directory: {exc.strerror or exc}", skill_dir)
            continue
        r.items.append(
            Skill(
                name=name,
                scope=scope,
                level=level,
                origin=skill_dir,
                plugin=plugin,
                description=frontmatter.as_text(meta.get("description")) or "",
                frontmatter=meta,
                body=body,
                files=files,
                folder=folder,
            )
        )


class _Unfollowable(OSError):
    """A link inside a skill that cannot be followed (dangling, or a loop)."""

    def __init__(self, message: str, path: Path):
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        return self.args[0]


def _files_below(directory: Path) -> Iterator[str]:
    """Every file of the skill, relative, links followed (a loop or a dangling link raises)."""
    parents: list[str] = []

    def walk(d: Path, rel: Path) -> Iterator[str]:
        real = os.path.realpath(d)
        if real in parents:
            raise _Unfollowable(f"link loop: {d} leads back to {real}", d)
        parents.append(real)
        with os.scandir(d) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink() and not path.exists():
                raise _Unfollowable(
                    f"dangling link {(rel / entry.name).as_posix()} -> {os.readlink(path)}", path
                )
            if entry.is_dir():
                if entry.name not in (".git", "__pycache__"):
                    yield from walk(path, rel / entry.name)
            elif entry.is_file():
                yield (rel / entry.name).as_posix()
        parents.pop()

    yield from walk(directory, Path("."))
