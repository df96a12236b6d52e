"""Enabled Claude Code plugins (``enabledPlugins`` in the settings layers, installed per
``~/.claude/plugins/installed_plugins.json``): their commands, agents, skills, MCP servers and hooks.

As ``claude plugin validate`` reads a manifest: ``agents`` names agent *files* (``.md``);
``commands`` names command files or folders; ``skills`` names skill folders (or one skill's own
folder); each in addition to the default ``agents/``, ``commands/``, ``skills/``. A plugin's
``.mcp.json`` holds the servers with or without the ``mcpServers`` wrapper. An enabled plugin that
is not installed is a note, not a problem: Claude Code itself just does not load it.

Each enabled, installed plugin is also one ``Plugin`` item (kind ``plugins``, opt-in), with its
marketplace as ``~/.claude/plugins/known_marketplaces.json`` records it, for harnesses that
install Claude Code plugins from a marketplace themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InvalidInput
from ..files.witness import probe
from ..models import Hooks, Plugin
from .agents import read_agent_file, read_agents
from .commands import read_command_file, read_commands
from .mcp import read_mcp_servers, replace_plugin_root
from .reading import Read, json_object, load_json, same_path
from .skills import read_skills

#: hsync's own plugin (``hsync integrate claude``): its /hsync:* commands and hooks are not
#: configuration to copy into other harnesses
OWN_PLUGIN = "hsync@hsync"


def read_plugins(r: Read, layers: list[tuple[str, dict[str, Any]]]) -> None:
    enabled: dict[str, bool] = {}
    for _, layer in layers:  # user, then project, then local: later layers win
        flags = layer.get("enabledPlugins") or {}
        if isinstance(flags, dict):
            enabled.update({str(k): bool(v) for k, v in flags.items()})
    wanted = [key for key, on in enabled.items() if on and key != OWN_PLUGIN]
    if not wanted:
        return
    registry_path = r.claude / "plugins" / "installed_plugins.json"
    registry: dict[str, Any] = {}
    probe(registry_path)
    if registry_path.is_file():
        registry = json_object(registry_path, load_json(registry_path))
    installed = registry.get("plugins") or {}
    markets = _known_marketplaces(r)
    for key in wanted:
        install = _plugin_install(r, installed.get(key))
        if install is None:
            r.note(
                "plugins",
                key,
                "plugin",
                "enabled but not installed: Claude Code does not load it",
                registry_path,
            )
            continue
        root, level = install
        probe(root)
        if not root.is_dir():
            r.skip("plugins", key, "plugin", f"install path {root} does not exist", registry_path)
            continue
        before = len(r.items)
        _plugin(r, root, key, level)
        parts = sorted({i.kind for i in r.items[before:]}, key=_PARTS.index)
        _plugin_item(r, key, level, root, parts, markets, installed.get(key))


_PARTS = ["skills", "commands", "agents", "mcp", "hooks"]


def _known_marketplaces(r: Read) -> dict[str, Any]:
    """Claude Code's record of the marketplaces it knows (name → source, installLocation)."""
    path = r.claude / "plugins" / "known_marketplaces.json"
    probe(path)
    if not path.is_file():
        return {}
    try:
        return json_object(path, load_json(path))
    except InvalidInput as exc:
        r.skip("plugins", "known_marketplaces.json", "plugin", exc.problem, path)
        return {}


def _plugin_item(
    r: Read, key: str, level: str, root: Path, parts: list[str], markets: dict[str, Any], entries: Any
) -> None:
    market = key.partition("@")[2]
    known = markets.get(market)
    source = known.get("source") if isinstance(known, dict) else None
    location = known.get("installLocation") if isinstance(known, dict) else None
    if isinstance(source, dict) and source.get("source") == "directory" and source.get("path"):
        location = source["path"]
    version = None
    for entry in entries if isinstance(entries, list) else [entries]:
        if isinstance(entry, dict) and isinstance(entry.get("version"), str):
            version = entry["version"]
            break
    r.items.append(
        Plugin(
            name=key,
            scope="plugin",
            level=level,
            origin=root,
            plugin=key,
            marketplace=market,
            marketplace_dir=Path(location).expanduser() if isinstance(location, str) and location else None,
            source=source if isinstance(source, dict) else {},
            root=root,
            version=version,
            parts=tuple(parts),
        )
    )


def _plugin_install(r: Read, entries: Any) -> tuple[Path, str] | None:
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list):
        return None
    project = str(r.project.resolve()) if r.project is not None else None
    chosen: tuple[Path, str] | None = None
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("installPath"):
            continue
        scope = entry.get("scope", "user")
        if scope == "user":
            chosen = chosen or (Path(entry["installPath"]).expanduser(), "user")
        elif project and entry.get("projectPath") and same_path(entry["projectPath"], project):
            chosen = (Path(entry["installPath"]).expanduser(), "project")
    return chosen


def _plugin(r: Read, root: Path, key: str, level: str) -> None:
    manifest_path = root / ".claude-plugin" / "plugin.json"
    manifest: dict[str, Any] = {}
    probe(manifest_path)
    if manifest_path.is_file():
        try:
            manifest = json_object(manifest_path, load_json(manifest_path))
        except InvalidInput as exc:
            r.skip("plugins", key, "plugin", exc.problem, manifest_path)
            return

    def paths(field_name: str, default: str) -> list[Path]:
        value = manifest.get(field_name)
        extra = [value] if isinstance(value, str) else [v for v in value or () if isinstance(v, str)]
        listed = [root / v for v in extra]
        return [root / default, *(p for p in listed if p.resolve() != (root / default).resolve())]

    for p in paths("commands", "commands"):
        if p.suffix == ".md" and p.is_file():
            read_command_file(r, p, (), "plugin", level, key)
        else:
            read_commands(r, p, "plugin", level, key)
    for p in paths("agents", "agents"):
        if p.suffix == ".md" and p.is_file():
            read_agent_file(r, p, "plugin", level, key)
        else:
            read_agents(r, p, "plugin", level, key)
    for p in paths("skills", "skills"):
        probe(p / "SKILL.md")
        if (p / "SKILL.md").is_file():
            read_skills(r, p.parent, "plugin", level, key, only=p.name)
        else:
            read_skills(r, p, "plugin", level, key)
    servers = manifest.get("mcpServers")
    mcp_path = root / ".mcp.json"
    if isinstance(servers, str):
        mcp_path, servers = root / servers, None
    probe(mcp_path)
    if servers is None and mcp_path.is_file():
        try:
            servers = _servers(json_object(mcp_path, load_json(mcp_path)))
        except InvalidInput as exc:
            r.skip("plugins", key, "plugin", exc.problem, mcp_path)
            servers = None
    r.items.extend(read_mcp_servers(r, mcp_path, servers, "plugin", level, plugin=key, plugin_root=root))
    hooks_path = root / "hooks" / "hooks.json"
    probe(hooks_path)
    if hooks_path.is_file():
        try:
            hooks = json_object(hooks_path, load_json(hooks_path)).get("hooks")
        except InvalidInput as exc:
            r.skip("plugins", key, "plugin", exc.problem, hooks_path)
            hooks = None
        if isinstance(hooks, dict) and hooks:
            hooks = replace_plugin_root(hooks, str(root))
            r.items.append(
                Hooks(name=key, scope="plugin", level=level, origin=hooks_path, plugin=key, events=hooks)
            )


def _servers(document: dict[str, Any]) -> Any:
    """The servers of a plugin's ``.mcp.json``: under ``mcpServers``, or the document itself."""
    if "mcpServers" in document:
        return document["mcpServers"]
    return document
