"""Permissions (the opt-in ``settings`` kind) → ``permissions.allow`` / ``ask`` / ``deny`` of ``settings.json``.

Qwen's permission rules are Claude Code's rules with two spellings changed: a command prefix is
``Bash(git status *)`` (Claude's ``Bash(git status:*)``) and a domain is ``WebFetch(example.com)``
(Claude's ``WebFetch(domain:example.com)``). ``Read`` covers the same read tools in both. hsync
owns each of the three lists of a level (all rules of the level, in order, without repeats):
rules the user wrote into the same list by hand conflict and are reported by the core.
``defaultMode``, ``additionalDirectories``, ``env`` (values may be secrets) and ``model`` are
reported, not written.
"""

from __future__ import annotations

import re

from hsync_core import JsonEntry, Settings, Sources
from hsync_gemini.batch import Batch

from .paths import Place

_PREFIX = re.compile(r"^(Bash)\((.*):\*\)$", re.S)
_DOMAIN = re.compile(r"^(WebFetch)\(domain:(.*)\)$", re.S)


def qwen_rule(rule: str) -> str:
    rule = rule.strip()
    match = _PREFIX.match(rule)
    if match:
        return f"{match.group(1)}({match.group(2).rstrip()} *)"
    match = _DOMAIN.match(rule)
    if match:
        return f"{match.group(1)}({match.group(2)})"
    return rule


def render(sources: Sources, place: Place, batch: Batch) -> None:
    lists: dict[str, list[str]] = {"allow": [], "ask": [], "deny": []}
    owners: dict[str, Settings] = {}
    for item in sources.of("settings", level=place.level):
        if batch.blocked_local(item, place.settings):
            continue
        perms = item.permissions
        for decision in lists:
            for rule in getattr(perms, decision):
                converted = qwen_rule(rule)
                if converted not in lists[decision]:
                    lists[decision].append(converted)
                    owners.setdefault(decision, item)
        if perms.default_mode:
            batch.note(
                item,
                f"defaultMode '{perms.default_mode}' not written: Qwen's approval mode is chosen per session",
                field="defaultMode",
            )
        if perms.additional_directories:
            batch.note(
                item,
                "additionalDirectories not written: pass them with qwen --add-dir",
                field="additionalDirectories",
            )
        if item.env:
            batch.note(item, "env not written: its values may be secrets", field="env")
        if item.model:
            batch.note(
                item, f"model '{item.model}' not written: Qwen uses its own providers' models", field="model"
            )
    for decision, rules in lists.items():
        if not rules:
            continue
        batch.add(
            JsonEntry(
                path=place.settings,
                root=place.root,
                level=place.level,
                kind="settings",
                item=f"permissions.{decision}",
                scope=owners[decision].scope,
                key=("permissions", decision),
                value=rules,
            ),
            owners[decision],
        )
