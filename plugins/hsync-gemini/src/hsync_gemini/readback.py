"""``read_target``: the ``mcpServers`` entries of Gemini's ``settings.json`` and the managed block
of ``GEMINI.md`` read back into Claude Code items (the inverse of :mod:`hsync_gemini.mcp`)::

    command / args / env / cwd        → a stdio server
    httpUrl + headers                 → an HTTP server
    url (+ "type": "sse") + headers   → an SSE server (Gemini reads a bare url as SSE)
    $VAR                              → ${VAR} (Claude Code expands only the braced form)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from hsync_core import Context, HarnessEntry, McpServer, jsonc, read_instruction_block

from .paths import INSTRUCTIONS, Place, place

_BARE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def claude_value(text: Any) -> str:
    """Gemini's bare ``$VAR`` as ``${VAR}``; ``${VAR}`` and ``${VAR:-x}`` stay as they are."""
    return _BARE.sub(lambda m: "${" + m.group(1) + "}", str(text))


def _strings(value: Any) -> dict[str, str]:
    return {str(k): claude_value(v) for k, v in value.items()} if isinstance(value, dict) else {}


def server_item(name: str, value: dict[str, Any], where: Place) -> McpServer | None:
    common = {"name": name, "scope": where.level, "level": where.level, "origin": where.settings}
    if isinstance(value.get("command"), str):
        cwd = claude_value(value["cwd"]) if isinstance(value.get("cwd"), str) else None
        return McpServer(
            **common,
            transport="stdio",
            command=claude_value(value["command"]),
            args=[claude_value(a) for a in value.get("args") or ()],
            env=_strings(value.get("env")),
            cwd=cwd,
        )
    headers = _strings(value.get("headers"))
    if isinstance(value.get("httpUrl"), str):
        return McpServer(**common, transport="http", url=claude_value(value["httpUrl"]), headers=headers)
    if isinstance(value.get("url"), str):
        transport = "http" if value.get("type") == "http" else "sse"
        return McpServer(**common, transport=transport, url=claude_value(value["url"]), headers=headers)
    return None


def read_back(ctx: Context) -> Iterator[HarnessEntry]:
    for level in ("user", "project"):
        where = place(ctx, level)
        if where is None:
            continue
        try:
            document = jsonc.parse(where.settings.read_text(encoding="utf-8")).value
        except (OSError, UnicodeDecodeError, jsonc.JsoncError):
            document = None
        servers = document.get("mcpServers") if isinstance(document, dict) else None
        for name, value in servers.items() if isinstance(servers, dict) else ():
            item = server_item(name, value, where) if isinstance(value, dict) else None
            if item is not None:
                yield HarnessEntry(
                    item=item, path=where.settings, root=where.root, style="json", key=("mcpServers", name)
                )
        block = read_instruction_block(where.instructions_root / INSTRUCTIONS, where.root, level)
        if block is not None:
            yield block
