"""What the real Gemini CLI (installed from the npm registry, pinned) makes of what hsync wrote.

Always on copies of the synced home and project, with a throwaway HOME, stdin from /dev/null and
a timeout. ``gemini mcp list`` runs with ``GEMINI_CLI_TRUST_WORKSPACE=false``: in an untrusted
folder it lists every server without starting any. Commands, skills, agents and policies are
loaded with the CLI's own loaders from its bundle (``gemini_loaders.mjs``); nothing runs a model,
an MCP server or a shell command.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hsync_core.testing import (
    CLIENT_PATIENCE,
    HsyncEnv,
    RunResult,
    client_environ,
    copy_for_client,
    npm_cli,
    write_realworld_setup,
    write_sample_setup,
)

pytestmark = pytest.mark.realcli

PACKAGE, VERSION, BINARY = "@google/gemini-cli", "0.61.0", "gemini"
LOADERS = Path(__file__).parent / "gemini_loaders.mjs"
_SERVER_LINE = re.compile(r"^\S (\S+): (.*) \((stdio|http|sse)\) - \w+$", re.M)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def gemini() -> Path:
    return npm_cli(PACKAGE, VERSION, BINARY)


def run_client(env: HsyncEnv, home: Path, cwd: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command),
        cwd=cwd,
        env=client_environ(env, home, GEMINI_CLI_TRUST_WORKSPACE="false", GEMINI_CLI_NO_RELAUNCH="true"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=CLIENT_PATIENCE,
        check=False,
    )


def mcp_list(env: HsyncEnv, project: Path) -> tuple[str, dict[str, str]]:
    """The text of ``gemini mcp list`` (it prints on stderr) and the servers it lists."""
    home, copied = copy_for_client(env, project)
    done = run_client(env, home, copied, str(gemini()), "mcp", "list")
    text = _ANSI.sub("", done.stdout + done.stderr)
    assert done.returncode == 0, text
    return text, {m.group(1): m.group(3) for m in _SERVER_LINE.finditer(text)}


def load(
    env: HsyncEnv, project: Path, probes: list[dict[str, Any]], settings: dict[str, Any] | None = None
) -> dict[str, Any]:
    home, copied = copy_for_client(env, project)
    node = shutil.which("node")
    assert node, "node is needed to load the Gemini CLI's bundle"
    bundle = gemini().resolve().parent
    arguments = [str(LOADERS), str(bundle), json.dumps(probes), json.dumps(settings or {})]
    done = run_client(env, home, copied, node, *arguments)
    lines = [line for line in done.stdout.splitlines() if line.startswith("HSYNC-RESULT ")]
    assert done.returncode == 0 and lines, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads(lines[-1][len("HSYNC-RESULT ") :])


def test_mcp_list_lists_every_server_with_its_transport(
    hsync_env: HsyncEnv, team: Path, sync: Callable[..., RunResult]
) -> None:
    assert sync(team).targets["gemini"].counts["failed"] == 0
    text, servers = mcp_list(hsync_env, team)
    assert "Invalid configuration" not in text
    assert servers == {
        "my-search": "http",  # the user's own, still there
        "github": "stdio",
        "context7": "http",
        "filesystem": "stdio",
        "sentry": "sse",
        "issue-tracker": "http",
    }
    assert "npx -y @modelcontextprotocol/server-github" in text


def test_mcp_list_shows_a_local_server_in_an_untracked_settings_file(
    hsync_env: HsyncEnv, make_project: Callable[..., Path], sync: Callable[..., RunResult]
) -> None:
    project = make_project()
    write_sample_setup(hsync_env, project)
    sync(project)
    text, servers = mcp_list(hsync_env, project)
    assert "Invalid configuration" not in text
    assert servers == {"github": "stdio", "context7": "http", "filesystem": "stdio", "notes-local": "stdio"}


def test_gemini_loads_every_command_skill_agent_and_policy(
    hsync_env: HsyncEnv, team: Path, sync: Callable[..., RunResult]
) -> None:
    sync(team)
    shell = "run_shell_command"
    probes = [
        {"name": shell, "args": {"command": "git status --short"}},
        {"name": shell, "args": {"command": "rm -rf build"}},
        {"name": shell, "args": {"command": "git push origin main"}},
        {"name": shell, "args": {"command": "curl https://example.com"}},
        {"name": "google_web_search", "args": {"query": "x"}},
        {"name": "get_issue", "server": "github"},
        {"name": "read_file", "args": {"file_path": "README.md"}},
    ]
    seen = load(hsync_env, team, probes)
    assert [f for f in seen["feedback"] if f["severity"] == "error"] == []

    commands = {c["name"]: c for c in seen["commands"]}
    assert set(commands) == {"explain", "review", "regex", "git:commit", "deploy", "db:migrate"}
    for path in [
        *(hsync_env.home / ".gemini/commands").rglob("*.toml"),
        *(team / ".gemini/commands").rglob("*.toml"),
    ]:
        prompt = tomllib.loads(path.read_text(encoding="utf-8"))["prompt"]
        assert prompt.strip(), path
    # Gemini's own TOML parser reads the very prompt tomllib reads (backslashes, quotes, """)
    regex_toml = hsync_env.home / ".gemini/commands/regex.toml"
    expected = tomllib.loads(regex_toml.read_text(encoding="utf-8"))["prompt"].replace("{{args}}", "")
    assert commands["regex"]["text"] == expected
    assert '"""' in expected and "\\d+" in expected

    assert {s["name"] for s in seen["skills"]} == {"pdf-tools", "commit-helper", "release-notes"}

    assert seen["agent_errors"] == []
    agents = {a["name"]: a for a in seen["agents"]}
    assert set(agents) == {"code-reviewer", "test-runner", "issue_triager", "sql-expert"}
    assert agents["code-reviewer"]["tools"] == ["read_file", "grep_search", "glob"]
    assert agents["test-runner"]["maxTurns"] == 15
    assert agents["issue_triager"]["tools"] == ["read_file", "mcp_github_add_labels", "mcp_github_get_issue"]

    assert seen["policy_errors"] == []
    decisions = [d["decision"] for d in seen["decisions"]]
    assert decisions == ["allow", "deny", "ask_user", "ask_user", "deny", "allow", "allow"]


def test_why_permissions_avoid_command_entries_in_tools_settings(
    hsync_env: HsyncEnv, make_project: Callable[..., Path]
) -> None:
    """What README and permissions.py say about ``tools.allowed``/``tools.exclude`` in Gemini 0.61."""
    project = make_project()
    commands = ["git status", "curl https://example.com", "rm -rf build"]
    probes = [{"name": "run_shell_command", "args": {"command": c}} for c in commands]

    def decisions(tools: dict[str, Any]) -> list[str]:
        return [d["decision"] for d in load(hsync_env, project, probes, {"tools": tools})["decisions"]]

    assert decisions({}) == ["allow", "ask_user", "ask_user"]
    # one command-specific allow entry denies every other shell command
    assert decisions({"allowed": ["run_shell_command(git status)"]}) == ["allow", "deny", "deny"]
    # a command-specific exclude entry blocks nothing
    assert decisions({"exclude": ["run_shell_command(rm)"]}) == ["allow", "ask_user", "ask_user"]


def test_gemini_loads_each_skill_once_without_a_conflict(hsync_env: HsyncEnv, colliding_skills: Path) -> None:
    """Before hsync gave skill names out once, Gemini said "Skill conflict detected" here."""
    project = colliding_skills
    assert hsync_env.run("sync", "-t", "gemini", project=project).returncode == 0
    seen = load(hsync_env, project, [])
    assert [f for f in seen["feedback"] if "conflict" in f["message"].lower()] == []
    assert sorted(s["name"] for s in seen["skills"]) == ["notes", "pdf"]


def test_gemini_reads_the_realworld_setup_without_errors_or_warnings(hsync_env: HsyncEnv) -> None:
    """The testing kit's real-world setup (hundreds of agents in category folders, command packs,
    linked and dangling skill folders, scoped server names), user and project level."""
    project = hsync_env.project()
    write_realworld_setup(hsync_env, project)
    done = hsync_env.run("sync", "-t", "gemini", project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    seen = load(hsync_env, project, [])
    assert [f for f in seen["feedback"] if f["severity"] in ("error", "warning")] == []
    assert seen["agent_errors"] == []
    agents = {a["name"] for a in seen["agents"]}
    assert {"engineering-000", "testing-059", "code-reviewer-strict", "planner", "deployer"} <= agents
    assert {"pricing", "git:commit"} <= {c["name"] for c in seen["commands"]}
    assert all(c.get("error") is None for c in seen["commands"]), seen["commands"]
    assert {s["name"] for s in seen["skills"]} == {"release-notes", "pdf"}
    text, servers = mcp_list(hsync_env, project)
    assert "Invalid configuration" not in text
    assert set(servers) == {"@acme/search-server", "github"}, text  # the line pattern takes no space
    assert "db tools: db-mcp  (stdio)" in text
