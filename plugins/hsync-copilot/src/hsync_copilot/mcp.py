"""MCP servers → entries of ``mcpServers`` in ``$COPILOT_HOME/mcp-config.json`` (and ``.github/mcp.json``).

A stdio server becomes ``{"type": "local", "command", "args", "env", "cwd", "tools": ["*"]}``, an HTTP
or SSE server ``{"type": "http"|"sse", "url", "headers", "tools": ["*"]}``. Copilot CLI expands
``$VAR``, ``${VAR}`` and ``${VAR:-default}`` itself, which is Claude's syntax too, so values are
copied as they are: never resolved. Only hsync's entries are touched; the rest of the file stays
byte for byte.

Project servers from ``.mcp.json`` are read by Copilot itself (in a trusted folder). A server that
must go to the project (a local-scope server from ``~/.claude.json``, a project plugin's server)
goes to ``.github/mcp.json``, which Copilot reads only when there is no ``.mcp.json``.
"""

from __future__ import annotations

from typing import Any

from hsync_core import Context, JsonEntry, McpServer, Output, ReportEntry

from .names import Names, by_precedence
from .paths import Place


def server_value(server: McpServer) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Copilot's entry for ``server``, and (field, reason) for what was dropped."""
    dropped: list[tuple[str, str]] = []
    value: dict[str, Any]
    if server.transport == "stdio":
        value = {"type": "local", "command": server.command or "", "args": list(server.args)}
        if server.env:
            value["env"] = dict(server.env)
        if server.cwd:
            value["cwd"] = server.cwd
    else:
        value = {"type": server.transport, "url": server.url or ""}
        if server.headers:
            value["headers"] = dict(server.headers)
    value["tools"] = ["*"]
    for key in sorted(server.extra):
        dropped.append((key, f"`{key}` has no Copilot equivalent in mcp-config.json; dropped"))
    return value, dropped


def render_mcp(
    servers: list[McpServer], place: Place, ctx: Context
) -> tuple[list[Output], list[ReportEntry]]:
    outputs: list[Output] = []
    report: list[ReportEntry] = []
    names = Names()
    where = place.show(place.mcp)
    for server in by_precedence(servers):
        if not server.enabled:
            report.append(
                ReportEntry.for_item(server, "disabled in Claude Code: not written", path=place.mcp)
            )
            continue
        if place.level == "project":
            if ctx.project is not None and (ctx.project / ".mcp.json").is_file():
                report.append(
                    ReportEntry.for_item(
                        server,
                        f"Copilot reads {where} only when the project has no .mcp.json, and this one "
                        "has: add the server to .mcp.json, or to your user servers",
                        path=place.mcp,
                    )
                )
                continue
            if server.scope == "local" and ctx.is_tracked(place.mcp):
                report.append(
                    ReportEntry.for_item(
                        server,
                        f"a local-scope (personal) server is not written into {where}: git tracks it",
                        path=place.mcp,
                    )
                )
                continue
        taken = names.claim(server, server.name, where, path=place.mcp)
        if taken is not None:
            report.append(taken)
            continue
        value, dropped = server_value(server)
        for field, reason in dropped:
            report.append(ReportEntry.for_item(server, reason, action="warning", field=field, path=place.mcp))
        outputs.append(
            JsonEntry.for_item(
                server, path=place.mcp, root=place.root, key=("mcpServers", server.name), value=value
            )
        )
    return outputs, report
