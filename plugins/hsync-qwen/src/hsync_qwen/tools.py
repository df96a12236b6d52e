"""Claude Code tool names → Qwen Code's runtime tool ids.

Qwen resolves an agent's ``tools`` entry by exact tool id or by display name only: Claude's
``Grep``, ``Glob``, ``Edit``, ``WebFetch``, ``WebSearch`` happen to be display names, but
``Read`` (``ReadFile``), ``Write`` (``WriteFile``), ``Bash`` (``Shell``), ``LS`` (``ListFiles``)
and ``MultiEdit`` are not, and an unresolved name is kept as-is, so the agent silently lacks the
tool. Agents therefore get the runtime ids. MCP tools keep Claude's ``mcp__server__tool`` form,
which Qwen uses too.
"""

from __future__ import annotations

from hsync_gemini.tools import parse

TOOLS: dict[str, str] = {
    "Read": "read_file",
    "Write": "write_file",
    "Edit": "edit",
    "MultiEdit": "edit",
    "Bash": "run_shell_command",
    "Glob": "glob",
    "Grep": "grep_search",
    "LS": "list_directory",
    "WebFetch": "web_fetch",
    "WebSearch": "web_search",
    "TodoWrite": "todo_write",
    "NotebookEdit": "notebook_edit",
    "Skill": "skill",
    "ExitPlanMode": "exit_plan_mode",
    "AskUserQuestion": "ask_user_question",
}
#: Claude tools an agent list should not carry over (``Task``/``Agent``: Claude's subagents cannot
#: start subagents; the others have no Qwen tool)
UNMAPPED: frozenset[str] = frozenset(
    {"Task", "Agent", "NotebookRead", "BashOutput", "KillShell", "KillBash", "SlashCommand"}
)


def qwen_tool(entry: str) -> tuple[str | None, str | None]:
    """The Qwen id for a Claude tool-list entry, and a note on what was lost (or why none)."""
    ref = parse(entry)
    if ref is None:
        return None, f"'{entry}' is not a tool name"
    if ref.mcp is not None:
        return ref.tool, None
    qwen = TOOLS.get(ref.tool)
    if qwen is None:
        return None, f"'{entry}' has no Qwen equivalent"
    if ref.specifier is not None:
        return qwen, f"'{entry}' becomes '{qwen}': Qwen agent tool lists take whole tools"
    return qwen, None
