"""Claude Code permission rules as OpenCode permission rules.

Claude writes ``Tool`` or ``Tool(specifier)``: ``Bash(git status:*)``, ``Edit(src/**)``,
``mcp__github__create_issue``. OpenCode keys a permission by tool (``bash``, ``edit``, …; an MCP
tool is ``<server>_<tool>``) and maps patterns to ``allow``/``ask``/``deny``; its last matching
rule wins, where Claude lets ``deny`` beat ``ask`` beat ``allow``. :func:`ruleset` orders the
translated rules so that OpenCode decides as Claude would: ``"*"`` first, then allows, asks,
denies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from attrs import frozen

#: Claude tool name → OpenCode permission key
TOOLS: dict[str, str] = {
    "Read": "read",
    "NotebookRead": "read",
    "Edit": "edit",
    "MultiEdit": "edit",
    "Write": "edit",
    "NotebookEdit": "edit",
    "Bash": "bash",
    "BashOutput": "bash",
    "KillShell": "bash",
    "KillBash": "bash",
    "Glob": "glob",
    "Grep": "grep",
    "LS": "list",
    "WebFetch": "webfetch",
    "WebSearch": "websearch",
    "Task": "task",
    "Agent": "task",
    "TodoWrite": "todowrite",
    "Skill": "skill",
}
#: the tools OpenCode 1.18 gives an agent, by permission key, in the order agents list them
AGENT_TOOLS: tuple[str, ...] = (
    "read",
    "edit",
    "glob",
    "grep",
    "bash",
    "task",
    "webfetch",
    "websearch",
    "todowrite",
    "skill",
)
#: every built-in key a Claude rule can turn into (any other key is an MCP tool id)
BUILTIN_KEYS = frozenset(TOOLS.values())
#: keys whose value must be one action (OpenCode rejects a pattern map for them)
FLAT_ONLY = frozenset({"todowrite", "webfetch", "websearch"})
#: keys Claude asks about by default while OpenCode allows them (MCP tools too)
CLAUDE_ASKS = frozenset({"bash", "edit", "webfetch", "websearch"})
STRENGTH = {"allow": 0, "ask": 1, "deny": 2}
ACTIONS = tuple(STRENGTH)

_RULE = re.compile(r"^\s*([A-Za-z][\w-]*)\s*(?:\((.*)\))?\s*$", re.DOTALL)


class Untranslatable(ValueError):
    """A Claude rule OpenCode cannot express; the message says why."""


@frozen
class Rule:
    """One OpenCode permission rule without its action: a key and a pattern (``*``: the whole tool)."""

    key: str
    pattern: str = "*"

    @property
    def is_mcp(self) -> bool:
        return self.key not in BUILTIN_KEYS


def mcp_name(part: str) -> str:
    """How OpenCode spells a server or tool name inside a tool id."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", part)


def _mcp(tool: str) -> Rule:
    parts = tool.split("__")
    server = parts[1] if len(parts) > 1 else ""
    if not server:
        raise Untranslatable("an MCP rule needs a server name (mcp__server or mcp__server__tool)")
    rest = "__".join(parts[2:])
    if rest in ("", "*"):
        return Rule(f"{mcp_name(server)}_*")
    return Rule(f"{mcp_name(server)}_{mcp_name(rest)}")


def _bash(spec: str) -> str:
    # the legacy "prefix:*" form: "git status:*" matches "git status" and "git status …";
    # OpenCode's "git status *" does exactly that (a trailing " *" is optional there)
    if spec.endswith(":*"):
        return spec[:-2].rstrip() + " *"
    return spec


def _paths(spec: str, level: str) -> list[str]:
    """A gitignore-style Claude path as patterns over paths relative to the project (OpenCode's)."""
    if spec.startswith("//") or spec.startswith("~"):
        raise Untranslatable("OpenCode matches read/edit rules against paths inside the project only")
    if spec.startswith("/"):
        if level == "user":
            raise Untranslatable("a path relative to the settings file has no meaning in OpenCode")
        spec = spec[1:]
    while spec.startswith("./"):
        spec = spec[2:]
    spec = spec.replace("**", "*")
    if spec.endswith("/"):
        spec += "*"
    if spec in ("", "*"):
        return ["*"]
    if spec.startswith("*/"):
        return [spec[2:], spec]
    if "/" not in spec:  # gitignore: a name without a slash matches at any depth
        return [spec, f"*/{spec}"]
    return [spec]


def parse(rule: str, *, level: str) -> list[Rule]:
    """The OpenCode rules for one Claude rule; raises :class:`Untranslatable`."""
    text = rule.strip()
    if text.startswith("mcp__"):
        if "(" in text:
            raise Untranslatable("MCP rules take no specifier")
        return [_mcp(text)]
    match = _RULE.match(text)
    if not match:
        raise Untranslatable("not a Claude permission rule")
    tool, spec = match.group(1), match.group(2)
    key = TOOLS.get(tool)
    if key is None:
        raise Untranslatable(f"OpenCode has no tool like Claude's {tool}")
    spec = (spec or "").strip()
    if spec in ("", "*"):
        return [Rule(key)]
    if key in FLAT_ONLY:
        raise Untranslatable(f"OpenCode's {key} permission takes no patterns, only one action")
    if key == "bash":
        return [Rule(key, _bash(spec))]
    if key in ("read", "edit"):
        return [Rule(key, p) for p in _paths(spec, level)]
    if key in ("task", "skill"):
        return [Rule(key, spec)]
    raise Untranslatable(f"OpenCode has no patterns for {tool}")


def _strongest(actions: Iterable[str]) -> str:
    return max(actions, key=STRENGTH.__getitem__)


def ruleset(rules: Iterable[tuple[Rule, str]]) -> dict[str, str | dict[str, str]]:
    """Claude (rule, action) pairs as an OpenCode ``permission`` map that decides the same way.

    Per key: a whole-tool rule becomes ``"*"`` (the strongest wins, as in Claude); patterns weaker
    than it are dropped (Claude would never reach them); a key with patterns but no whole-tool
    rule gets Claude's default first (``ask`` for bash, edit, web and MCP tools, where OpenCode
    would allow). Then allows, asks, denies: OpenCode's last match wins. Keys with a wildcard
    (``github_*``) come before the tools they cover.
    """
    by_key: dict[str, dict[str, list[str]]] = {}
    for rule, action in rules:
        by_key.setdefault(rule.key, {}).setdefault(rule.pattern, []).append(action)
    result: dict[str, str | dict[str, str]] = {}
    for key, patterns in by_key.items():
        whole = _strongest(patterns["*"]) if "*" in patterns else None
        strongest = {pattern: _strongest(actions) for pattern, actions in patterns.items() if pattern != "*"}
        specific = {
            pattern: action
            for pattern, action in strongest.items()
            if whole is None or STRENGTH[action] > STRENGTH[whole]
        }
        if not specific:
            if whole is not None:
                result[key] = whole
            continue
        star = whole
        if star is None and (key in CLAUDE_ASKS or Rule(key).is_mcp):
            star = "ask"
        value: dict[str, str] = {"*": star} if star else {}
        for action in ACTIONS:
            value.update((p, a) for p, a in specific.items() if a == action)
        result[key] = value
    # an MCP tool rule no stronger than its server's rule changes nothing
    for key in [k for k in result if Rule(k).is_mcp and "*" not in k]:
        server = next((k for k in result if k.endswith("_*") and key.startswith(k[:-1])), None)
        own, covering = result[key], result.get(server) if server else None
        if isinstance(own, str) and isinstance(covering, str) and STRENGTH[covering] >= STRENGTH[own]:
            del result[key]
    ordered = sorted(result, key=lambda k: "*" not in k)
    return {k: result[k] for k in ordered}
