"""Settings (opt-in) → ``approval_policy`` / ``sandbox_mode`` at the top of ``config.toml``; hooks.

Codex has a coarse security posture, not Claude's per-tool rules (FORMATS.md §2.2)::

    defaultMode bypassPermissions → approval_policy = "never",      sandbox_mode = "danger-full-access"
    defaultMode acceptEdits       → approval_policy = "on-request", sandbox_mode = "workspace-write"
    defaultMode plan              →                                  sandbox_mode = "read-only"
    defaultMode default           → nothing (Codex's defaults)

``Bash(...)`` rules of ``allow``/``ask``/``deny`` become Codex rules (:mod:`.execrules`); everything
else in the settings (``additionalDirectories``, ``env``, ``model``) is reported, not written.
"""

from __future__ import annotations

from typing import Any

from hsync_core import Context, Item, Output, ReportEntry, Settings, TomlEntry, display_origin

from .names import by_precedence
from .paths import Place

POSTURE: dict[str, dict[str, str]] = {
    "bypassPermissions": {"approval_policy": "never", "sandbox_mode": "danger-full-access"},
    "acceptEdits": {"approval_policy": "on-request", "sandbox_mode": "workspace-write"},
    "plan": {"sandbox_mode": "read-only"},
    "default": {},
}


def _entry(item: Item, ctx: Context, reason: str, **kw: Any) -> ReportEntry:
    """A report line naming the settings file as people know it (``~/.claude/settings.json``)."""
    return ReportEntry(
        kind=item.kind, name=display_origin(item.origin, ctx), scope=item.scope, reason=reason, **kw
    )


def _unwritten(layer: Settings, ctx: Context) -> list[ReportEntry]:
    report = []

    def skip(field: str, reason: str) -> None:
        report.append(_entry(layer, ctx, reason, field=field, path=layer.origin))

    perms = layer.permissions
    if perms.additional_directories:
        skip(
            "permissions.additionalDirectories",
            "permissions.additionalDirectories not written: Codex has no such setting",
        )
    if layer.env:
        skip("env", f"env ({', '.join(layer.env)}) not written: set these variables where Codex runs")
    if layer.model:
        skip("model", f"model {layer.model!r} not written: a Claude model name means nothing to Codex")
    return report


def render_settings(
    layers: list[Settings], place: Place, ctx: Context
) -> tuple[list[Output], list[ReportEntry]]:
    outputs: list[Output] = []
    report: list[ReportEntry] = []
    chosen: Settings | None = None
    for layer in by_precedence(layers):
        report.extend(_unwritten(layer, ctx))
        mode = layer.permissions.default_mode
        if mode is None:
            continue
        if chosen is not None:
            reason = (
                f"defaultMode {mode!r} not written: {display_origin(chosen.origin, ctx)} takes precedence"
            )
            report.append(_entry(layer, ctx, reason, action="info", field="permissions.defaultMode"))
            continue
        if layer.scope == "local" and ctx.is_tracked(place.config):
            reason = (
                f"personal (local) defaultMode not written into {place.show(place.config)}: git tracks it"
            )
            report.append(_entry(layer, ctx, reason, field="permissions.defaultMode", path=place.config))
            continue
        if mode not in POSTURE:
            reason = f"defaultMode {mode!r} not written: Codex has no equivalent posture"
            report.append(_entry(layer, ctx, reason, field="permissions.defaultMode"))
            continue
        chosen = layer
        if not POSTURE[mode]:
            reason = "defaultMode 'default': Codex's own defaults apply, nothing written"
            report.append(_entry(layer, ctx, reason, action="info", field="permissions.defaultMode"))
        for key, value in POSTURE[mode].items():
            outputs.append(
                TomlEntry(
                    path=place.config,
                    root=place.root,
                    level=place.level,
                    kind="settings",
                    item=key,
                    scope=layer.scope,
                    key=(key,),
                    value=value,
                )
            )
    return outputs, report
