"""Agents → real files whose front matter holds only keys and tool names of Gemini's strict schema."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from hsync_core import FileOutput, Rendered
from hsync_core.testing import HsyncEnv, RunResult

#: Gemini CLI 0.61's localAgentSchema (strict) and its built-in tool names
SCHEMA_KEYS = {
    "kind",
    "name",
    "description",
    "display_name",
    "tools",
    "mcp_servers",
    "model",
    "temperature",
    "max_turns",
    "timeout_mins",
}
BUILTIN_TOOLS = {
    "glob",
    "write_todos",
    "write_file",
    "google_web_search",
    "web_fetch",
    "replace",
    "run_shell_command",
    "grep_search",
    "read_many_files",
    "read_file",
    "list_directory",
    "activate_skill",
    "ask_user",
    "get_internal_docs",
    "enter_plan_mode",
    "exit_plan_mode",
    "update_topic",
    "complete_task",
    "invoke_agent",
    "read_mcp_resource",
    "list_mcp_resources",
}
MCP_TOOL = re.compile(r"^mcp_[a-z0-9.:-]+_(\*|[a-z0-9_.:-]*[a-z0-9.:-][a-z0-9_.:-]*)$", re.I)


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    block, _, _ = text[4:].partition("\n---\n")
    return yaml.safe_load(block)


def assert_within_schema(data: dict) -> None:
    assert set(data) <= SCHEMA_KEYS, set(data) - SCHEMA_KEYS
    assert re.fullmatch(r"[a-z0-9-_]+", data["name"])
    assert isinstance(data["description"], str) and data["description"]
    for tool in data.get("tools", []):
        assert tool in BUILTIN_TOOLS or MCP_TOOL.match(tool), tool


def agent_files(result: Rendered) -> dict[str, FileOutput]:
    return {o.path.name: o for o in result.outputs if isinstance(o, FileOutput) and o.kind == "agents"}


def test_every_agent_of_the_team_setup_fits_the_schema(team: Path, rendered: Callable[..., Rendered]) -> None:
    files = agent_files(rendered(team))
    assert set(files) == {"code-reviewer.md", "test-runner.md", "issue_triager.md", "sql-expert.md"}
    for output in files.values():
        assert_within_schema(front_matter(output.content))


def test_claude_keys_are_translated_or_dropped_and_reported(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    hsync_env.write(
        ".claude/agents/rev.md",
        "---\nname: Code Reviewer\ndescription: 'Reviews: diffs'\ntools: Read, Grep, Bash(git diff:*), Edit, MultiEdit,"
        " Task, mcp__my_db__query, NotebookEdit\nmodel: sonnet\ncolor: red\npermissionMode: plan\nmaxTurns: 7\n"
        "skills: [a]\n---\nYou review.\n",
    )
    result = rendered(None)
    output = agent_files(result)["code-reviewer.md"]
    data = front_matter(output.content)
    assert data == {
        "name": "code-reviewer",
        "description": "Reviews: diffs",
        "tools": ["read_file", "grep_search", "run_shell_command", "replace", "mcp_my-db_query"],
        "max_turns": 7,
    }
    assert output.content.endswith("---\nYou review.\n")
    fields = {r.field for r in result.report if r.kind == "agents"}
    assert {"name", "tools", "model", "color", "permissionMode", "skills"} <= fields
    dropped = " ".join(r.reason for r in result.report if r.field == "tools")
    assert "'Task'" in dropped and "'NotebookEdit'" in dropped and "Bash(git diff:*)" in dropped


def test_gemini_model_ids_and_numbers_pass_through(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    hsync_env.write(
        ".claude/agents/fast.md",
        "---\nname: fast\ndescription: Quick.\nmodel: gemini-2.5-flash\ntemperature: 0.2\ntimeout_mins: 5\n"
        "disallowedTools: Bash\n---\nGo.\n",
    )
    result = rendered(None)
    data = front_matter(agent_files(result)["fast.md"].content)
    assert data == {
        "name": "fast",
        "description": "Quick.",
        "model": "gemini-2.5-flash",
        "temperature": 0.2,
        "timeout_mins": 5,
    }
    assert any(r.field == "disallowedTools" for r in result.report)


def test_disallowed_tools_are_removed_from_the_tool_list(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    hsync_env.write(
        ".claude/agents/a.md",
        "---\nname: a\ndescription: A.\ntools: Read, Bash\ndisallowedTools: Bash\n---\n",
    )
    data = front_matter(agent_files(rendered(None))["a.md"].content)
    assert data["tools"] == ["read_file"]


def test_an_agent_without_description_is_skipped(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    hsync_env.write(".claude/agents/quiet.md", "---\nname: quiet\n---\nNothing to say.\n")
    result = rendered(None)
    assert agent_files(result) == {}  # the reader skips it: Claude Code does not load it either


def test_agents_are_written_as_real_files(
    hsync_env: HsyncEnv, make_project: Callable[..., Path], sync: Callable[..., RunResult]
) -> None:
    project = make_project()
    hsync_env.write(project / ".claude/agents/sql.md", "---\nname: sql\ndescription: SQL.\n---\nSQL!\n")
    sync(project)
    path = project / ".gemini/agents/sql.md"
    assert path.is_file() and not path.is_symlink()
