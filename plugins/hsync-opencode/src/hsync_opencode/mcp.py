"""Claude MCP servers as entries of ``mcp`` in ``opencode.json`` (OpenCode's V1 shape, which V2 reads too).

A stdio server becomes ``{"type": "local", "command": [command, *args], "environment": …}``, an
HTTP or SSE server ``{"type": "remote", "url": …, "headers": …}``. ``${VAR}`` becomes OpenCode's
``{env:VAR}``; ``${VAR:-default}`` loses its default (reported). Values are never resolved.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hsync_core import Context, JsonEntry, McpServer, Sources, jsonc

from .collect import Collected
from .paths import Place

VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
#: which server wins when one name comes from several scopes (Claude: local > project > user)
PRECEDENCE = {"local": 0, "project": 1, "user": 2, "plugin": 3}

Note = tuple[str, str, str]


def env_references(value: str, field: str, notes: list[Note]) -> str:
    """``value`` with ``${VAR}`` as ``{env:VAR}``; a lost ``:-default`` is added to ``notes``."""

    def replace(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if default is not None:
            notes.append(
                (
                    f"{field}: the default of ${{{name}:-{default}}} is lost; OpenCode's {{env:{name}}} "
                    "is empty when the variable is unset",
                    "warning",
                    field,
                )
            )
        return "{env:" + name + "}"

    return VARIABLE.sub(replace, value)


def server_value(server: McpServer) -> tuple[dict[str, Any], list[Note]]:
    """The OpenCode entry for ``server`` and what could not be carried over."""
    notes: list[Note] = []
    value: dict[str, Any]
    if server.transport == "stdio":
        command = [env_references(server.command or "", "command", notes)]
        command += [env_references(arg, "args", notes) for arg in server.args]
        value = {"type": "local", "command": command}
        if server.env:
            value["environment"] = {k: env_references(v, f"env.{k}", notes) for k, v in server.env.items()}
        if server.cwd:
            value["cwd"] = env_references(server.cwd, "cwd", notes)
    else:
        value = {"type": "remote", "url": env_references(server.url or "", "url", notes)}
        if server.headers:
            value["headers"] = {
                k: env_references(v, f"headers.{k}", notes) for k, v in server.headers.items()
            }
        if server.transport == "sse":
            notes.append(
                ("SSE server: OpenCode tries streamable HTTP first, then falls back to SSE", "info", "type")
            )
    if not server.enabled:
        value["enabled"] = False
    for key in server.extra:
        notes.append((f"{key} has no OpenCode equivalent; dropped", "warning", key))
    return value, notes


def v2_servers(path: Path) -> set[str]:
    """Names the user defined in OpenCode's V2 shape (``mcp.servers.<name>``) in ``path``."""
    try:
        value = jsonc.parse(path.read_text(encoding="utf-8")).value
    except (OSError, UnicodeDecodeError, jsonc.JsoncError):
        return set()  # a missing file has none; the core reports a broken one
    mcp = value.get("mcp") if isinstance(value, dict) else None
    servers = mcp.get("servers") if isinstance(mcp, dict) else None
    if not isinstance(servers, dict) or "type" in servers:  # a V1 server named "servers"
        return set()
    return set(servers)


def render(sources: Sources, ctx: Context, place: Place, out: Collected) -> None:
    servers = sorted(sources.of("mcp", level=place.level), key=lambda s: PRECEDENCE.get(s.scope, 9))
    theirs = v2_servers(place.config) if servers else set()
    for server in servers:
        if server.name in theirs:
            out.note(
                server,
                f"{place.config.name} already defines {server.name!r} under mcp.servers "
                "(OpenCode's V2 shape); that server is left as it is",
                path=place.config,
            )
            continue
        if server.scope == "local" and ctx.is_tracked(place.config):
            out.note(
                server,
                f"a local-scope (personal) server is not written into {place.config.name}: git tracks it",
                path=place.config,
            )
            continue
        holder = out.claim(f"{place.config}::mcp.{server.name}", server.label)
        if holder:
            out.note(server, f"shadowed by {holder} in {place.config.name}", path=place.config)
            continue
        value, notes = server_value(server)
        for reason, action, field in notes:
            out.note(server, reason, action=action, field=field, path=place.config)
        out.add(
            JsonEntry(
                path=place.config,
                root=place.root,
                level=place.level,
                kind="mcp",
                item=server.name,
                scope=server.scope,
                key=("mcp", server.name),
                value=value,
            )
        )
