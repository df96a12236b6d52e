"""The built-in Claude Code reader: a ``read_sources`` plugin of the core.

Reads, for the user (``~/.claude``, ``~/.claude.json``) and the project (``CLAUDE.md``,
``.claude/``, ``.mcp.json``, ``CLAUDE.local.md``): rules with their ``@imports`` inlined, skills,
agents, commands, MCP servers, settings layers, hooks, and the commands, agents, skills, MCP
servers and hooks of enabled Claude Code plugins. A malformed whole file (``.mcp.json``,
``settings.json``, ``~/.claude.json``) raises :class:`InvalidInput`; a broken single item is
skipped with a reason.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InvalidInput
from ..hookspecs import hookimpl
from ..models import (
    Agent,
    Command,
    Context,
    Hooks,
    Item,
    McpServer,
    Permissions,
    ReportEntry,
    Rule,
    Settings,
    Skill,
)
from ..rendering.naming import unsafe_name_reason
from . import frontmatter
from .imports import resolve_imports

PLUGIN_ROOT_VAR = "${CLAUDE_PLUGIN_ROOT}"
#: hsync's own plugin (``hsync integrate claude``): its /hsync:* commands and hooks are not
#: configuration to copy into other harnesses
OWN_PLUGIN = "hsync@hsync"
MCP_TRANSPORTS = {"stdio": "stdio", "http": "http", "streamable-http": "http", "sse": "sse"}


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


def _object(path: Path, data: Any, key: str | None = None) -> dict[str, Any]:
    if not isinstance(data, dict):
        where = f"'{key}'" if key else "the top level"
        raise InvalidInput(path, f"{where} must be a JSON object, not {type(data).__name__}")
    return data


class _Reader:
    """One read of the source; collects items and report entries."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.home = ctx.home
        self.claude = ctx.home / ".claude"
        self.project = ctx.project
        self.items: list[Item] = []
        self.report: list[ReportEntry] = []

    # -- helpers -------------------------------------------------------------------------------
    def skip(self, kind: str, name: str, scope: str, reason: str, path: Path | None = None) -> None:
        self.report.append(ReportEntry(kind=kind, name=name, scope=scope, reason=reason, path=path))

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
        """Markdown files below ``directory`` with their subfolder names, sorted, links not left."""

        def walk(d: Path, parents: tuple[str, ...]) -> Iterator[tuple[Path, tuple[str, ...]]]:
            for entry in self.listdir(d, kind, scope):
                if entry.name.startswith("."):
                    continue
                path = Path(entry.path)
                if entry.is_dir():
                    yield from walk(path, (*parents, entry.name))
                elif entry.name.endswith(".md") and entry.is_file():
                    yield path, parents

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

    # -- rules ---------------------------------------------------------------------------------
    def rule(self, path: Path, name: str, scope: str, level: str, *, allow_paths: bool) -> None:
        parsed = self.front_matter(path, "rules", name, scope)
        if parsed is None:
            return
        meta, body = parsed
        text, imports, problems = resolve_imports(body, path, self.home)
        for problem in problems:
            self.report.append(
                ReportEntry(kind="rules", name=name, scope=scope, reason=problem, action="warning", path=path)
            )
        globs: tuple[str, ...] = ()
        if allow_paths and meta.get("paths") is not None:
            raw = meta["paths"]
            globs = tuple(str(g) for g in raw) if isinstance(raw, list) else frontmatter.as_list(raw)
        self.items.append(
            Rule(name=name, scope=scope, level=level, origin=path, text=text, paths=globs, imports=imports)
        )

    def rules(self) -> None:
        user_md = self.claude / "CLAUDE.md"
        if user_md.is_file():
            self.rule(user_md, "~/.claude/CLAUDE.md", "user", "user", allow_paths=False)
        for path, parents in self.walk_md(self.claude / "rules", "rules", "user"):
            self.rule(
                path, "~/.claude/rules/" + "/".join((*parents, path.name)), "user", "user", allow_paths=True
            )
        if self.project is None:
            return
        for rel in ("CLAUDE.md", ".claude/CLAUDE.md"):
            if (self.project / rel).is_file():
                self.rule(self.project / rel, rel, "project", "project", allow_paths=False)
        for path, parents in self.walk_md(self.project / ".claude" / "rules", "rules", "project"):
            self.rule(
                path,
                ".claude/rules/" + "/".join((*parents, path.name)),
                "project",
                "project",
                allow_paths=True,
            )
        local = self.project / "CLAUDE.local.md"
        if local.is_file():
            self.rule(local, "CLAUDE.local.md", "local", "project", allow_paths=False)

    # -- skills, agents, commands ------------------------------------------------------------------
    def skills(self, directory: Path, scope: str, level: str, plugin: str | None = None) -> None:
        for entry in self.listdir(directory, "skills", scope):
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            name = entry.name
            skill_dir = Path(entry.path)
            reason = unsafe_name_reason(name)
            if reason:
                self.skip("skills", name, scope, reason, skill_dir)
                continue
            skill_md = skill_dir / "SKILL.md"
            if not skill_md.is_file():
                self.skip("skills", name, scope, "no SKILL.md in the skill directory", skill_dir)
                continue
            parsed = self.front_matter(skill_md, "skills", name, scope)
            if parsed is None:
                continue
            meta, body = parsed
            declared = meta.get("name")
            if declared is not None and unsafe_name_reason(str(declared)):
                self.skip(
                    "skills", name, scope, f"front matter {unsafe_name_reason(str(declared))}", skill_md
                )
                continue
            try:
                files = tuple(sorted(_files_below(skill_dir)))
            except OSError as exc:
                self.skip("skills", name, scope, f"cannot read directory: {exc.strerror or exc}", skill_dir)
                continue
            self.items.append(
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

    def agents(self, directory: Path, scope: str, level: str, plugin: str | None = None) -> None:
        for entry in self.listdir(directory, "agents", scope):
            if not entry.name.endswith(".md") or not entry.is_file() or entry.name.startswith("."):
                continue
            path = Path(entry.path)
            parsed = self.front_matter(path, "agents", path.stem, scope)
            if parsed is None:
                continue
            meta, body = parsed
            name = frontmatter.as_text(meta.get("name")) or path.stem
            reason = unsafe_name_reason(name)
            if reason:
                self.skip("agents", name, scope, reason, path)
                continue
            tools = meta.get("tools")
            self.items.append(
                Agent(
                    name=name,
                    scope=scope,
                    level=level,
                    origin=path,
                    plugin=plugin,
                    description=frontmatter.as_text(meta.get("description")) or "",
                    tools=None if tools is None else frontmatter.as_list(tools),
                    disallowed_tools=frontmatter.as_list(meta.get("disallowedTools")),
                    model=frontmatter.as_text(meta.get("model")),
                    frontmatter=meta,
                    body=body,
                )
            )

    def commands(self, directory: Path, scope: str, level: str, plugin: str | None = None) -> None:
        for path, parents in self.walk_md(directory, "commands", scope):
            name = path.stem
            label = "/".join((*parents, name))
            reason = unsafe_name_reason(name) or next(filter(None, map(unsafe_name_reason, parents)), None)
            if reason:
                self.skip("commands", label, scope, reason, path)
                continue
            parsed = self.front_matter(path, "commands", label, scope)
            if parsed is None:
                continue
            meta, body = parsed
            self.items.append(
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

    # -- MCP -----------------------------------------------------------------------------------
    def mcp_servers(
        self,
        path: Path,
        servers: Any,
        scope: str,
        level: str,
        *,
        plugin: str | None = None,
        disabled: frozenset[str] = frozenset(),
        plugin_root: Path | None = None,
    ) -> list[McpServer]:
        if servers is None:
            return []
        servers = _object(path, servers, "mcpServers")
        found: list[McpServer] = []
        for name, spec in servers.items():
            reason = unsafe_name_reason(name)
            if reason:
                self.skip("mcp", name, scope, reason, path)
                continue
            if not isinstance(spec, dict):
                self.skip(
                    "mcp", name, scope, f"server must be a JSON object, not {type(spec).__name__}", path
                )
                continue
            if plugin_root is not None:
                spec = _replace_plugin_root(spec, str(plugin_root))
            server = self.mcp_server(path, name, spec, scope, level, plugin, name in disabled)
            if server is not None:
                found.append(server)
        return found

    def mcp_server(
        self,
        path: Path,
        name: str,
        spec: dict[str, Any],
        scope: str,
        level: str,
        plugin: str | None,
        disabled: bool,
    ) -> McpServer | None:
        declared = spec.get("type")
        if declared is None:
            declared = "stdio" if "command" in spec else ("http" if "url" in spec else None)
        transport = MCP_TRANSPORTS.get(str(declared)) if declared is not None else None
        if transport is None:
            reason = f"unknown transport type {declared!r}" if declared else "has neither 'command' nor 'url'"
            self.skip("mcp", name, scope, reason, path)
            return None
        problem = _server_problem(spec, transport)
        if problem:
            self.skip("mcp", name, scope, problem, path)
            return None
        known = {"type", "command", "args", "env", "cwd", "url", "headers"}
        return McpServer(
            name=name,
            scope=scope,
            level=level,
            origin=path,
            plugin=plugin,
            transport=transport,
            command=spec.get("command"),
            args=[str(a) for a in spec.get("args") or ()],
            env={str(k): str(v) for k, v in (spec.get("env") or {}).items()},
            cwd=spec.get("cwd"),
            url=spec.get("url"),
            headers={str(k): str(v) for k, v in (spec.get("headers") or {}).items()},
            enabled=not disabled and spec.get("disabled") is not True,
            extra={k: v for k, v in spec.items() if k not in known},
        )

    def mcp(self, settings_layers: list[tuple[str, dict[str, Any]]]) -> None:
        claude_json = self.home / ".claude.json"
        data: dict[str, Any] = {}
        if claude_json.is_file():
            data = _object(claude_json, load_json(claude_json))
        user = self.mcp_servers(claude_json, data.get("mcpServers"), "user", "user")
        project_servers: list[McpServer] = []
        local: list[McpServer] = []
        if self.project is not None:
            disabled = frozenset(
                name for _, layer in settings_layers for name in layer.get("disabledMcpjsonServers") or ()
            )
            mcp_json = self.project / ".mcp.json"
            if mcp_json.is_file():
                raw = _object(mcp_json, load_json(mcp_json))
                project_servers = self.mcp_servers(
                    mcp_json, raw.get("mcpServers"), "project", "project", disabled=disabled
                )
            projects = data.get("projects")
            if isinstance(projects, dict):
                entry = _project_entry(projects, self.project)
                if isinstance(entry, dict):
                    local = self.mcp_servers(claude_json, entry.get("mcpServers"), "local", "project")
        local_names = {s.name for s in local}
        for server in project_servers:
            if server.name in local_names:
                self.report.append(
                    ReportEntry.for_item(server, "shadowed by the local-scope server of the same name")
                )
        self.items.extend(user)
        self.items.extend(s for s in project_servers if s.name not in local_names)
        self.items.extend(local)

    # -- settings and plugins ------------------------------------------------------------------------
    def settings_layers(self) -> list[tuple[str, dict[str, Any]]]:
        paths = [("user", self.claude / "settings.json")]
        if self.project is not None:
            paths += [
                ("project", self.project / ".claude" / "settings.json"),
                ("local", self.project / ".claude" / "settings.local.json"),
            ]
        layers: list[tuple[str, dict[str, Any]]] = []
        for scope, path in paths:
            if not path.is_file():
                continue
            data = _object(path, load_json(path))
            layers.append((scope, data))
            level = "user" if scope == "user" else "project"
            perms = _section(path, data, "permissions")
            env = _section(path, data, "env")
            permissions = Permissions(
                allow=[str(r) for r in perms.get("allow") or ()],
                ask=[str(r) for r in perms.get("ask") or ()],
                deny=[str(r) for r in perms.get("deny") or ()],
                default_mode=perms.get("defaultMode"),
                additional_directories=[str(d) for d in perms.get("additionalDirectories") or ()],
            )
            if permissions or env or data.get("model"):
                self.items.append(
                    Settings(
                        name=path.name,
                        scope=scope,
                        level=level,
                        origin=path,
                        permissions=permissions,
                        env={str(k): str(v) for k, v in env.items()},
                        model=data.get("model"),
                    )
                )
            hooks = _section(path, data, "hooks")
            if hooks:
                self.items.append(Hooks(name=path.name, scope=scope, level=level, origin=path, events=hooks))
        return layers

    def plugins(self, layers: list[tuple[str, dict[str, Any]]]) -> None:
        enabled: dict[str, bool] = {}
        for _, layer in layers:  # user, then project, then local: later layers win
            flags = layer.get("enabledPlugins") or {}
            if isinstance(flags, dict):
                enabled.update({str(k): bool(v) for k, v in flags.items()})
        wanted = [key for key, on in enabled.items() if on and key != OWN_PLUGIN]
        if not wanted:
            return
        registry_path = self.claude / "plugins" / "installed_plugins.json"
        registry: dict[str, Any] = {}
        if registry_path.is_file():
            registry = _object(registry_path, load_json(registry_path))
        installed = registry.get("plugins") or {}
        for key in wanted:
            install = self.plugin_install(installed.get(key))
            if install is None:
                self.skip("plugins", key, "plugin", "enabled but not installed", registry_path)
                continue
            root, level = install
            if not root.is_dir():
                self.skip("plugins", key, "plugin", f"install path {root} does not exist", registry_path)
                continue
            self.plugin(root, key, level)

    def plugin_install(self, entries: Any) -> tuple[Path, str] | None:
        if isinstance(entries, dict):
            entries = [entries]
        if not isinstance(entries, list):
            return None
        project = str(self.project.resolve()) if self.project is not None else None
        chosen: tuple[Path, str] | None = None
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get("installPath"):
                continue
            scope = entry.get("scope", "user")
            if scope == "user":
                chosen = chosen or (Path(entry["installPath"]).expanduser(), "user")
            elif project and entry.get("projectPath") and _same_path(entry["projectPath"], project):
                chosen = (Path(entry["installPath"]).expanduser(), "project")
        return chosen

    def plugin(self, root: Path, key: str, level: str) -> None:
        manifest_path = root / ".claude-plugin" / "plugin.json"
        manifest: dict[str, Any] = {}
        if manifest_path.is_file():
            try:
                manifest = _object(manifest_path, load_json(manifest_path))
            except InvalidInput as exc:
                self.skip("plugins", key, "plugin", exc.problem, manifest_path)
                return

        def dirs(field_name: str, default: str) -> list[Path]:
            value = manifest.get(field_name)
            extra = [value] if isinstance(value, str) else [v for v in value or () if isinstance(v, str)]
            return [root / default, *(root / v for v in extra)]

        for d in dirs("commands", "commands"):
            self.commands(d, "plugin", level, key)
        for d in dirs("agents", "agents"):
            self.agents(d, "plugin", level, key)
        for d in dirs("skills", "skills"):
            self.skills(d, "plugin", level, key)
        servers = manifest.get("mcpServers")
        mcp_path = root / ".mcp.json"
        if isinstance(servers, str):
            mcp_path, servers = root / servers, None
        if servers is None and mcp_path.is_file():
            try:
                servers = _object(mcp_path, load_json(mcp_path)).get("mcpServers")
            except InvalidInput as exc:
                self.skip("plugins", key, "plugin", exc.problem, mcp_path)
                servers = None
        self.items.extend(self.mcp_servers(mcp_path, servers, "plugin", level, plugin=key, plugin_root=root))
        hooks_path = root / "hooks" / "hooks.json"
        if hooks_path.is_file():
            try:
                hooks = _object(hooks_path, load_json(hooks_path)).get("hooks")
            except InvalidInput as exc:
                self.skip("plugins", key, "plugin", exc.problem, hooks_path)
                hooks = None
            if isinstance(hooks, dict) and hooks:
                hooks = _replace_plugin_root(hooks, str(root))
                self.items.append(
                    Hooks(name=key, scope="plugin", level=level, origin=hooks_path, plugin=key, events=hooks)
                )

    # -- all -----------------------------------------------------------------------------------
    def read(self) -> list[Item | ReportEntry]:
        self.rules()
        self.skills(self.claude / "skills", "user", "user")
        self.agents(self.claude / "agents", "user", "user")
        self.commands(self.claude / "commands", "user", "user")
        if self.project is not None:
            dot = self.project / ".claude"
            self.skills(dot / "skills", "project", "project")
            self.agents(dot / "agents", "project", "project")
            self.commands(dot / "commands", "project", "project")
        layers = self.settings_layers()
        self.mcp(layers)
        self.plugins(layers)
        return [*self.items, *self.report]


def _section(path: Path, data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidInput(path, f"'{key}' must be a JSON object, not {type(value).__name__}")
    return value


def _files_below(directory: Path) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(directory, onerror=_raise):
        dirnames[:] = sorted(d for d in dirnames if d not in (".git", "__pycache__"))
        rel = Path(dirpath).relative_to(directory)
        for filename in filenames:
            yield (rel / filename).as_posix()


def _raise(exc: OSError) -> None:
    raise exc


def _server_problem(spec: dict[str, Any], transport: str) -> str | None:
    if transport == "stdio":
        if not isinstance(spec.get("command"), str) or not spec["command"]:
            return "'command' must be a non-empty string"
        if not isinstance(spec.get("args", []), list):
            return "'args' must be a list"
    elif not isinstance(spec.get("url"), str) or not spec["url"]:
        return "'url' must be a non-empty string"
    for key in ("env", "headers"):
        if not isinstance(spec.get(key) or {}, dict):
            return f"'{key}' must be a JSON object"
    return None


def _replace_plugin_root(value: Any, root: str) -> Any:
    if isinstance(value, str):
        return value.replace(PLUGIN_ROOT_VAR, root).replace("$CLAUDE_PLUGIN_ROOT", root)
    if isinstance(value, list):
        return [_replace_plugin_root(v, root) for v in value]
    if isinstance(value, dict):
        return {k: _replace_plugin_root(v, root) for k, v in value.items()}
    return value


def _same_path(a: str, b: str) -> bool:
    return os.path.normpath(os.path.expanduser(a)) == os.path.normpath(b) or os.path.realpath(a) == b


def _project_entry(projects: dict[str, Any], project: Path) -> Any:
    for candidate in (str(project), str(project.resolve())):
        if candidate in projects:
            return projects[candidate]
    resolved = str(project.resolve())
    for key, value in projects.items():
        if _same_path(key, resolved):
            return value
    return None


@hookimpl
def read_sources(ctx: Context) -> list[Item | ReportEntry]:
    """Read the Claude Code configuration of ``ctx.home`` and ``ctx.project``."""
    return _Reader(ctx).read()
