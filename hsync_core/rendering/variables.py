"""Variable forms in MCP server values that no harness can carry.

Claude Code expands ``${VAR}`` and ``${VAR:-default}`` in ``.mcp.json`` and ``~/.claude.json``;
every adapter writes those in its harness's own syntax. Other ``${…}`` forms come from other
tools' configs pasted in: VS Code's ``${input:id}`` (a prompt for a value, declared under
``inputs``), ``${env:VAR}``, ``${command:…}``, ``${config:…}``, shell-only ``${VAR:?msg}``.
Claude Code passes them through as literal text, and no harness asks for an input, so a server
using one would start with a placeholder instead of its key or argument. The rule, the same
for every target: **the server is not written**, with one reason naming the field and the form
(:func:`unsupported_variable_reason`). The render step applies it before any adapter sees the
server.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import McpServer

#: what Claude Code expands: ``${VAR}`` and ``${VAR:-default}``
SUPPORTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?$")
_REFERENCE = re.compile(r"\$\{([^}]*)\}")


def _values(server: McpServer) -> Iterator[tuple[str, str]]:
    if server.command:
        yield "command", server.command
    for n, arg in enumerate(server.args):
        yield f"args[{n}]", arg
    for key, value in server.env.items():
        yield f"env.{key}", value
    if server.cwd:
        yield "cwd", server.cwd
    if server.url:
        yield "url", server.url
    for key, value in server.headers.items():
        yield f"headers.{key}", value


def unsupported_variable(server: McpServer) -> tuple[str, str] | None:
    """The first (field, ``${…}`` text) in ``server`` that is not ``${VAR}``/``${VAR:-default}``."""
    for field, value in _values(server):
        for match in _REFERENCE.finditer(str(value)):
            if not SUPPORTED.match(match.group(1)):
                return field, match.group(0)
    return None


def unsupported_variable_reason(server: McpServer) -> str | None:
    """Why ``server`` is not written (one text for every target), or None."""
    found = unsupported_variable(server)
    if found is None:
        return None
    field, form = found
    prompt = " (a VS Code prompt for a value: no harness asks for it)" if form.startswith("${input:") else ""
    return (
        f"{field} uses {form}{prompt}; only ${{VAR}} and ${{VAR:-default}} can be carried, "
        "so the server is not written"
    )
