"""Rules: ``~/.claude/CLAUDE.md``, ``~/.claude/rules/**``, the project's ``CLAUDE.md``,
``.claude/CLAUDE.md``, ``.claude/rules/**`` (with ``paths:`` globs) and ``CLAUDE.local.md``, each
with its ``@imports`` inlined."""

from __future__ import annotations

from pathlib import Path

from ..models import ReportEntry, Rule
from . import frontmatter
from .imports import resolve_imports
from .reading import Read, source_file


def read_rule(
    r: Read, path: Path, name: str, scope: str, level: str, *, allow_paths: bool, folder: str = ""
) -> None:
    parsed = r.front_matter(path, "rules", name, scope)
    if parsed is None:
        return
    meta, body = parsed
    text, imports, problems = resolve_imports(body, path, r.home)
    for problem in problems:
        r.report.append(
            ReportEntry(kind="rules", name=name, scope=scope, reason=problem, action="warning", path=path)
        )
    globs: tuple[str, ...] = ()
    if allow_paths and meta.get("paths") is not None:
        raw = meta["paths"]
        globs = tuple(str(g) for g in raw) if isinstance(raw, list) else frontmatter.as_list(raw)
    r.items.append(
        Rule(
            name=name,
            scope=scope,
            level=level,
            origin=path,
            text=text,
            paths=globs,
            imports=imports,
            folder=folder,
        )
    )


def read_rules(r: Read) -> None:
    user_md = r.claude / "CLAUDE.md"
    if source_file(user_md):
        read_rule(r, user_md, "~/.claude/CLAUDE.md", "user", "user", allow_paths=False)
    for path, parents in r.walk_md(r.claude / "rules", "rules", "user"):
        read_rule(
            r, path, "~/.claude/rules/" + "/".join((*parents, path.name)), "user", "user", allow_paths=True
        )
    if r.project is None:
        return
    for rel in ("CLAUDE.md", ".claude/CLAUDE.md"):
        if source_file(r.project / rel):
            read_rule(r, r.project / rel, rel, "project", "project", allow_paths=False)
    for path, parents in r.walk_md(r.project / ".claude" / "rules", "rules", "project"):
        read_rule(
            r,
            path,
            ".claude/rules/" + "/".join((*parents, path.name)),
            "project",
            "project",
            allow_paths=True,
        )
    local = r.project / "CLAUDE.local.md"
    if source_file(local):
        read_rule(r, local, "CLAUDE.local.md", "local", "project", allow_paths=False)
