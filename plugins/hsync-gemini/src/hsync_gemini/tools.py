"""Claude Code tool names → Gemini CLI tool names, and MCP server names Gemini handles well.

The map is Gemini's own (``gemini hooks migrate``) corrected to the tool names of Gemini CLI 0.61
(``grep_search``, ``list_directory``). Gemini names MCP tools ``mcp_<server>_<tool>`` and splits
that on the first ``_`` after ``mcp_``, so a server name must not contain ``_``.
"""

from __future__ import annotations

import re

from attrs import frozen

TOOLS: dict[str, str] = {
    "Read": "read_file",
    "Write": "write_file",
    "Edit": "replace",
    "MultiEdit": "replace",
    "Bash": "run_shell_command",
    "Glob": "glob",
    "Grep": "grep_search",
    "LS": "list_directory",
    "WebFetch": "web_fetch",
    "WebSearch": "google_web_search",
    "TodoWrite": "write_todos",
}
#: Claude tools Gemini has nothing for (``Task``/``Agent`` spawn subagents, which Gemini subagents cannot)
UNMAPPED: frozenset[str] = frozenset(
    {
        "Task",
        "Agent",
        "NotebookEdit",
        "NotebookRead",
        "BashOutput",
        "KillShell",
        "KillBash",
        "SlashCommand",
        "ExitPlanMode",
        "Skill",
    }
)
_SPEC = re.compile(r"^([A-Za-z_][\w-]*)(?:\((.*)\))?$", re.S)
_MCP_PART = re.compile(r"^[a-z0-9_.:-]+$", re.I)


def server_name(name: str) -> str:
    """The Gemini name of an MCP server: ``_`` becomes ``-``."""
    return name.replace("_", "-")


@frozen
class ToolRef:
    """A Claude permission or tool-list entry, parsed: ``Bash(git diff:*)``, ``mcp__github__get``."""

    tool: str
    specifier: str | None = None

    @property
    def mcp(self) -> tuple[str, str | None] | None:
        """(server, tool or None for the whole server) of an ``mcp__server__tool`` entry."""
        if not self.tool.startswith("mcp__"):
            return None
        parts = self.tool[len("mcp__") :].split("__", 1)
        if not parts[0]:
            return None
        tool = parts[1] if len(parts) > 1 and parts[1] not in ("", "*") else None
        return parts[0], tool


def parse(entry: str) -> ToolRef | None:
    match = _SPEC.match(entry.strip())
    if not match:
        return None
    specifier = match.group(2)
    return ToolRef(tool=match.group(1), specifier=specifier.strip() if specifier is not None else None)


def mcp_tool_name(server: str, tool: str | None) -> str | None:
    """``mcp_<server>_<tool>`` (``_*`` for every tool) if Gemini accepts it as a tool name."""
    server = server_name(server)
    if not _MCP_PART.match(server):
        return None
    if tool is None:
        return f"mcp_{server}_*"
    if not _MCP_PART.match(tool) or set(tool) == {"_"}:
        return None
    return f"mcp_{server}_{tool}"


def gemini_tool(entry: str) -> tuple[str | None, str | None]:
    """The Gemini name for a Claude tool-list entry, and a note on what was lost (or why none)."""
    ref = parse(entry)
    if ref is None:
        return None, f"'{entry}' is not a tool name"
    mcp = ref.mcp
    if mcp is not None:
        name = mcp_tool_name(*mcp)
        return (name, None) if name else (None, f"'{entry}' names no tool Gemini accepts")
    gemini = TOOLS.get(ref.tool)
    if gemini is None:
        return None, f"'{entry}' has no Gemini equivalent"
    if ref.specifier is not None:
        return gemini, f"'{entry}' becomes '{gemini}': Gemini tool lists take whole tools"
    return gemini, None


def rename_in_matcher(matcher: str) -> str:
    """A hook matcher (a regex over tool names) with Claude tool names replaced by Gemini's."""
    renamed = re.sub(
        r"\bmcp__([A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*?)__",
        lambda m: f"mcp_{server_name(m.group(1))}_",
        matcher,
    )
    for claude, gemini in TOOLS.items():
        renamed = re.sub(rf"(?<![\w-]){claude}(?![\w-])", gemini, renamed)
    if not set(renamed) & set("()[]{}\\"):  # a top-level alternation: drop repeats
        renamed = "|".join(dict.fromkeys(renamed.split("|")))
    return renamed


def unmapped_in_matcher(matcher: str) -> list[str]:
    """Claude tool names in ``matcher`` that no Gemini tool answers to."""
    return sorted(name for name in UNMAPPED if re.search(rf"(?<![\w-]){name}(?![\w-])", matcher))
