"""What every kind's reader shares: one ``Read`` (the context, the items found, the report of what
was skipped and why), directory listing that follows links the way Claude Code does (a loop is
reported once and not followed, a dangling link is reported by its item name), front matter
parsing that skips a broken item with its line, and strict JSON loading for whole source files.

Report entries of a read: ``skipped`` (an item Claude Code would load that hsync cannot read),
``ignored`` (a file Claude Code does not load either: a README beside the agents, Markdown
without the front matter an agent needs; listed by ``hsync sources --verbose``, never a problem)
and ``info`` (a note, such as an enabled plugin that is not installed).
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InvalidInput
from ..files.witness import probe
from ..models import Context, Item, ReportEntry
from . import frontmatter
from .locations import claude_locations


class Read:
    """One read of the source; collects items and report entries."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.home = ctx.home
        where = claude_locations(ctx.home, ctx.environ)  # CLAUDE_CONFIG_DIR, else ~/.claude
        self.claude = where.config_dir
        self.claude_json = where.claude_json
        self.project = ctx.project
        self.items: list[Item] = []
        self.report: list[ReportEntry] = []

    def skip(self, kind: str, name: str, scope: str, reason: str, path: Path | None = None) -> None:
        self.report.append(ReportEntry(kind=kind, name=name, scope=scope, reason=reason, path=path))

    def ignore(self, kind: str, name: str, scope: str, reason: str, path: Path | None = None) -> None:
        """``path`` is not an item, for Claude Code as for hsync: listed, never a problem."""
        self.report.append(
            ReportEntry(kind=kind, name=name, scope=scope, reason=reason, path=path, action="ignored")
        )

    def note(self, kind: str, name: str, scope: str, reason: str, path: Path | None = None) -> None:
        self.report.append(
            ReportEntry(kind=kind, name=name, scope=scope, reason=reason, path=path, action="info")
        )

    def entries(self, directory: Path, kind: str, scope: str, label: str = "") -> Iterator[tuple[Path, bool]]:
        """(path, is a directory) for each entry of ``directory``, links followed; a dangling link
        is reported under its item name (``label`` + the entry's name without ``.md``)."""
        for entry in self.listdir(directory, kind, scope):
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink() and not path.exists():
                name = label + (entry.name[:-3] if entry.name.endswith(".md") else entry.name)
                self.skip(kind, name, scope, f"dangling link to {os.readlink(path)}", path)
                continue
            yield path, entry.is_dir()

    def listdir(self, directory: Path, kind: str, scope: str) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(directory) as entries:
                return sorted(entries, key=lambda e: e.name)
        except FileNotFoundError:
            return []
        except NotADirectoryError:
            return []
        except OSError as exc:
            self.skip(kind, str(directory), scope, f"cannot read directory: {exc.strerror or exc}", directory)
            return []

    def walk_md(self, directory: Path, kind: str, scope: str) -> Iterator[tuple[Path, tuple[str, ...]]]:
        """Markdown files below ``directory`` with their subfolder names, sorted; links followed,
        a folder that leads back to one of its parents reported as a loop and not entered."""

        seen: set[str] = set()

        def walk(d: Path, parents: tuple[str, ...]) -> Iterator[tuple[Path, tuple[str, ...]]]:
            real = os.path.realpath(d)
            if real in seen:
                self.skip(kind, "/".join(parents), scope, f"link loop: {d} leads back to {real}", d)
                return
            seen.add(real)
            label = "".join(f"{p}/" for p in parents)
            for path, is_dir in self.entries(d, kind, scope, label):
                if is_dir:
                    yield from walk(path, (*parents, path.name))
                elif path.name.endswith(".md") and path.is_file():
                    yield path, parents
            seen.discard(real)

        yield from walk(directory, ())

    def read_text(self, path: Path, kind: str, name: str, scope: str) -> str | None:
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.skip(kind, name, scope, "not UTF-8 text", path)
        except OSError as exc:
            self.skip(kind, name, scope, f"cannot read: {exc.strerror or exc}", path)
        return None

    def front_matter(self, path: Path, kind: str, name: str, scope: str) -> tuple[dict, str] | None:
        text = self.read_text(path, kind, name, scope)
        if text is None:
            return None
        try:
            return frontmatter.read(text)
        except frontmatter.FrontMatterError as exc:
            where = f" (line {exc.line})" if exc.line else ""
            self.skip(kind, name, scope, f"broken front matter{where}: {exc}", path)
            return None


def _os_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    return f"cannot read: {exc.strerror or exc}"


def _type_name(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"


def source_file(path: Path) -> bool:
    """True when the source file ``path`` is there (links followed), False when it is absent.

    Something else in its place (a directory, a FIFO, a link loop) is :class:`InvalidInput`,
    never "absent": treating it as absent would remove every output made from it."""
    probe(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False  # absent (or a dangling link: absent too)
    except OSError as exc:
        raise InvalidInput(path, _os_problem(exc)) from None
    if stat.S_ISREG(st.st_mode):
        return True
    raise InvalidInput(path, f"is {_type_name(st.st_mode)}, not a file")


def load_json(path: Path) -> Any:
    """Parse a JSON source file; a syntax error is :class:`InvalidInput` with the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(path, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InvalidInput(path, f"cannot read: {exc.strerror or exc}") from None
    if not text.strip():
        return {}
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(path, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None


def json_object(path: Path, data: Any, key: str | None = None) -> dict[str, Any]:
    if not isinstance(data, dict):
        where = f"'{key}'" if key else "the top level"
        raise InvalidInput(path, f"{where} must be a JSON object, not {type(data).__name__}")
    return data


def json_section(path: Path, data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidInput(path, f"'{key}' must be a JSON object, not {type(value).__name__}")
    return value


def same_path(a: str, b: str) -> bool:
    return os.path.normpath(os.path.expanduser(a)) == os.path.normpath(b) or os.path.realpath(a) == b
