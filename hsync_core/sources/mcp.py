"""MCP servers: user (``~/.claude.json`` ``mcpServers``), project (``.mcp.json``, minus those the
settings disable), local (``~/.claude.json`` ``projects.<path>.mcpServers``, which shadow project
servers of the same name) and those of plugins (``${CLAUDE_PLUGIN_ROOT}`` resolved)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..models import McpServer, ReportEntry
from .reading import Read, json_object, load_json, same_path, source_file

PLUGIN_ROOT_VAR = "${CLAUDE_PLUGIN_ROOT}"
MCP_TRANSPORTS = {"stdio": "stdio", "http": "http", "streamable-http": "http", "sse": "sse"}


def mcp_name_reason(name: str) -> str | None:
    """An MCP server's name is a key, not a path (``@scope/server-name`` is fine for Claude Code):
    only an empty name or a NUL byte is refused. Adapters sanitize it where a harness needs a
    file name or a table key."""
    if not name.strip():
        return "the name is empty"
    if "\0" in name:
        return "the name contains a NUL byte"
    return None


def read_mcp_servers(
    r: Read,
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
    servers = json_object(path, servers, "mcpServers")
    found: list[McpServer] = []
    for name, spec in servers.items():
        reason = mcp_name_reason(name)
        if reason:
            r.skip("mcp", name, scope, reason, path)
            continue
        if not isinstance(spec, dict):
            r.skip("mcp", name, scope, f"server must be a JSON object, not {type(spec).__name__}", path)
            continue
        if plugin_root is not None:
            spec = replace_plugin_root(spec, str(plugin_root))
        server = _mcp_server(r, path, name, spec, scope, level, plugin, name in disabled)
        if server is not None:
            found.append(server)
    return found


def _mcp_server(
    r: Read,
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
        r.skip("mcp", name, scope, reason, path)
        return None
    problem = _server_problem(spec, transport)
    if problem:
        r.skip("mcp", name, scope, problem, path)
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


def read_mcp(r: Read, settings_layers: list[tuple[str, dict[str, Any]]]) -> None:
    claude_json = r.claude_json
    data: dict[str, Any] = {}
    if source_file(claude_json):
        data = json_object(claude_json, load_json(claude_json))
    user = read_mcp_servers(r, claude_json, data.get("mcpServers"), "user", "user")
    project_servers: list[McpServer] = []
    local: list[McpServer] = []
    if r.project is not None:
        disabled = frozenset(
            name for _, layer in settings_layers for name in layer.get("disabledMcpjsonServers") or ()
        )
        mcp_json = r.project / ".mcp.json"
        if source_file(mcp_json):
            raw = json_object(mcp_json, load_json(mcp_json))
            project_servers = read_mcp_servers(
                r, mcp_json, raw.get("mcpServers"), "project", "project", disabled=disabled
            )
        projects = data.get("projects")
        if isinstance(projects, dict):
            entry = _project_entry(projects, r.project)
            if isinstance(entry, dict):
                local = read_mcp_servers(r, claude_json, entry.get("mcpServers"), "local", "project")
    local_names = {s.name for s in local}
    for server in project_servers:
        if server.name in local_names:
            r.report.append(
                ReportEntry.for_item(server, "shadowed by the local-scope server of the same name")
            )
    r.items.extend(user)
    r.items.extend(s for s in project_servers if s.name not in local_names)
    r.items.extend(local)


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


def replace_plugin_root(value: Any, root: str) -> Any:
    if isinstance(value, str):
        return value.replace(PLUGIN_ROOT_VAR, root).replace("$CLAUDE_PLUGIN_ROOT", root)
    if isinstance(value, list):
        return [replace_plugin_root(v, root) for v in value]
    if isinstance(value, dict):
        return {k: replace_plugin_root(v, root) for k, v in value.items()}
    return value


def _project_entry(projects: dict[str, Any], project: Path) -> Any:
    for candidate in (str(project), str(project.resolve())):
        if candidate in projects:
            return projects[candidate]
    resolved = str(project.resolve())
    for key, value in projects.items():
        if same_path(key, resolved):
            return value
    return None
