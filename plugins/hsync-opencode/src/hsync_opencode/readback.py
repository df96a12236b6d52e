"""``read_target``: the ``mcp`` entries of ``opencode.json`` and the managed block of ``AGENTS.md``
read back into Claude Code items (the inverse of :mod:`hsync_opencode.mcp`)::

    {"type": "local", "command": [c, *args], "environment": {...}}  → a stdio server
    {"type": "remote", "url": u, "headers": {...}}                   → an HTTP server
    {env:VAR}                                                        → ${VAR}

Servers in OpenCode's V2 shape (``mcp.servers``) are left out: hsync does not write them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from hsync_core import Context, HarnessEntry, McpServer, jsonc, read_instruction_block

from .paths import Place, places

_ENV = re.compile(r"\{env:([A-Za-z_][A-Za-z0-9_]*)\}")


def claude_value(text: Any) -> str:
    """OpenCode's ``{env:VAR}`` as Claude Code's ``${VAR}``."""
    return _ENV.sub(lambda m: "${" + m.group(1) + "}", str(text))


def server_item(name: str, value: dict[str, Any], place: Place) -> McpServer | None:
    common = {"name": name, "scope": place.level, "level": place.level, "origin": place.config}
    enabled = value.get("enabled") is not False
    if value.get("type") == "local" and isinstance(value.get("command"), list) and value["command"]:
        command, *args = (claude_value(part) for part in value["command"])
        environment = value.get("environment")
        env = (
            {str(k): claude_value(v) for k, v in environment.items()} if isinstance(environment, dict) else {}
        )
        cwd = claude_value(value["cwd"]) if isinstance(value.get("cwd"), str) else None
        return McpServer(
            **common, transport="stdio", command=command, args=args, env=env, cwd=cwd, enabled=enabled
        )
    if value.get("type") == "remote" and isinstance(value.get("url"), str):
        raw = value.get("headers")
        headers = {str(k): claude_value(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
        url = claude_value(value["url"])
        return McpServer(**common, transport="http", url=url, headers=headers, enabled=enabled)
    return None


def read_back(ctx: Context) -> Iterator[HarnessEntry]:
    for place in places(ctx):
        try:
            document = jsonc.parse(place.config.read_text(encoding="utf-8")).value
        except (OSError, UnicodeDecodeError, jsonc.JsoncError):
            document = None
        mcp = document.get("mcp") if isinstance(document, dict) else None
        for name, value in mcp.items() if isinstance(mcp, dict) else ():
            item = server_item(name, value, place) if isinstance(value, dict) else None
            if item is not None:
                yield HarnessEntry(
                    item=item, path=place.config, root=place.root, style="json", key=("mcp", name)
                )
        block = read_instruction_block(place.root / "AGENTS.md", place.root, place.level)
        if block is not None:
            yield block
