"""What the user switched off in Claude Code, taken out of a read: what Claude Code does not use,
hsync does not carry. Each is reported once, "off in Claude Code", naming the setting, as
``info``: a choice of the user, not a broken source, so the exit code stays 0.

- ``skillOverrides`` (settings): a skill set ``"off"`` (by its name, or ``plugin:name``) is
  neither listed nor invocable in Claude Code, so it is not synced. The project's setting wins
  over the user's, the local one over both (Claude Code: local, then project, then user);
- ``claudeMdExcludes`` (settings): ``CLAUDE.md`` files (and rules) whose absolute path matches a
  glob or equals a path are not loaded, so they are not synced (``!`` patterns are ignored);
- ``disableSkillShellExecution`` (settings): Claude Code replaces each inline shell command of
  a command (`` !`cmd` `` and ```` ```! ```` blocks) with ``[shell command execution disabled by
  policy]``; hsync carries the command with the same text, so no harness runs what Claude does not;
- ``disabledMcpServers`` (``~/.claude.json``, the project's entry, what ``/mcp`` toggles): those
  servers are off in that project. A project or local server is not synced; a user server stays
  in the harness's user files (they serve every project) and is reported;
- a plugin set ``false`` in ``enabledPlugins`` is not read at all (:mod:`.plugins`); it is reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs

from ..files.witness import probe
from ..models import Command, ReportEntry
from .reading import Read, json_object, load_json

SHELL_OFF = "[shell command execution disabled by policy]"  # Claude Code's own placeholder
_SHELL_BLOCK = re.compile(r"```!\s*\n?[\s\S]*?\n?```")
_SHELL_INLINE = re.compile(r"(?:(?<=\s)|^)!`[^`]+`", re.MULTILINE)
_OFF = "off in Claude Code"


def apply_switched_off(r: Read, layers: list[tuple[str, dict[str, Any]]]) -> None:
    """Take out of ``r.items`` (and report) what ``layers`` (scope, settings) switch off."""
    _skill_overrides(r, layers)
    _claude_md_excludes(r, layers)
    _skill_shell(r, layers)
    _disabled_mcp_servers(r)
    _disabled_plugins(r, layers)


def _where(scope: str) -> str:
    return {"user": "~/.claude/settings.json", "project": ".claude/settings.json"}.get(
        scope, ".claude/settings.local.json"
    )


def _skill_overrides(r: Read, layers: list[tuple[str, dict[str, Any]]]) -> None:
    chosen: dict[str, tuple[str, str]] = {}
    for scope, layer in layers:  # user, project, local: a later layer wins
        overrides = layer.get("skillOverrides")
        if isinstance(overrides, dict):
            chosen.update({str(k): (str(v), scope) for k, v in overrides.items()})
    if not chosen:
        return
    kept = []
    for item in r.items:
        found = chosen.get(item.qualified_name) or chosen.get(item.name) if item.kind == "skills" else None
        if found is not None and found[0] == "off":
            r.report.append(
                ReportEntry.for_item(
                    item,
                    f"{_OFF} (skillOverrides: off in {_where(found[1])})",
                    action="info",
                    path=item.origin,
                )
            )
            continue
        kept.append(item)
    r.items[:] = kept


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A picomatch-like glob (``**`` any folders, ``*`` and ``?`` within one) as a regex."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def _claude_md_excludes(r: Read, layers: list[tuple[str, dict[str, Any]]]) -> None:
    patterns = []
    for _, layer in layers:
        found = layer.get("claudeMdExcludes")
        if isinstance(found, list):
            patterns += [p for p in found if isinstance(p, str) and p and not p.startswith("!")]
    if not patterns:
        return
    compiled = [(p, glob_regex(str(Path(p).expanduser()) if p.startswith("~") else p)) for p in patterns]
    kept = []
    for item in r.items:
        if item.kind == "rules" and item.origin is not None and item.scope != "plugin":
            path = Path(item.origin).absolute().as_posix()
            hit = next((p for p, rx in compiled if rx.match(path)), None)
            if hit is not None:
                r.report.append(
                    ReportEntry.for_item(
                        item, f"{_OFF} (claudeMdExcludes: {hit})", action="info", path=item.origin
                    )
                )
                continue
        kept.append(item)
    r.items[:] = kept


def _skill_shell(r: Read, layers: list[tuple[str, dict[str, Any]]]) -> None:
    if not any(layer.get("disableSkillShellExecution") is True for _, layer in layers):
        return
    for index, item in enumerate(r.items):
        if not isinstance(item, Command):
            continue
        body = _SHELL_INLINE.sub(SHELL_OFF, _SHELL_BLOCK.sub(SHELL_OFF, item.body))
        if body != item.body:
            r.items[index] = attrs.evolve(item, body=body)
            reason = f"inline shell commands {_OFF} (disableSkillShellExecution): carried as {SHELL_OFF}"
            r.report.append(ReportEntry.for_item(item, reason, action="info", path=item.origin))


def _disabled_mcp_servers(r: Read) -> None:
    probe(r.claude_json)
    if r.project is None or not r.claude_json.is_file():
        return
    from .mcp import _project_entry

    data = json_object(r.claude_json, load_json(r.claude_json))
    projects = data.get("projects")
    entry = _project_entry(projects, r.project) if isinstance(projects, dict) else None
    names = entry.get("disabledMcpServers") if isinstance(entry, dict) else None
    if not isinstance(names, list) or not names:
        return
    off = {str(n) for n in names}
    kept = []
    for item in r.items:
        if item.kind == "mcp" and item.name in off and item.scope != "plugin":
            if item.level == "user":
                reason = (
                    f"{_OFF} for this project (disabledMcpServers), but a user server: still written "
                    "to the harness's user files, which serve every project"
                )
                r.report.append(ReportEntry.for_item(item, reason, action="info", path=r.claude_json))
            else:
                reason = f"{_OFF} for this project (disabledMcpServers in ~/.claude.json)"
                r.report.append(ReportEntry.for_item(item, reason, action="info", path=r.claude_json))
                continue
        kept.append(item)
    r.items[:] = kept


def _disabled_plugins(r: Read, layers: list[tuple[str, dict[str, Any]]]) -> None:
    flags: dict[str, tuple[bool, str]] = {}
    for scope, layer in layers:
        found = layer.get("enabledPlugins")
        if isinstance(found, dict):
            flags.update({str(k): (v is not False, scope) for k, v in found.items()})
    for key, (on, scope) in flags.items():
        if not on:
            reason = f"{_OFF} (enabledPlugins: false in {_where(scope)})"
            r.report.append(
                ReportEntry(kind="plugins", name=key, scope="plugin", reason=reason, action="info")
            )
