"""Claude MCP servers as entries of ``mcp`` in ``kilo.json`` (OpenCode's V1 shape).

:func:`hsync_opencode.mcp.server_value` renders each server (``${VAR}`` becomes ``{env:VAR}``).
Kilo refuses variable references in project config: one ``{env:VAR}`` anywhere in a project's
``kilo.json`` makes ``kilo config check`` fail and Kilo drop the *whole file* (every server in
it, the user's too). So a project (or local) server that needs a variable is skipped with the
reason; it is not moved to the user's file, where it would reach every project.
"""

from __future__ import annotations

import json

from hsync_core import Context, JsonEntry, Sources
from hsync_opencode.mcp import PRECEDENCE, server_value, v2_servers
from hsync_opencode.paths import Place

from .collect import KiloCollected

REFERENCE = "{env:"


def render(sources: Sources, ctx: Context, place: Place, out: KiloCollected) -> None:
    servers = sorted(sources.of("mcp", level=place.level), key=lambda s: PRECEDENCE.get(s.scope, 9))
    theirs = v2_servers(place.config) if servers else set()
    for server in servers:
        if server.name in theirs:
            out.note(
                server,
                f"{place.config.name} already defines {server.name!r} under mcp.servers; "
                "that server is left as it is",
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
        value, notes = server_value(server)
        if place.level == "project" and REFERENCE in json.dumps(value):
            out.note(
                server,
                f"needs an environment variable, and Kilo refuses variable references in project "
                f"config (it would drop all of {place.config.name}); add it to ~/.config/kilo/kilo.json "
                "yourself if you want it everywhere",
                path=place.config,
            )
            continue
        holder = out.claim(f"{place.config}::mcp.{server.name}", server.label)
        if holder:
            out.note(server, f"shadowed by {holder} in {place.config.name}", path=place.config)
            continue
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
