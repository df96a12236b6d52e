"""The data that flows through the pipeline: items read, outputs rendered, plans made.

Every model is an attrs ``@frozen`` class; change one with ``attrs.evolve``. Paths are
``pathlib.Path``. Mappings held by items are plain dicts that nobody mutates after reading.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import field, frozen

if TYPE_CHECKING:
    from .config import Config

#: every kind of item, in the order reports list them
KINDS: tuple[str, ...] = ("rules", "skills", "agents", "commands", "mcp", "settings", "hooks")
#: kinds a target receives unless the config says otherwise ("settings" and "hooks" are opt-in)
DEFAULT_KINDS: tuple[str, ...] = ("rules", "skills", "agents", "commands", "mcp")
#: where an item came from
SCOPES: tuple[str, ...] = ("user", "project", "local", "plugin")
#: where an output goes: the harness's user-level files or the project's files
LEVELS: tuple[str, ...] = ("user", "project")
#: plan actions
ACTIONS: tuple[str, ...] = ("create", "update", "unchanged", "remove", "conflict", "failed", "skipped")


def _tuple(value: Iterable[Any] | None) -> tuple[Any, ...]:
    return tuple(value or ())


def _mapping(value: Mapping[str, Any] | None) -> dict[str, Any]:
    return dict(value or {})


# --------------------------------------------------------------------------------------- items


@frozen(kw_only=True)
class Item:
    """One thing read from the source.

    ``scope`` is where it came from (user, project, local, plugin); ``level`` is where its outputs
    go (``user``: the harness's files in the home directory; ``project``: the project's files).
    ``plugin`` names the Claude Code plugin (``name@marketplace``) an item came with.
    """

    kind: ClassVar[str] = ""
    name: str
    scope: str
    level: str
    origin: Path | None = None
    plugin: str | None = None

    @property
    def plugin_name(self) -> str | None:
        """The plugin's name without its marketplace (``hsync`` for ``hsync@tools``)."""
        return self.plugin.split("@", 1)[0] if self.plugin else None

    @property
    def qualified_name(self) -> str:
        """``plugin:name`` for plugin items (how Claude Code names them), else ``name``."""
        return f"{self.plugin_name}:{self.name}" if self.plugin else self.name

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.qualified_name}"


@frozen(kw_only=True)
class Rule(Item):
    """An instruction file: ``CLAUDE.md``, ``CLAUDE.local.md`` or a file under ``.claude/rules``.

    ``text`` is the body with front matter removed and ``@imports`` inlined; ``paths`` holds the
    globs of a path-scoped rule (empty: always applies); ``imports`` the files inlined.
    """

    kind: ClassVar[str] = "rules"
    text: str
    paths: tuple[str, ...] = field(default=(), converter=_tuple)
    imports: tuple[Path, ...] = field(default=(), converter=_tuple)


@frozen(kw_only=True)
class Skill(Item):
    """A skill directory. ``origin`` is the directory; ``files`` every file in it, relative."""

    kind: ClassVar[str] = "skills"
    description: str = ""
    frontmatter: dict[str, Any] = field(factory=dict, converter=_mapping)
    body: str = ""
    files: tuple[str, ...] = field(default=(), converter=_tuple)


@frozen(kw_only=True)
class Agent(Item):
    """A subagent. ``tools`` is None when the agent inherits every tool."""

    kind: ClassVar[str] = "agents"
    description: str = ""
    tools: tuple[str, ...] | None = None
    disallowed_tools: tuple[str, ...] = field(default=(), converter=_tuple)
    model: str | None = None
    frontmatter: dict[str, Any] = field(factory=dict, converter=_mapping)
    body: str = ""


@frozen(kw_only=True)
class Command(Item):
    """A slash command. ``namespace`` holds its subfolders (``("git",)`` for ``git/commit.md``)."""

    kind: ClassVar[str] = "commands"
    namespace: tuple[str, ...] = field(default=(), converter=_tuple)
    description: str | None = None
    argument_hint: str | None = None
    allowed_tools: tuple[str, ...] = field(default=(), converter=_tuple)
    model: str | None = None
    frontmatter: dict[str, Any] = field(factory=dict, converter=_mapping)
    body: str = ""

    @property
    def path_name(self) -> str:
        """``git/commit`` for ``commands/git/commit.md``."""
        return "/".join((*self.namespace, self.name))

    @property
    def qualified_name(self) -> str:
        """``git/commit``, or ``plugin:git/commit`` for a plugin's command."""
        return f"{self.plugin_name}:{self.path_name}" if self.plugin else self.path_name


@frozen(kw_only=True)
class McpServer(Item):
    """An MCP server. ``transport`` is ``stdio``, ``http`` or ``sse``; values keep ``${VAR}``."""

    kind: ClassVar[str] = "mcp"
    transport: str
    command: str | None = None
    args: tuple[str, ...] = field(default=(), converter=_tuple)
    env: dict[str, str] = field(factory=dict, converter=_mapping)
    cwd: str | None = None
    url: str | None = None
    headers: dict[str, str] = field(factory=dict, converter=_mapping)
    enabled: bool = True
    extra: dict[str, Any] = field(factory=dict, converter=_mapping)


@frozen(kw_only=True)
class Permissions:
    allow: tuple[str, ...] = field(default=(), converter=_tuple)
    ask: tuple[str, ...] = field(default=(), converter=_tuple)
    deny: tuple[str, ...] = field(default=(), converter=_tuple)
    default_mode: str | None = None
    additional_directories: tuple[str, ...] = field(default=(), converter=_tuple)

    def __bool__(self) -> bool:
        return bool(self.allow or self.ask or self.deny or self.default_mode or self.additional_directories)


@frozen(kw_only=True)
class Settings(Item):
    """One settings layer (``~/.claude/settings.json``, ``.claude/settings.json``, ``….local.json``)."""

    kind: ClassVar[str] = "settings"
    permissions: Permissions = field(factory=Permissions)
    env: dict[str, str] = field(factory=dict, converter=_mapping)
    model: str | None = None


@frozen(kw_only=True)
class Hooks(Item):
    """The ``hooks`` of one settings layer or plugin, in Claude's shape (event → matcher groups)."""

    kind: ClassVar[str] = "hooks"
    events: dict[str, Any] = field(factory=dict, converter=_mapping)


ITEM_TYPES: dict[str, type[Item]] = {
    cls.kind: cls for cls in (Rule, Skill, Agent, Command, McpServer, Settings, Hooks)
}


# -------------------------------------------------------------------------------------- report


@frozen(kw_only=True)
class ReportEntry:
    """Something a reader or adapter could not do, or wants the user to know.

    ``action`` is ``skipped`` (the item or field was not written), ``warning`` (written, but
    something was lost or needs the user) or ``info`` (where the harness finds it on its own).
    """

    kind: str
    name: str
    reason: str
    action: str = "skipped"
    scope: str | None = None
    path: Path | None = None
    field: str | None = None

    @classmethod
    def for_item(cls, item: Item, reason: str, *, action: str = "skipped", **kw: Any) -> ReportEntry:
        return cls(
            kind=item.kind, name=item.qualified_name, scope=item.scope, reason=reason, action=action, **kw
        )


@frozen(kw_only=True)
class Sources:
    """Everything read: items from every ``read_sources`` plugin, and what could not be read."""

    items: tuple[Item, ...] = field(default=(), converter=_tuple)
    problems: tuple[ReportEntry, ...] = field(default=(), converter=_tuple)

    def of(self, kind: str, *, level: str | None = None, scope: str | None = None) -> list[Any]:
        """Items of ``kind``, optionally only those going to ``level`` or from ``scope``."""
        return [
            i
            for i in self.items
            if i.kind == kind and (level is None or i.level == level) and (scope is None or i.scope == scope)
        ]


# -------------------------------------------------------------------------------------- outputs


@frozen(kw_only=True)
class Output:
    """One thing an adapter wants on disk.

    ``path`` is absolute; ``root`` is the directory it belongs to (the harness's home or the
    project): hsync never writes outside it and never follows a link out of it. ``kind``,
    ``item`` and ``scope`` name what was rendered, for reports.
    """

    style: ClassVar[str] = ""
    path: Path
    root: Path
    level: str
    kind: str
    item: str
    scope: str | None = None

    @property
    def id(self) -> str:
        return str(self.path)

    @classmethod
    def for_item(cls, item: Item, *, path: Path, root: Path, **fields: Any) -> Any:
        """This output for ``item``: level, kind, item name and scope are taken from it."""
        return cls(
            path=path,
            root=root,
            level=item.level,
            kind=item.kind,
            item=item.qualified_name,
            scope=item.scope,
            **fields,
        )


@frozen(kw_only=True)
class FileOutput(Output):
    """A whole file hsync owns."""

    style: ClassVar[str] = "file"
    content: str
    executable: bool = False


@frozen(kw_only=True)
class LinkOutput(Output):
    """A directory linked to ``source`` (a symlink; a marked copy where links fail)."""

    style: ClassVar[str] = "link"
    source: Path


def entry_key(key: tuple[str, ...]) -> str:
    """``mcp_servers.github``; a part that is not a bare word is quoted, as TOML does."""
    return ".".join(p if p and all(c.isalnum() or c in "-_" for c in p) else json.dumps(p) for p in key)


@frozen(kw_only=True)
class Entry(Output):
    """A key inside a file the user also edits; only that key is hsync's."""

    key: tuple[str, ...] = field(converter=tuple)
    value: Any

    @property
    def id(self) -> str:
        return f"{self.path}::{entry_key(self.key)}"


@frozen(kw_only=True)
class TomlEntry(Entry):
    """A key (``("mcp_servers", "github")``) inside a TOML file; a dict value becomes a table."""

    style: ClassVar[str] = "toml"


@frozen(kw_only=True)
class JsonEntry(Entry):
    """A key (``("mcpServers", "github")``) inside a JSON/JSONC file."""

    style: ClassVar[str] = "json"


@frozen(kw_only=True)
class MarkdownBlock(Output):
    """The managed block (``<!-- hsync:begin -->`` … ``<!-- hsync:end -->``) of a Markdown file."""

    style: ClassVar[str] = "block"
    content: str

    @property
    def id(self) -> str:
        return f"{self.path}::hsync-block"


@frozen(kw_only=True)
class Rendered:
    """What ``render_target`` returns: the outputs wanted, and what could not be translated."""

    outputs: tuple[Output, ...] = field(default=(), converter=_tuple)
    report: tuple[ReportEntry, ...] = field(default=(), converter=_tuple)


@frozen(kw_only=True)
class TargetInfo:
    """How a target describes itself for ``hsync targets``.

    ``locations`` maps a label to where the harness keeps files (``{"user": "~/.codex"}``).
    ``package`` and ``version`` are filled in by the core from the adapter's distribution.
    """

    name: str
    description: str = ""
    kinds: tuple[str, ...] = field(default=DEFAULT_KINDS, converter=_tuple)
    locations: dict[str, str] = field(factory=dict, converter=_mapping)
    package: str | None = None
    version: str | None = None


# ---------------------------------------------------------------------------------------- plans


@frozen(kw_only=True)
class Change:
    """One planned decision about one output (or one owned output no longer rendered)."""

    id: str
    path: Path
    action: str
    kind: str
    item: str
    level: str
    scope: str | None = None
    reason: str | None = None
    output: Output | None = None
    new_hash: str | None = None
    old_hash: str | None = None
    drift: bool = False
    detail: str | None = None  # "+ key" / "- key" / "~ key" for entries in shared files
    created_parents: int = 0  # enclosing tables/objects an entry's creation adds (removed with it)
    stat: list[int] | None = None  # for a whole file found unchanged: [mtime_ns, size] seen on disk
    adopted: bool = False  # an output hsync did not write but found exactly as it would write it


@frozen(kw_only=True)
class FileWrite:
    """The new bytes of one path (``content`` None: delete it), computed from every change to it."""

    path: Path
    root: Path
    old: bytes | None
    content: bytes | None
    executable: bool = False
    link_source: Path | None = None  # for a linked directory
    replace_dir: bool = False  # a linked directory that must replace an owned copy


@frozen(kw_only=True)
class TargetPlan:
    """The plan for one target: its changes, the report of its renderer, the files to write."""

    target: str
    changes: tuple[Change, ...] = field(default=(), converter=_tuple)
    report: tuple[ReportEntry, ...] = field(default=(), converter=_tuple)
    writes: tuple[FileWrite, ...] = field(default=(), converter=_tuple)
    error: str | None = None


@frozen(kw_only=True)
class Drift:
    """An owned output whose bytes on disk differ from what hsync last wrote."""

    target: str
    change: Change
    recorded_hash: str
    current_hash: str | None


# -------------------------------------------------------------------------------------- context


class GitIndex:
    """Answers "does git track this file?" with one ``git ls-files`` per repository, on demand."""

    def __init__(self) -> None:
        self._tracked: dict[Path, frozenset[str] | None] = {}

    def _repo_files(self, directory: Path) -> tuple[Path, frozenset[str]] | None:
        import subprocess

        try:
            top = subprocess.run(
                ["git", "-C", str(directory), "rev-parse", "--show-toplevel"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        if top.returncode != 0:
            return None
        root = Path(top.stdout.strip())
        if root not in self._tracked:
            listing = subprocess.run(
                ["git", "-C", str(root), "ls-files", "-z"], capture_output=True, timeout=30, check=False
            )
            self._tracked[root] = (
                frozenset(os.fsdecode(p) for p in listing.stdout.split(b"\0") if p)
                if listing.returncode == 0
                else None
            )
        files = self._tracked[root]
        return (root, files) if files is not None else None

    def is_tracked(self, path: Path) -> bool:
        found = self._repo_files(path.parent if path.parent.is_dir() else path.parent.parent)
        if not found:
            return False
        root, files = found
        try:
            rel = path.resolve().relative_to(root.resolve())
        except ValueError:
            return False
        return rel.as_posix() in files


@frozen(kw_only=True)
class Context:
    """What every hook gets: where things are, the config, and how this run was asked for.

    Frozen; hooks must not change it. ``environ`` is a read-only copy of the environment of the
    run (adapters read ``CODEX_HOME``, ``XDG_CONFIG_HOME`` from it, never from ``os.environ``).
    """

    home: Path
    hsync_home: Path
    project: Path | None
    config: Config
    environ: Mapping[str, str] = field(factory=dict, converter=lambda m: MappingProxyType(dict(m)))
    dry_run: bool = False
    force: bool = False
    scope: str = "all"
    trigger: str = "cli"
    git: GitIndex = field(factory=GitIndex, eq=False, repr=False)
    #: the run's batch of writes (set by the engine for ``write_target``; None otherwise)
    transaction: Any = field(default=None, eq=False, repr=False)

    def env_dir(self, name: str, default: Path) -> Path:
        """The directory named by environment variable ``name``, else ``default``."""
        value = self.environ.get(name)
        return Path(value).expanduser() if value else default

    @property
    def xdg_config_home(self) -> Path:
        return self.env_dir("XDG_CONFIG_HOME", self.home / ".config")

    def is_tracked(self, path: Path) -> bool:
        """True when git tracks ``path`` (local-scope items must not go into tracked files)."""
        return self.git.is_tracked(path)

    def wants_level(self, level: str) -> bool:
        return self.scope == "all" or self.scope == level


def sources_digest(items: Iterable[Item]) -> str:
    """A digest of the items a sync read, recorded per target and scope: when it differs from
    today's, the sources changed since that sync."""
    import hashlib

    sha = hashlib.sha256()
    for line in sorted(repr(item) for item in items):
        sha.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return sha.hexdigest()
