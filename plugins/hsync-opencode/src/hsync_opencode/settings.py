"""Claude settings (an opt-in kind) as OpenCode's ``permission``; Claude hooks, reported.

Each level's layers are merged as Claude merges them (rules add up; deny beats ask beats allow)
and written as one ``permission.<key>`` entry per tool in that level's ``opencode.json``.
``additionalDirectories`` become ``external_directory`` allows. Session ``env``, ``model`` and
``defaultMode`` have no OpenCode setting and are reported.
"""

from __future__ import annotations

from hsync_core import Context, JsonEntry, Settings, Sources

from .collect import Collected
from .paths import Place
from .permissions import Rule, Untranslatable, parse, ruleset


def render(sources: Sources, ctx: Context, place: Place, out: Collected) -> None:
    rules: list[tuple[Rule, str]] = []
    directories: dict[str, str] = {}
    for layer in sources.of("settings", level=place.level):
        if layer.scope == "local" and ctx.is_tracked(place.config):
            out.note(
                layer,
                f"personal settings are not written into {place.config.name}: git tracks it",
                path=place.config,
            )
            continue
        _unsupported(layer, out)
        permissions = layer.permissions
        for action, listed in (
            ("allow", permissions.allow),
            ("ask", permissions.ask),
            ("deny", permissions.deny),
        ):
            for text in listed:
                try:
                    rules.extend((rule, action) for rule in parse(text, level=place.level))
                except Untranslatable as exc:
                    out.note(
                        layer, f"{action} rule {text!r} not written: {exc}", field=f"permissions.{action}"
                    )
        for directory in permissions.additional_directories:
            if directory.startswith(("/", "~/")):
                directories[directory.rstrip("/") + "/*"] = "allow"
            else:
                out.note(
                    layer,
                    f"additional directory {directory!r} not written: OpenCode needs an absolute or ~/ path",
                    field="permissions.additionalDirectories",
                )
    permission: dict[str, object] = dict(ruleset(rules))
    if directories:
        permission["external_directory"] = directories
    for key, value in permission.items():
        out.add(
            JsonEntry(
                path=place.config,
                root=place.root,
                level=place.level,
                kind="settings",
                item=f"permission.{key}",
                scope=place.level,
                key=("permission", key),
                value=value,
            )
        )


def _unsupported(layer: Settings, out: Collected) -> None:
    if layer.env:
        names = ", ".join(sorted(layer.env))
        out.note(
            layer, f"env ({names}) not written: OpenCode has no setting for session variables", field="env"
        )
    if layer.model:
        out.note(
            layer,
            f"model {layer.model!r} not written: set OpenCode's model (provider/model) yourself",
            field="model",
        )
    mode = layer.permissions.default_mode
    if mode and mode != "default":
        out.note(
            layer,
            f"defaultMode {mode!r} not written: OpenCode has no permission mode (its plan agent is read-only)",
            field="permissions.defaultMode",
        )


def report_hooks(sources: Sources, out: Collected) -> None:
    for hooks in sources.of("hooks"):
        events = ", ".join(sorted(hooks.events)) or "none"
        out.note(
            hooks,
            f"hooks ({events}) not written: OpenCode runs no shell hooks, only JavaScript plugins",
            path=hooks.origin,
        )
