"""A skill that went out as a copy (where the harness's folder refused a link) and was then edited
in the harness: what differs, file by file, between the Claude Code skill and the copy.

A copy is a faithful mirror of the skill's directory plus hsync's marker file, so every
difference is an edit made on the harness side: a file changed, added or removed. ``drift``
shows these as diffs and ``adopt`` turns them into edits of the skill's own files.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from attrs import frozen

from ..files.atomicio import COPY_MARKER


@frozen
class FileEdit:
    """One file of the skill: ``old`` its text in the source (None: not there), ``new`` in the copy
    (None: removed there). ``binary``: not UTF-8 text on one side."""

    rel: str
    old: str | None
    new: str | None
    binary: bool = False


def is_copy(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and (path / COPY_MARKER).is_file()


def _files(directory: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath, name)
            rel = path.relative_to(directory).as_posix()
            if rel != COPY_MARKER and not path.is_symlink():  # a link is copied as a link: not edited
                found[rel] = path
    return found


def _read(path: Path | None) -> tuple[str | None, bool]:
    if path is None:
        return None, False
    try:
        data = path.read_bytes()
    except OSError:
        return None, True
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return None, True


def edits(source: Path, copy: Path) -> list[FileEdit]:
    """Every file that differs between the skill ``source`` and its edited ``copy``."""
    ours, theirs = _files(source), _files(copy)
    found = []
    for rel in sorted(set(ours) | set(theirs)):
        old, old_binary = _read(ours.get(rel))
        new, new_binary = _read(theirs.get(rel))
        if old_binary or new_binary:
            a = ours[rel].read_bytes() if rel in ours else None
            b = theirs[rel].read_bytes() if rel in theirs else None
            if a != b:
                found.append(FileEdit(rel, None, None, binary=True))
            continue
        if old != new:
            found.append(FileEdit(rel, old, new))
    return found


def diff_text(found: list[FileEdit], source_shown: str, copy_shown: str) -> str:
    """Unified diffs: ``---`` the Claude Code skill's file, ``+++`` the copy's."""
    out: list[str] = []
    for edit in found:
        if edit.binary:
            out.append(f"Binary file {edit.rel} differs\n")
            continue
        out.extend(
            difflib.unified_diff(
                (edit.old or "").splitlines(keepends=True),
                (edit.new or "").splitlines(keepends=True),
                fromfile=f"{source_shown}/{edit.rel}" if edit.old is not None else "/dev/null",
                tofile=f"{copy_shown}/{edit.rel}" if edit.new is not None else "/dev/null",
            )
        )
    text = "".join(out)
    return text if not text or text.endswith("\n") else text + "\n"
