"""Skills: ``<dir>/<name>/SKILL.md`` and every file of the skill's folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..models import Skill
from ..rendering.naming import unsafe_name_reason
from . import frontmatter
from .reading import Read


def read_skills(r: Read, directory: Path, scope: str, level: str, plugin: str | None = None) -> None:
    for entry in r.listdir(directory, "skills", scope):
        if entry.name.startswith(".") or not r.entry_is(entry, "dir", "skills", scope):
            continue
        name = entry.name
        skill_dir = Path(entry.path)
        reason = unsafe_name_reason(name)
        if reason:
            r.skip("skills", name, scope, reason, skill_dir)
            continue
        skill_md = skill_dir / "SKILL.md"
        if not skill_md.is_file():
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
            )
        )


def _files_below(directory: Path) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(directory, onerror=_raise):
        dirnames[:] = sorted(d for d in dirnames if d not in (".git", "__pycache__"))
        rel = Path(dirpath).relative_to(directory)
        for filename in filenames:
            yield (rel / filename).as_posix()


def _raise(exc: OSError) -> None:
    raise exc
