"""Settings layers (``~/.claude/settings.json``, the project's ``.claude/settings.json`` and
``settings.local.json``): permissions, env and model as ``Settings``, ``hooks`` as ``Hooks``."""

from __future__ import annotations

from typing import Any

from ..models import Hooks, Permissions, Settings
from .reading import Read, json_object, json_section, load_json, source_file


def read_settings_layers(r: Read) -> list[tuple[str, dict[str, Any]]]:
    paths = [("user", r.claude / "settings.json")]
    if r.project is not None:
        paths += [
            ("project", r.project / ".claude" / "settings.json"),
            ("local", r.project / ".claude" / "settings.local.json"),
        ]
    layers: list[tuple[str, dict[str, Any]]] = []
    for scope, path in paths:
        if not source_file(path):
            continue
        data = json_object(path, load_json(path))
        layers.append((scope, data))
        level = "user" if scope == "user" else "project"
        perms = json_section(path, data, "permissions")
        env = json_section(path, data, "env")
        permissions = Permissions(
            allow=[str(r) for r in perms.get("allow") or ()],
            ask=[str(r) for r in perms.get("ask") or ()],
            deny=[str(r) for r in perms.get("deny") or ()],
            default_mode=perms.get("defaultMode"),
            additional_directories=[str(d) for d in perms.get("additionalDirectories") or ()],
        )
        if permissions or env or data.get("model"):
            r.items.append(
                Settings(
                    name=path.name,
                    scope=scope,
                    level=level,
                    origin=path,
                    permissions=permissions,
                    env={str(k): str(v) for k, v in env.items()},
                    model=data.get("model"),
                )
            )
        hooks = json_section(path, data, "hooks")
        if hooks:
            r.items.append(Hooks(name=path.name, scope=scope, level=level, origin=path, events=hooks))
    return layers
