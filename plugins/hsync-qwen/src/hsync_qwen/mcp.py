"""MCP servers → ``mcpServers.<name>`` entries of ``~/.qwen/settings.json`` (and, for personal servers, ``.qwen/settings.json``).

Qwen reads the project's ``.mcp.json`` itself (Claude's format, each server approved once with
``qwen mcp approve``), so project servers are declared as read natively (``NATIVE``, in the
target's ``reads_natively``): the core reports them and never hands them to this module.
User servers (``~/.claude.json``) and plugin servers go to ``~/.qwen/settings.json``; personal
(local-scope) servers go to ``.qwen/settings.json`` when git does not track it. The entry is the
Gemini adapter's (:func:`hsync_gemini.mcp.value`: ``command``/``args``/``env``/``cwd``,
``httpUrl`` for streamable HTTP, ``url`` + ``"type": "sse"`` for SSE); ``${VAR}`` is written as
it is (Qwen expands it). Qwen names MCP tools ``mcp__<server>__<tool>``, so names keep their ``_``.
"""

from __future__ import annotations

from hsync_core import JsonEntry, NativeSource, Sources
from hsync_gemini.batch import Batch
from hsync_gemini.mcp import value

from .paths import Place

#: Qwen reads the project's .mcp.json itself
NATIVE = NativeSource(kind="mcp", scopes=("project",), where=".mcp.json")


def render(sources: Sources, place: Place, batch: Batch) -> None:
    for server in sources.of("mcp", level=place.level):
        if not server.enabled:
            batch.skip(server, "disabled in Claude Code; Qwen would start it, so it is not written")
            continue
        if batch.blocked_local(server, place.settings):
            continue
        for key in sorted(server.extra):
            batch.note(server, f"'{key}' dropped: Qwen's MCP settings have no such key", field=key)
        if server.transport == "stdio" and server.headers:
            batch.note(server, "headers dropped: a stdio server takes none", field="headers")
        if place.level == "project":
            batch.note(
                server,
                "Qwen asks once before starting a server of .qwen/settings.json (qwen mcp approve)",
                action="info",
            )
        batch.add(
            JsonEntry.for_item(
                server,
                path=place.settings,
                root=place.root,
                key=("mcpServers", server.name),
                value=value(server),
            ),
            server,
        )
