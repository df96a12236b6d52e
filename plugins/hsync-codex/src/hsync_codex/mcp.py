"""MCP servers → ``[mcp_servers.<name>]`` tables in ``config.toml`` (user) or ``.codex/config.toml``.

Codex runs stdio and streamable-HTTP servers (not SSE), writes no ``type`` key, and expands no
``${VAR}`` in its config: a variable becomes a *name* Codex reads from its own environment
(FORMATS.md §2.3, §6.4)::

    env  K = "lit"                      → env = { K = "lit" }
    env  K = "${K}"                     → env_vars = ["K"]
    headers Authorization = "Bearer ${T}" → bearer_token_env_var = "T"
    headers X = "${V}"                  → env_http_headers = { X = "V" }
    headers X = "lit"                   → http_headers = { X = "lit" }
    headersHelper "cmd"                 → http_headers_helper = "cmd"  (both run it in a shell)

A value that mixes text with a variable, needs a ``:-default``, or puts a variable in
``command``/``args``/``url``/``cwd`` cannot be written without resolving it into a secret: the
server is skipped with the reason. Names outside ``[A-Za-z0-9_-]`` are renamed (Codex refuses
them when a session starts).
"""

from __future__ import annotations

import re
from typing import Any

from hsync_core import Context, McpServer, Output, ReportEntry, TomlEntry, fit_name, renamed

from .mcprules import McpRules
from .names import Names, by_precedence
from .paths import Place

_VARIABLE = r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}"
_WHOLE = re.compile(rf"^{_VARIABLE}$")
_BEARER = re.compile(rf"^Bearer\s+{_VARIABLE}$", re.IGNORECASE)
_DEFAULTED = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*:-[^}]*\}$")
HEADERS_HELPER = "headersHelper"


class Untranslatable(Exception):
    """The server cannot be written for Codex; the message says why."""


def _no_variable(value: str, where: str) -> str:
    if "${" in value:
        raise Untranslatable(
            f"{where} uses a variable ({value!r}); Codex expands no variables there, "
            "and hsync never writes a variable's value"
        )
    return value


def _variable(value: str, where: str) -> str | None:
    """The variable a whole ``${VAR}`` value names; None for a literal; else untranslatable."""
    if "${" not in value:
        return None
    whole = _WHOLE.match(value)
    if whole:
        return whole.group(1)
    if _DEFAULTED.match(value):
        raise Untranslatable(f"{where} needs a default ({value!r}), which Codex cannot express")
    raise Untranslatable(
        f"{where} mixes text with a variable ({value!r}); Codex cannot read that from the environment"
    )


def _stdio(server: McpServer, notes: list[tuple[str, str]]) -> dict[str, Any]:
    value: dict[str, Any] = {"command": _no_variable(server.command or "", "command")}
    if server.args:
        value["args"] = [_no_variable(a, "an argument") for a in server.args]
    literal: dict[str, str] = {}
    forwarded: list[str] = []
    for key, text in server.env.items():
        variable = _variable(text, f"env {key}")
        if variable is None:
            literal[key] = text
            continue
        forwarded.append(key)
        if variable != key:
            notes.append(
                (
                    "env",
                    f"env {key} = ${{{variable}}}: Codex passes variables on by name only, so the server "
                    f"gets {key} from the environment Codex runs in (not {variable}); set {key} there",
                )
            )
    if literal:
        value["env"] = literal
    if forwarded:
        value["env_vars"] = forwarded
    if server.cwd:
        value["cwd"] = _no_variable(server.cwd, "cwd")
    if server.headers:
        notes.append(("headers", "`headers` dropped: a stdio server takes no HTTP headers"))
    return value


def _http(server: McpServer, notes: list[tuple[str, str]]) -> dict[str, Any]:
    value: dict[str, Any] = {"url": _no_variable(server.url or "", "url")}
    literal: dict[str, str] = {}
    from_env: dict[str, str] = {}
    for header, text in server.headers.items():
        bearer = _BEARER.match(text) if header.lower() == "authorization" else None
        if bearer:
            value["bearer_token_env_var"] = bearer.group(1)
            continue
        variable = _variable(text, f"header {header}")
        if variable is None:
            literal[header] = text
        else:
            from_env[header] = variable
    if literal:
        value["http_headers"] = literal
    if from_env:
        value["env_http_headers"] = from_env
    helper = server.extra.get(HEADERS_HELPER)
    if isinstance(helper, str) and helper.strip():
        value["http_headers_helper"] = helper
    if server.env:
        notes.append(("env", "`env` dropped: an HTTP server takes no environment"))
    return value


def server_table(server: McpServer) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The ``[mcp_servers.X]`` table and (field, reason) notes of what was lost; or Untranslatable."""
    notes: list[tuple[str, str]] = []
    if server.transport == "sse":
        raise Untranslatable("Codex runs stdio and streamable-HTTP servers only, not SSE")
    value = _stdio(server, notes) if server.transport == "stdio" else _http(server, notes)
    if not server.enabled:
        value["enabled"] = False
    carried = {"disabled", HEADERS_HELPER} if "http_headers_helper" in value else {"disabled"}
    for key in sorted(set(server.extra) - carried):
        notes.append((key, f"`{key}` dropped: Codex has no such MCP server setting"))
    return value, notes


def codex_name(name: str) -> str:
    """``name`` with every run of characters outside ``[A-Za-z0-9_-]`` turned into ``-``."""
    return fit_name(name, allowed="A-Za-z0-9_-", fallback="server")  # the core's naming policy


def render_mcp(
    servers: list[McpServer], place: Place, names: Names, ctx: Context, rules: McpRules
) -> tuple[list[Output], list[ReportEntry]]:
    outputs: list[Output] = []
    report: list[ReportEntry] = []
    for server in by_precedence(servers):
        if server.scope == "local" and ctx.is_tracked(place.config):
            reason = f"a personal (local-scope) server is not written into {place.show(place.config)}: git tracks it"
            report.append(ReportEntry.for_item(server, reason, path=place.config))
            continue
        try:
            value, notes = server_table(server)
        except Untranslatable as exc:
            report.append(ReportEntry.for_item(server, str(exc), path=server.origin))
            continue
        name = codex_name(server.name)
        taken = names.claim(server, name, place.show(place.config), path=place.config)
        if taken is not None:
            report.append(taken)
            continue
        if name != server.name:
            reason = "Codex accepts only letters, digits, '-' and '_' in server names"
            report.append(renamed(server, server.name, name, reason))
        report.extend(ReportEntry.for_item(server, reason, action="warning", field=f) for f, reason in notes)
        for field, reason in rules.apply(server, place.level, value):
            report.append(ReportEntry.for_item(server, reason, action="info", field=field))
        outputs.append(
            TomlEntry.for_item(
                server,
                path=place.config,
                root=place.root,
                key=("mcp_servers", name),
                value=value,
            )
        )
    return outputs, report
