"""Permissions (the opt-in ``settings`` kind) → Gemini's policy engine and ``tools.allowed``/``tools.exclude``.

Gemini CLI 0.61 deprecates ``tools.allowed``/``tools.exclude`` in favour of its policy engine and
treats them differently from Claude Code: ``tools.exclude`` matches whole tool names only (an
entry such as ``run_shell_command(rm)`` blocks nothing), and one ``run_shell_command(git status)``
in ``tools.allowed`` makes Gemini deny every other shell command. So:

- user level → ``~/.gemini/policies/hsync.toml``, a policy file hsync owns: ``allow`` → ``allow``
  (not in plan mode), ``ask`` → ``ask_user``, ``deny`` → ``deny``; ``Bash(cmd:*)`` → a
  ``commandPrefix`` rule; ``mcp__srv__tool`` → ``mcpName``/``toolName``. Deny wins over ask over
  allow, as in Claude Code, through the priorities 300/200/100.
- project level → ``<project>/.gemini/settings.json``: Gemini 0.61 loads no project policies, so
  whole-tool ``allow`` rules go to ``tools.allowed`` and whole-tool ``deny`` rules to
  ``tools.exclude``; command-specific rules and ``ask`` are reported.

Path and domain specifiers (``Read(./.env)``, ``WebFetch(domain:x)``), ``defaultMode``,
``additionalDirectories``, ``env`` and ``model`` have no safe equivalent and are reported.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from hsync_core import FileOutput, JsonEntry, Settings, Sources

from .batch import Batch
from .paths import Place
from .tools import TOOLS, mcp_tool_name, parse, server_name

#: Claude's ``Read`` and ``Edit`` rules cover every tool that reads or edits files
PERMISSION_TOOLS: dict[str, tuple[str, ...]] = {
    **{claude: (gemini,) for claude, gemini in TOOLS.items()},
    "Read": ("read_file", "read_many_files"),
    "Edit": ("replace", "write_file"),
}
DECISIONS = {"allow": ("allow", 100), "ask": ("ask_user", 200), "deny": ("deny", 300)}
#: allow rules stay out of plan mode, which must keep denying writes
ALLOW_MODES = ["default", "autoEdit", "yolo"]


@frozen
class Rule:
    """One Claude permission rule in Gemini's terms."""

    tools: tuple[str, ...] = ()
    prefix: str | None = None
    mcp: tuple[str, str] | None = None  # (server, tool or "*")
    exact_command: bool = False

    @property
    def whole_tools(self) -> tuple[str, ...] | None:
        """The Gemini tool names when the rule covers whole tools (what ``tools.*`` can hold)."""
        if self.prefix is not None:
            return None
        if self.mcp is not None:
            name = mcp_tool_name(self.mcp[0], None if self.mcp[1] == "*" else self.mcp[1])
            return (name,) if name else None
        return self.tools


def translate(text: str) -> tuple[Rule | None, str | None]:
    """A Claude permission rule as a :class:`Rule`, or None and why it has no equivalent."""
    ref = parse(text)
    if ref is None:
        return None, "not a permission rule Gemini can express"
    mcp = ref.mcp
    if mcp is not None:
        server, tool = mcp
        if ref.specifier is not None or not mcp_tool_name(server, tool):
            return None, "names no MCP tool Gemini accepts"
        return Rule(mcp=(server_name(server), tool or "*")), None
    names = PERMISSION_TOOLS.get(ref.tool)
    if names is None:
        return None, f"Gemini has no tool for '{ref.tool}'"
    if ref.specifier is None or ref.specifier in ("", "*"):
        return Rule(tools=names), None
    if ref.tool != "Bash":
        return None, f"Gemini policies cannot match Claude's {ref.tool}(…) patterns"
    spec = ref.specifier
    exact = True
    for suffix in (":*", " *"):
        if spec.endswith(suffix):
            spec, exact = spec[: -len(suffix)].rstrip(), False
            break
    if not spec or "*" in spec:
        return None, "Gemini matches commands by prefix only; this pattern has a wildcard inside"
    return Rule(tools=names, prefix=spec, exact_command=exact), None


def _rules(settings: list[Settings]) -> list[tuple[Settings, str, str]]:
    """(layer, decision, rule text) for every rule, deny first, without repeats."""
    seen: set[tuple[str, str]] = set()
    found: list[tuple[Settings, str, str]] = []
    for decision in ("deny", "ask", "allow"):
        for layer in settings:
            for text in getattr(layer.permissions, decision):
                if (decision, text) not in seen:
                    seen.add((decision, text))
                    found.append((layer, decision, text))
    return found


def _report_unsupported(layer: Settings, batch: Batch) -> None:
    perms = layer.permissions
    if perms.default_mode:
        batch.skip(
            layer, f"defaultMode '{perms.default_mode}' is not synced (security posture)", field="defaultMode"
        )
    if perms.additional_directories:
        batch.skip(layer, "additionalDirectories is not synced", field="additionalDirectories")
    if layer.env:
        batch.skip(
            layer,
            "env is not synced: its values may be secrets (Gemini reads variables from ~/.gemini/.env)",
            field="env",
        )
    if layer.model:
        batch.skip(layer, f"model '{layer.model}' is not synced: Gemini uses Gemini models", field="model")


def policy_table(rule: Rule, decision: str, origin: str) -> Any:
    import tomlkit  # only when permissions are synced (an opt-in kind)

    gemini_decision, priority = DECISIONS[decision]
    table = tomlkit.table()
    table.add(tomlkit.comment(origin))
    if rule.mcp is not None:
        table["mcpName"] = rule.mcp[0]
        table["toolName"] = rule.mcp[1]
    else:
        table["toolName"] = rule.tools[0] if len(rule.tools) == 1 else list(rule.tools)
    if rule.prefix is not None:
        table["commandPrefix"] = rule.prefix
    table["decision"] = gemini_decision
    table["priority"] = priority
    if decision == "allow":
        table["modes"] = ALLOW_MODES
    return table


def render_user(layers: list[Settings], place: Place, batch: Batch) -> None:
    import tomlkit

    tables = tomlkit.aot()
    for layer, decision, text in _rules(layers):
        rule, problem = translate(text)
        if rule is None:
            batch.skip(
                layer, f"{decision} rule '{text}' not synced: {problem}", field=f"permissions.{decision}"
            )
            continue
        if rule.exact_command and decision != "deny":
            batch.note(
                layer,
                f"{decision} rule '{text}' also matches longer commands in Gemini (it matches by prefix)",
                field=f"permissions.{decision}",
            )
        tables.append(policy_table(rule, decision, f"{decision}: {text} ({layer.scope} {layer.name})"))
    if not tables:
        return
    document = tomlkit.document()
    document.add(tomlkit.comment("Generated by hsync from the permissions in ~/.claude/settings.json."))
    document.add(tomlkit.comment("Edit those and run `hsync sync`; a hand edit here is reported as drift."))
    document.add(tomlkit.nl())
    document["rule"] = tables
    batch.add(
        FileOutput(
            path=place.policy,
            root=place.root,
            level=place.level,
            kind="settings",
            item="permissions",
            scope="user",
            content=tomlkit.dumps(document),
        ),
        layers[0],
    )


def _project_names(text: str, decision: str) -> tuple[tuple[str, ...] | None, str | None]:
    """The ``tools.allowed``/``tools.exclude`` names for a project rule, or None and why not."""
    rule, problem = translate(text)
    if rule is None:
        return None, problem
    if decision == "ask":
        return None, "Gemini 0.61 has no project-level 'ask' rule (it reads no project policies)"
    if rule.whole_tools is None and decision == "allow":
        return None, (
            "Gemini 0.61 reads no project policies, and in tools.allowed a command-specific entry "
            "would make Gemini deny every other shell command"
        )
    if rule.whole_tools is None:
        return (
            None,
            "Gemini 0.61 reads no project policies, and tools.exclude ignores command-specific entries",
        )
    return rule.whole_tools, None


def render_project(layers: list[Settings], place: Place, batch: Batch) -> None:
    lists: dict[str, list[str]] = {"allowed": [], "exclude": []}
    for layer, decision, text in _rules(layers):
        names, problem = _project_names(text, decision)
        if names is None:
            batch.skip(
                layer, f"{decision} rule '{text}' not synced: {problem}", field=f"permissions.{decision}"
            )
            continue
        key = "allowed" if decision == "allow" else "exclude"
        lists[key].extend(n for n in names if n not in lists[key])
    for key, names in lists.items():
        if names:
            batch.add(
                JsonEntry(
                    path=place.settings,
                    root=place.root,
                    level=place.level,
                    kind="settings",
                    item=f"tools.{key}",
                    scope="project",
                    key=("tools", key),
                    value=names,
                ),
                layers[0],
            )


def render(sources: Sources, place: Place, batch: Batch) -> None:
    layers: list[Settings] = []
    target = place.policy if place.level == "user" else place.settings
    for layer in sources.of("settings", level=place.level):
        _report_unsupported(layer, batch)
        perms = layer.permissions
        if (perms.allow or perms.ask or perms.deny) and not batch.blocked_local(layer, target):
            layers.append(layer)
    if not layers:
        return
    if place.level == "user":
        render_user(layers, place, batch)
    else:
        render_project(layers, place, batch)
