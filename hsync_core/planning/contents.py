"""The new contents of one file: a whole file, a link, or the user's TOML/JSON/Markdown file with
hsync's entries set or deleted by the comment-preserving editors. Pure: reads only ``DiskFile``.
"""

from __future__ import annotations

from pathlib import Path

from ..files import jsonc, markdown, tomlfile
from ..models import Change, Context, FileOutput, FileWrite, LinkOutput, MarkdownBlock
from .disk import DiskFile, link_text, parse_key


def file_write(
    path: Path, style: str, disk: DiskFile, changes: list[Change], ctx: Context
) -> FileWrite | None:
    """The bytes ``path`` will hold once ``changes`` (all of one style) are applied to it."""
    root = next((c.output.root for c in changes if c.output is not None), None) or _root_for(path, ctx)
    if style == "file":
        change = changes[-1]
        old = disk.file_bytes() if disk.exists else None
        if change.action == "remove":
            return FileWrite(path=path, root=root, old=old, content=None)
        output = change.output
        assert isinstance(output, FileOutput)
        return FileWrite(
            path=path,
            root=root,
            old=old,
            content=output.content.encode("utf-8"),
            executable=output.executable,
        )
    if style == "link":
        change = changes[-1]
        if change.action == "remove":
            return FileWrite(path=path, root=root, old=None, content=None)
        output = change.output
        assert isinstance(output, LinkOutput)
        return FileWrite(
            path=path,
            root=root,
            old=None,
            content=None,
            link_source=Path(link_text(output)),
            replace_dir=disk.exists,
        )
    text = disk.text or ""
    old = disk.raw
    if style == "block":
        new: str | None = text
        for change in changes:
            if change.action == "remove":
                new = markdown.remove(new or "")
            else:
                assert isinstance(change.output, MarkdownBlock)
                new = markdown.put(new, change.output.content)
    elif style == "toml":
        sets = {
            c.output.key: c.output.value for c in changes if c.action != "remove" and c.output is not None
        }
        deletes = [
            (key, c.created_parents) for c in changes if c.action == "remove" and (key := parse_key(c.id))
        ]
        new = tomlfile.apply(text, sets, deletes)
        if not new.strip():
            new = None
    else:
        sets = [
            (c.output.key, c.output.value) for c in changes if c.action != "remove" and c.output is not None
        ]
        deletes = [
            (key, c.created_parents) for c in changes if c.action == "remove" and (key := parse_key(c.id))
        ]
        new = jsonc.apply(text, sets, deletes)
        if new is not None and jsonc.parse(new).value == {} and not jsonc.has_comments(new):
            new = None
    content = None if new is None else new.encode("utf-8")
    return FileWrite(path=path, root=root, old=old, content=content)


def _root_for(path: Path, ctx: Context) -> Path:
    for base in (ctx.project, ctx.home):
        if base is not None:
            try:
                path.relative_to(base)
                return base
            except ValueError:
                continue
    return path.parent
