"""Items read from the source (rules, skills, agents, commands, MCP servers, settings, hooks),
the report entries that say what could not be read or carried, and ``Sources``, the whole read.

Every model is an attrs ``@frozen`` class; change one with ``attrs.evolve``. Paths are
``pathlib.Path``. Mappings held by items are plain dicts that nobody mutates after reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from attrs import field, frozen


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
    _digest_line: str | None = field(default=None, init=False, repr=False, eq=False, hash=False)

    def digest_line(self) -> str:
        """``repr(self)``, made once per item: what :func:`~hsync_core.models.sources_digest`
        hashes (every target's render key hashes the same items)."""
        line = self._digest_line
        if line is None:
            line = repr(self)
            object.__setattr__(self, "_digest_line", line)
        return line

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
    ``folder`` is the project subfolder a nested ``CLAUDE.md`` sits in (``packages/api``; empty
    for the project's own files and the user's): its text applies when working in that folder.
    """

    kind: ClassVar[str] = "rules"
    text: str
    paths: tuple[str, ...] = field(default=(), converter=_tuple)
    imports: tuple[Path, ...] = field(default=(), converter=_tuple)
    folder: str = ""


@frozen(kw_only=True)
class Skill(Item):
    """A skill directory. ``origin`` is the directory; ``files`` every file in it, relative.
    ``folder``: the project subfolder whose ``.claude/skills`` holds it (``packages/api``; empty
    for the project's and the user's own skills)."""

    kind: ClassVar[str] = "skills"
    description: str = ""
    frontmatter: dict[str, Any] = field(factory=dict, converter=_mapping)
    body: str = ""
    files: tuple[str, ...] = field(default=(), converter=_tuple)
    folder: str = ""


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


@frozen(kw_only=True)
class Plugin(Item):
    """An enabled, installed Claude Code plugin (``name`` is ``plugin@marketplace``), for harnesses
    that install Claude Code plugins themselves (kind ``plugins``).

    ``marketplace`` is its marketplace's name, ``marketplace_dir`` the folder holding that
    marketplace's ``.claude-plugin/marketplace.json`` as Claude Code has it on disk (a directory
    marketplace's own folder, or Claude Code's clone of a git one), ``source`` the marketplace's
    source as Claude Code records it, ``root`` the plugin's installed folder, ``parts`` what the
    plugin holds (``skills``, ``commands``, ``agents``, ``mcp``, ``hooks``)."""

    kind: ClassVar[str] = "plugins"
    marketplace: str
    marketplace_dir: Path | None = None
    source: dict[str, Any] = field(factory=dict, converter=_mapping)
    root: Path | None = None
    version: str | None = None
    parts: tuple[str, ...] = field(default=(), converter=_tuple)

    @property
    def qualified_name(self) -> str:
        return self.name


ITEM_TYPES: dict[str, type[Item]] = {
    cls.kind: cls for cls in (Rule, Skill, Agent, Command, McpServer, Settings, Hooks, Plugin)
}


# -------------------------------------------------------------------------------------- report


@frozen(kw_only=True)
class ReportEntry:
    """Something a reader or adapter could not do, or wants the user to know.

    ``action`` is ``skipped`` (the item or field was not written), ``warning`` (written, but
    something was lost or needs the user), ``info`` (information) or ``native`` (the harness reads
    the item from Claude Code's own files, so nothing is written for it: counted as in sync; see
    :meth:`read_natively`).
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

    @classmethod
    def read_natively(cls, item: Item, harness: str, where: str | None = None, **kw: Any) -> ReportEntry:
        """The harness reads ``item`` from Claude Code's own files: nothing is written for it,
        and it counts as in sync (``action="native"``, shown with ``--verbose``)."""
        reason = f"read natively by {harness}" + (f" ({where})" if where else "")
        return cls.for_item(item, reason, action="native", **kw)


@frozen(kw_only=True)
class Sources:
    """Everything read: items from every ``read_sources`` plugin, and what could not be read.

    For ``render_target``, ``native`` holds the items the target declared its harness reads by
    itself (``TargetInfo.reads_natively``); they are not in ``items``.
    """

    items: tuple[Item, ...] = field(default=(), converter=_tuple)
    problems: tuple[ReportEntry, ...] = field(default=(), converter=_tuple)
    #: items the target's harness reads by itself (see ``NativeSource``); never to be written
    native: tuple[Item, ...] = field(default=(), converter=_tuple)

    def of(self, kind: str, *, level: str | None = None, scope: str | None = None) -> list[Any]:
        """Items of ``kind``, optionally only those going to ``level`` or from ``scope``."""
        return [
            i
            for i in self.items
            if i.kind == kind and (level is None or i.level == level) and (scope is None or i.scope == scope)
        ]


# -------------------------------------------------------------------------------------- outputs
