"""MCP servers → ``mcpServers.<name>`` entries of ``settings.json`` (user: ``~/.gemini``, project: ``.gemini``).

- stdio: ``command``, ``args``, ``env``, ``cwd``;
- streamable HTTP: ``httpUrl`` + ``headers`` (a plain ``url`` would mean SSE to Gemini);
- SSE: ``url`` + ``"type": "sse"`` + ``headers``.

Gemini expands ``$VAR``, ``${VAR}`` and ``${VAR:-default}`` in settings, so Claude's references are
written as they are and no secret is ever resolved. Server names with ``_`` are renamed with
``-`` (Gemini splits ``mcp_<server>_<tool>`` on the first ``_``). Gemini's settings schema rejects
unknown keys, so Claude fields it has no key for are dropped and reported. Only the server
entries are hsync's: the user's own servers, keys, comments and indentation stay as they are.
"""

from __future__ import annotations

import re
from typing import Any

from hsync_core import JsonEntry, McpServer, Sources, by_precedence, renamed

from .batch import Batch
from .paths import Place
from .tools import server_name

#: a bare ``$NAME`` that Gemini expands and Claude Code leaves alone
_BARE_VAR = re.compile(r"\$[A-Za-z_]\w*")


def value(server: McpServer) -> dict[str, Any]:
    """The Gemini ``mcpServers`` entry for ``server``."""
    if server.transport == "stdio":
        entry: dict[str, Any] = {"command": server.command}
        if server.args:
            entry["args"] = list(server.args)
        if server.env:
            entry["env"] = dict(server.env)
        if server.cwd:
            entry["cwd"] = server.cwd
        return entry
    entry = {"httpUrl": server.url} if server.transport == "http" else {"url": server.url, "type": "sse"}
    if server.headers:
        entry["headers"] = dict(server.headers)
    return entry


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    return []


def render(sources: Sources, place: Place, batch: Batch) -> None:
    for server in by_precedence(sources.of("mcp", level=place.level)):
        if not server.enabled:
            batch.skip(server, "disabled in Claude Code; Gemini would start it, so it is not written")
            continue
        if batch.blocked_local(server, place.settings):
            continue
        entry = value(server)
        name = server_name(server.name)
        where = "~/.gemini/settings.json" if place.level == "user" else ".gemini/settings.json"
        taken = batch.names(f"mcp:{place.level}").claim(server, name, where, path=place.settings)
        if taken is not None:
            batch.report.append(taken)
            continue
        if name != server.name:
            batch.report.append(
                renamed(
                    server,
                    server.name,
                    name,
                    "Gemini names tools mcp_<server>_<tool> and splits on the first '_'",
                )
            )
        for key in sorted(server.extra):
            batch.note(server, f"'{key}' dropped: Gemini's MCP settings have no such key", field=key)
        if server.transport == "stdio" and server.headers:
            batch.note(server, "headers dropped: a stdio server takes none", field="headers")
        bare = sorted({m.group(0) for s in _strings(entry) for m in _BARE_VAR.finditer(s)})
        if bare:
            batch.note(
                server,
                f"Gemini expands {', '.join(bare)} from the environment where Claude Code keeps the text",
            )
        batch.add(
            JsonEntry.for_item(
                server,
                path=place.settings,
                root=place.root,
                key=("mcpServers", name),
                value=entry,
            ),
            server,
        )
