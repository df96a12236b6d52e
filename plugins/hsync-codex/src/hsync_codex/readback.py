"""``read_target``: Codex's ``[mcp_servers.*]`` tables and the managed block of ``AGENTS.md`` read
back into Claude Code items (the inverse of :mod:`hsync_codex.mcp`), for ``hsync drift`` and
``hsync adopt``::

    env_vars = ["K"]                  → env K = "${K}"
    bearer_token_env_var = "T"        → headers Authorization = "Bearer ${T}"
    env_http_headers = { X = "V" }    → headers X = "${V}"
    http_headers = { X = "lit" }      → headers X = "lit"
    http_headers_helper = "cmd"       → headersHelper "cmd"
    enabled = false                   → a disabled server

Keys Codex has and Claude Code does not (``startup_timeout_sec``, ``enabled_tools``…) are left
out of the item.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hsync_core import Context, HarnessEntry, McpServer, read_instruction_block

from .paths import Place, places, read_toml


def _strings(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def server_item(name: str, table: dict[str, Any], level: str, place: Place) -> McpServer | None:
    """The Claude Code server a Codex ``[mcp_servers.<name>]`` table describes; None if neither
    ``command`` nor ``url``."""
    common = {"name": name, "scope": level, "level": level, "origin": place.config}
    enabled = table.get("enabled") is not False
    if isinstance(table.get("command"), str):
        env = _strings(table.get("env"))
        for variable in table.get("env_vars") or ():
            env.setdefault(str(variable), "${" + str(variable) + "}")
        return McpServer(
            **common,
            transport="stdio",
            command=table["command"],
            args=[str(a) for a in table.get("args") or ()],
            env=env,
            cwd=table.get("cwd") if isinstance(table.get("cwd"), str) else None,
            enabled=enabled,
        )
    if isinstance(table.get("url"), str):
        headers = _strings(table.get("http_headers"))
        for header, variable in _strings(table.get("env_http_headers")).items():
            headers[header] = "${" + variable + "}"
        if isinstance(table.get("bearer_token_env_var"), str):
            headers["Authorization"] = "Bearer ${" + table["bearer_token_env_var"] + "}"
        helper = table.get("http_headers_helper")
        extra = {"headersHelper": helper} if isinstance(helper, str) else {}
        return McpServer(
            **common, transport="http", url=table["url"], headers=headers, enabled=enabled, extra=extra
        )
    return None


def read_back(ctx: Context) -> Iterator[HarnessEntry]:
    for place in places(ctx):
        servers = read_toml(place.config).get("mcp_servers")
        for name, table in (servers or {}).items() if isinstance(servers, dict) else ():
            item = server_item(name, table, place.level, place) if isinstance(table, dict) else None
            if item is not None:
                yield HarnessEntry(
                    item=item, path=place.config, root=place.root, style="toml", key=("mcp_servers", name)
                )
        block = read_instruction_block(place.root / "AGENTS.md", place.root, place.level)
        if block is not None:
            yield block
