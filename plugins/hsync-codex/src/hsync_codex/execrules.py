"""Settings (opt-in): Claude's ``Bash(...)`` permission rules → Codex ``prefix_rule(...)`` files.

Codex (0.171) reads ``$CODEX_HOME/rules/*.rules`` and, in a trusted project, ``.codex/rules/*.rules``:
Starlark files of ``prefix_rule(pattern = [tokens], decision = "allow" | "prompt" | "forbidden")``.
A rule matches a command that starts with its tokens; when several match, the most restrictive
decision wins, as Claude's deny > ask > allow. hsync owns ``hsync.rules`` at each level::

    allow  Bash(git status:*)   → prefix_rule(pattern = ["git", "status"], decision = "allow")
    ask    Bash(npm publish *)  → … decision = "prompt"
    deny   Bash(rm -rf)         → … decision = "forbidden" (also forbids ``rm -rf x``: stricter)

Each rule carries a ``match`` example (its own tokens), which Codex checks when it loads the file.
Not written, each reported by rule: ``allow`` of an exact command (a prefix rule would allow more
than Claude does), a ``*`` anywhere but at the end, ``Bash`` or ``Bash(*)`` alone (Codex needs at
least one token), and every rule for another tool (file paths, ``WebFetch``, MCP tools): Codex's
rules cover shell commands only. (Rules for MCP tools, ``mcp__…``, go to the server's table.)
"""

from __future__ import annotations

import json
import re
import shlex

from hsync_core import Context, FileOutput, Output, ReportEntry, Settings, display_origin

from .paths import Place

DECISIONS = {"deny": "forbidden", "ask": "prompt", "allow": "allow"}
VERBS = {"deny": "forbids", "ask": "asks before"}
FILENAME = "hsync.rules"
_RULE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*(?:\((.*)\))?\s*$", re.DOTALL)
HEADER = (
    "# Written by hsync from the permissions of Claude Code's settings (Bash rules only).\n"
    "# Change them there and run `hsync sync`; an edit here is reported as drift.\n"
)


class NotExpressible(Exception):
    """The rule cannot be a Codex prefix rule; the message says why."""


def prefix(rule: str, field: str) -> tuple[list[str], bool]:
    """(the command's tokens, whether Claude matched it as a prefix); or NotExpressible."""
    found = _RULE.match(rule)
    tool, spec = (found.group(1), found.group(2)) if found else (rule, None)
    if tool != "Bash":
        raise NotExpressible("Codex rules cover shell commands only (no file paths or web fetches)")
    spec = (spec or "").strip()
    as_prefix = spec.endswith(":*") or spec.endswith(" *")
    command = spec[:-2].rstrip() if as_prefix else spec
    if command in ("", "*"):
        raise NotExpressible("a rule for every command: a Codex rule needs at least one word")
    if "*" in command:
        raise NotExpressible("Codex rules match a command's first words, with no wildcards elsewhere")
    try:
        tokens = shlex.split(command)
    except ValueError as exc:
        raise NotExpressible(f"the command cannot be split into words ({exc})") from None
    if not as_prefix and field == "allow":
        raise NotExpressible(
            f"Claude allows exactly {command!r}; a Codex rule would allow every command starting with it"
        )
    return tokens, as_prefix


def _rule_text(tokens: list[str], decision: str, justification: str) -> str:
    words = ", ".join(json.dumps(t, ensure_ascii=False) for t in tokens)
    return (
        "prefix_rule(\n"
        f"    pattern = [{words}],\n"
        f'    decision = "{decision}",\n'
        f"    justification = {json.dumps(justification, ensure_ascii=False)},\n"
        f"    match = [[{words}]],\n"
        ")\n"
    )


def _entry(layer: Settings, ctx: Context, field: str, reason: str, action: str = "skipped") -> ReportEntry:
    return ReportEntry(
        kind="settings",
        name=display_origin(layer.origin, ctx),
        scope=layer.scope,
        field=f"permissions.{field}",
        path=layer.origin,
        reason=reason,
        action=action,
    )


def render_exec_rules(
    layers: list[Settings], place: Place, ctx: Context
) -> tuple[list[Output], list[ReportEntry]]:
    path = place.rules / FILENAME
    report: list[ReportEntry] = []
    rules: list[str] = []
    for layer in layers:
        # MCP tool rules become approval keys of the server's table (.mcprules)
        pending = [
            (f, r) for f in DECISIONS for r in getattr(layer.permissions, f) if not r.startswith("mcp__")
        ]
        if pending and layer.scope == "local" and ctx.is_tracked(path):
            reason = f"personal (local) permission rules not written into {place.show(path)}: git tracks it"
            report.append(_entry(layer, ctx, pending[0][0], reason))
            continue
        for field, rule in pending:
            try:
                tokens, as_prefix = prefix(rule, field)
            except NotExpressible as exc:
                report.append(_entry(layer, ctx, field, f"{rule} not written: {exc}"))
                continue
            if not as_prefix:
                reason = (
                    f"{rule} written as a prefix rule: Codex also {VERBS[field]} longer commands "
                    f"starting with {' '.join(tokens)!r}"
                )
                report.append(_entry(layer, ctx, field, reason, "info"))
            origin = display_origin(layer.origin, ctx)
            rules.append(_rule_text(tokens, DECISIONS[field], f"Claude Code {field}: {rule} ({origin})"))
    if not rules:
        return [], report
    content = HEADER + "".join(f"\n{r}" for r in rules)
    output = FileOutput(
        path=path,
        root=place.root,
        level=place.level,
        kind="settings",
        item=f"{place.level} rules",
        content=content,
    )
    return [output], report
