"""Slash commands: ``<dir>/**/<name>.md``; subfolders become the ``folder:name`` namespace.

Claude Code loads any Markdown file there as a command, front matter or not (``claude plugin
validate`` only warns that it has none), so hsync does too — except the documents a collection
keeps beside its commands (``README.md``, ``CONTRIBUTING.md``, ``LICENSE.md``, ``CHANGELOG.md``,
``CODE_OF_CONDUCT.md``, ``SECURITY.md``) that have no front matter: not commands, ignored and
listed by ``hsync sources --verbose``. A plugin manifest may name single command files.
"""

from __future__ import annotations

from pathlib import Path

from ..models import Command
from ..rendering.naming import unsafe_name_reason
from . import frontmatter
from .reading import Read

#: documents of a collection, not commands (when they have no front matter)
DOCUMENTS = frozenset({"readme", "contributing", "license", "changelog", "code_of_conduct", "security"})


def read_commands(r: Read, directory: Path, scope: str, level: str, plugin: str | None = None) -> None:
    for path, parents in r.walk_md(directory, "commands", scope):
        read_command_file(r, path, parents, scope, level, plugin)


def read_command_file(
    r: Read, path: Path, parents: tuple[str, ...], scope: str, level: str, plugin: str | None = None
) -> None:
    name = path.stem
    label = "/".join((*parents, name))
    reason = unsafe_name_reason(name) or next(filter(None, map(unsafe_name_reason, parents)), None)
    if reason:
        r.skip("commands", label, scope, reason, path)
        return
    parsed = r.front_matter(path, "commands", label, scope)
    if parsed is None:
        return
    meta, body = parsed
    if not meta and name.lower() in DOCUMENTS:
        r.ignore("commands", label, scope, "a document without front matter, not a command", path)
        return
    r.items.append(
        Command(
            name=name,
            scope=scope,
            level=level,
            origin=path,
            plugin=plugin,
            namespace=parents,
            description=frontmatter.as_text(meta.get("description")),
            argument_hint=frontmatter.as_text(meta.get("argument-hint")),
            allowed_tools=frontmatter.as_list(meta.get("allowed-tools")),
            model=frontmatter.as_text(meta.get("model")),
            frontmatter=meta,
            body=body,
        )
    )
