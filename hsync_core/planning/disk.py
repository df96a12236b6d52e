"""What is on disk now for each style of output, and its hash as hsync compares it.

The planner asks two questions of every output: what hash would hsync's version have
(:func:`desired_hash`) and what hash does the disk hold (:class:`DiskFile`.current_hash). An
owned output whose disk hash differs from the one recorded in state has drifted.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import jsonc, markdown, tomlfile
from ..files.atomicio import COPY_MARKER
from ..files.hashing import digest_bytes, digest_tree, digest_value

if TYPE_CHECKING:  # outputs are told apart by their ``style``: reading the disk needs no model
    from ..models import LinkOutput, Output

ENTRY_STYLES = ("toml", "json")

LINK_PREFIX = "symlink:"
COPY_PREFIX = "copy:"


def payload(output: Output) -> Any:
    """What must agree when two targets render the same output."""
    style = output.style
    if style == "file":
        return (output.content, output.executable)  # type: ignore[attr-defined]
    if style == "link":
        return str(output.source)  # type: ignore[attr-defined]
    if style in ENTRY_STYLES:
        return digest_value(output.value)  # type: ignore[attr-defined]
    if style == "block":
        return block_text(output.content)  # type: ignore[attr-defined]
    raise TypeError(f"unknown output type {type(output).__name__}")


def block_text(content: str) -> str:
    return content if content.endswith("\n") or not content else content + "\n"


def link_text(output: LinkOutput) -> str:
    """What the symlink holds: relative when the source is inside the output's root (so that a
    committed project link works in every clone), absolute otherwise."""
    try:
        output.source.relative_to(output.root)
    except ValueError:
        return str(output.source)
    return os.path.relpath(output.source, output.path.parent)


def desired_hash(output: Output) -> str:
    style = output.style
    if style == "file":
        return digest_bytes(output.content.encode("utf-8"))  # type: ignore[attr-defined]
    if style == "link":
        return LINK_PREFIX + link_text(output)  # type: ignore[arg-type]
    if style in ENTRY_STYLES:
        return digest_value(output.value)  # type: ignore[attr-defined]
    if style == "block":
        return digest_bytes(block_text(output.content).encode("utf-8"))  # type: ignore[attr-defined]
    raise TypeError(f"unknown output type {type(output).__name__}")


def outside_root(root: Path, path: Path, checked: dict[str, str | None] | None = None) -> str | None:
    """Why writing ``path`` would leave ``root`` (lexically or through a link), or None.

    ``checked`` caches what was found for each directory (many outputs share directories).
    """
    root_text, path_text = str(root), str(path)
    if not path_text.startswith(root_text.rstrip(os.sep) + os.sep):
        return f"{path} is outside {root}"
    rel_parts = path_text[len(root_text.rstrip(os.sep)) + 1 :].split(os.sep)
    if ".." in rel_parts or "." in rel_parts:
        return f"{path} leaves {root} through '..'"
    checked = {} if checked is None else checked
    current = root_text.rstrip(os.sep)
    for part in rel_parts[:-1]:
        current = current + os.sep + part
        if current not in checked:
            checked[current] = _directory_problem(root, current)
        if checked[current]:
            return checked[current]
    return None


def _directory_problem(root: Path, directory: str) -> str | None:
    if os.path.islink(directory):
        try:
            Path(directory).resolve().relative_to(root.resolve())
        except ValueError:
            return f"{directory} is a link out of {root}; hsync does not follow it"
        return None
    if os.path.lexists(directory) and not os.path.isdir(directory):
        return f"{directory} is a file where a directory is needed"
    return None


def _file_type(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


class DiskFile:
    """One path as it is on disk, read at most once, parsed according to its style."""

    def __init__(self, path: Path, style: str):
        self.path = path
        self.style = style
        self.error: str | None = None
        self.exists = False
        self.text: str | None = None
        self.raw: bytes | None = None
        self._parsed: Any = None
        self._read()

    def _read(self) -> None:
        path = self.path
        try:
            self._lstat: os.stat_result | None = os.lstat(path)
        except OSError:
            self._lstat = None
        if self.style == "link":
            self.exists = self._lstat is not None
            return
        is_link = self._lstat is not None and stat.S_ISLNK(self._lstat.st_mode)
        if is_link and self.style != "file":
            self.error = f"{path} is a symbolic link; hsync edits no file through a link"
            return
        if self.style == "file":
            self.exists = self._lstat is not None
            if self.exists and stat.S_ISDIR(self._lstat.st_mode):
                self.error = f"{path} is a directory"
            elif self.exists and not is_link and not stat.S_ISREG(self._lstat.st_mode):
                self.error = f"{path} is not a regular file ({_file_type(self._lstat.st_mode)})"
            return  # whole files are read lazily: a stat often suffices
        if self._lstat is not None and not is_link and not stat.S_ISREG(self._lstat.st_mode):
            self.exists = True
            kind = _file_type(self._lstat.st_mode)
            self.error = (
                f"{path} is a directory"
                if kind == "a directory"
                else f"{path} is not a regular file ({kind})"
            )
            return  # never open a FIFO or a device: reading it would block or never end
        try:
            self.raw = path.read_bytes()
        except FileNotFoundError:
            return
        except IsADirectoryError:
            self.error = f"{path} is a directory"
            return
        except OSError as exc:
            self.error = f"{path}: cannot read: {exc.strerror or exc}"
            return
        self.exists = True
        try:
            self.text = self.raw.decode("utf-8")
        except UnicodeDecodeError:
            self.error = f"{path}: not UTF-8 text"
            return
        try:
            if self.style == "toml":
                self._parsed = tomlfile.parse(self.text)
            elif self.style == "json":
                self._parsed = jsonc.values(self.text)  # looked up, never edited
            elif self.style == "block":
                markdown.find(self.text)
        except jsonc.JsoncError as exc:
            self.error = f"{path}: invalid JSON: {exc}"
        except (ValueError, markdown.BlockError) as exc:
            self.error = f"{path}: {exc}"

    def file_bytes(self) -> bytes | None:
        if self.raw is None and self.exists and self.style == "file" and not self.error:
            try:
                self.raw = self.path.read_bytes()
            except OSError as exc:
                self.error = f"{self.path}: cannot read: {exc.strerror or exc}"
        return self.raw

    def missing_parents(self, key: tuple[str, ...]) -> int:
        """How many of the tables/objects enclosing ``key`` do not exist yet."""
        if self.style not in ("toml", "json") or self._parsed is None:
            return len(key) - 1
        value = self._parsed if self.style == "toml" else self._parsed.value
        for depth, part in enumerate(key[:-1]):
            if not isinstance(value, dict) or part not in value:
                return len(key) - 1 - depth
            value = value[part]
        return 0

    def stat_key(self) -> list[int] | None:
        """``[mtime_ns, size, ctime_ns, inode]`` as read when this object was made (None: nothing
        there). A hand edit that sets mtime back still changes ``ctime_ns``."""
        st = self._lstat
        return None if st is None else [st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino]

    def current_hash(self, output_key: tuple[str, ...] | None, recorded: Any = None) -> str | None:
        """The hash on disk of the output at ``output_key`` (None: not there).

        ``recorded`` is the state record of the output: when its ``stat`` matches the file, the
        recorded hash is trusted without reading the file (the stat cache).
        """
        if self.style == "file":
            if not self.exists:
                return None
            if recorded is not None and recorded.stat is not None and recorded.stat == self.stat_key():
                return recorded.hash
            data = self.file_bytes()
            return None if data is None else digest_bytes(data)
        if self.style == "link":
            if not self.exists:
                return None
            if self.path.is_symlink():
                return LINK_PREFIX + os.readlink(self.path)
            if self.path.is_dir() and (self.path / COPY_MARKER).is_file():
                return COPY_PREFIX + digest_tree(self.path, skip=frozenset({COPY_MARKER}))
            return "other:" + ("dir" if self.path.is_dir() else "file")
        if not self.exists or self.error:
            return None
        if self.style == "toml":
            value = tomlfile.lookup(self._parsed, output_key or ())
            return None if value is tomlfile.MISSING else digest_value(value)
        if self.style == "json":
            value = jsonc.lookup(self._parsed, output_key or ())
            return None if value is jsonc.MISSING else digest_value(value)
        if self.style == "block":
            inner = markdown.inner(self.text or "")
            return None if inner is None else digest_bytes(inner.encode("utf-8"))
        raise ValueError(self.style)


def same_link(current: str | None, output: LinkOutput) -> bool:
    """A link output is in place as a symlink to its source or as a faithful marked copy."""
    if current is None:
        return False
    if current in (LINK_PREFIX + link_text(output), LINK_PREFIX + str(output.source)):
        return True
    if current.startswith(COPY_PREFIX):
        return current == COPY_PREFIX + digest_tree(output.source, skip=frozenset({COPY_MARKER}))
    return False


def output_key(output: Output) -> tuple[str, ...] | None:
    return output.key if output.style in ENTRY_STYLES else None  # type: ignore[attr-defined]


def parse_key(output_id: str) -> tuple[str, ...] | None:
    """The entry key of a state id (``/p/config.toml::mcp_servers.github``), None for files."""
    if "::" not in output_id:
        return None
    raw = output_id.split("::", 1)[1]
    parts: list[str] = []
    i = 0
    while i < len(raw):
        if raw[i] == '"':
            import json

            decoder = json.JSONDecoder()
            value, end = decoder.raw_decode(raw, i)
            parts.append(value)
            i = end + 1
        else:
            end = raw.find(".", i)
            end = len(raw) if end < 0 else end
            parts.append(raw[i:end])
            i = end + 1
    return tuple(parts)
