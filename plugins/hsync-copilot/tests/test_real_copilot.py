"""The real Copilot CLI (pinned, from the npm registry) reads what hsync wrote, offline.

Every command runs on copies of the synced home and project with ``COPILOT_OFFLINE=true`` and
``COPILOT_HOME`` inside the temporary home; none starts an MCP server or reaches the network.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hsync_core.testing import CLIENT_PATIENCE

pytestmark = pytest.mark.realcli

USER_SERVERS = {"my-notes", "github", "context7", "linear", "acme-docs"}
PROJECT_SERVERS = {"filesystem", "sentry", "api-gateway", "legacy-search"}
PERSONAL_SKILLS = {"commit-helper", "pdf-tools", "lint-fix", "commit", "explain", "review", "lint"}
PROJECT_SKILLS = {"release-notes", "deploy", "migrate"}
AGENTS = {"code-reviewer", "researcher", "test-runner", "linter", "sql-expert"}


@pytest.fixture
def synced(copilot, team: Path) -> Path:
    result = copilot.sync(team)
    assert result.targets["copilot"].error is None
    assert result.exit_code == 0
    return team


def test_mcp_list_shows_every_synced_server_with_its_transport(real_copilot, synced: Path) -> None:
    cli = real_copilot(synced)
    cli.trust_project()
    servers = cli.mcp_list()
    for name in USER_SERVERS | PROJECT_SERVERS:  # Copilot drops invalid servers silently
        assert name in servers, name
    assert {n for n, s in servers.items() if s["source"] == "user"} == USER_SERVERS
    github = servers["github"]
    assert (github.get("type", "local"), github["command"], github["args"]) == (
        "local",
        "npx",
        ["-y", "@modelcontextprotocol/server-github"],
    )
    assert github["env"] == {
        "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}",
        "GITHUB_LOG_LEVEL": "${GITHUB_MCP_LOG_LEVEL}",
    }
    assert (servers["context7"]["type"], servers["context7"]["url"]) == (
        "http",
        "https://mcp.context7.com/mcp",
    )
    assert servers["context7"]["headers"] == {"Authorization": "Bearer ${CONTEXT7_API_KEY}"}
    assert (servers["linear"]["type"], servers["linear"]["url"]) == ("sse", "https://mcp.linear.app/sse")
    assert servers["acme-docs"]["command"].endswith("/acme-tools/1.2.0/bin/docs-mcp")
    assert servers["my-notes"]["command"] == "notes-mcp"  # the person's own server
    assert servers["api-gateway"]["headers"]["X-Api-Key"] == "${API_GATEWAY_KEY}"  # native .mcp.json
    shown = cli.ok("mcp", "get", "context7")
    assert "Type: http" in shown and "https://mcp.context7.com/mcp" in shown


def test_project_servers_wait_for_trust(real_copilot, synced: Path) -> None:
    """What the trust warning says: an untrusted folder's .mcp.json is not read."""
    assert set(real_copilot(synced).mcp_list()) == USER_SERVERS


def test_skill_list_shows_skills_and_commands_exactly_once(real_copilot, synced: Path) -> None:
    cli = real_copilot(synced)
    cli.trust_project()
    sections, text = cli.skills()
    assert "failed to load" not in text, text
    assert set(sections["Personal"]) == PERSONAL_SKILLS
    assert set(sections["Project"]) == PROJECT_SKILLS
    listed = [name for names in sections.values() for name in names]
    assert len(listed) == len(set(listed)), listed


def test_instruction_list_shows_the_synced_instructions(real_copilot, synced: Path) -> None:
    cli = real_copilot(synced)
    found = {
        Path(i["sourcePath"]).name if i["location"] == "user" else i["sourcePath"]: i
        for i in cli.instructions()
    }
    assert "copilot-instructions.md" in found  # $COPILOT_HOME/copilot-instructions.md
    assert found["python.instructions.md"]["applyTo"] == ["**/*.py"]
    assert found[".github/copilot-instructions.md"]["location"] in ("repository", "working-directory")
    assert "CLAUDE.md" in found and ".claude/rules/frontend.md" in found  # read natively
    assert found[".claude/rules/frontend.md"]["applyTo"] == ["src/web/**/*.tsx"]


def test_config_list_reports_no_error(real_copilot, synced: Path) -> None:
    cli = real_copilot(synced)
    done = cli.run("config", "--list", "--json")
    assert done.returncode == 0, done.stderr
    json.loads(done.stdout)
    assert "error" not in (done.stdout + done.stderr).lower()


def test_agents_load_without_unknown_fields_or_errors(real_copilot, synced: Path) -> None:
    cli = real_copilot(synced)
    names, log = cli.agents_and_log()
    assert set(names) == AGENTS
    ours = [line for line in log.splitlines() if "agents/" in line and ".agent.md" in line]
    assert ours == [], ours  # no "unknown field ignored", no "frontmatter is malformed"
    assert "hooks/hsync.json" not in log  # no "Ignoring unknown hook event(s)" for hsync's file


def test_the_agent_check_would_catch_a_bad_field(real_copilot, synced: Path) -> None:
    """The check above can fail: a Claude-only field in a written agent is logged by Copilot."""
    cli = real_copilot(synced)
    agent = cli.copilot_home / "agents" / "code-reviewer.agent.md"
    agent.write_text(
        agent.read_text(encoding="utf-8").replace("tools:", "color: red\ntools:", 1), encoding="utf-8"
    )
    _, log = cli.agents_and_log()
    assert "code-reviewer.agent.md: unknown field ignored: color" in log


def test_copilot_runs_the_synced_session_start_hooks(real_copilot, copilot, synced: Path) -> None:
    """A prompt-mode session (its model provider is a closed loopback port) runs sessionStart hooks."""
    cli = real_copilot(synced)
    cli.trust_project()
    marks = cli.home / "marks.txt"
    for hooks in (
        cli.copilot_home / "hooks" / "hsync.json",
        cli.project / ".github" / "hooks" / "hsync.json",
    ):
        document = json.loads(hooks.read_text(encoding="utf-8"))
        assert document["version"] == 1
        label = "user" if hooks.is_relative_to(cli.copilot_home) else "project"
        document["hooks"]["sessionStart"] = [
            {"type": "command", "bash": f"echo {label} >> '{marks}'", "timeoutSec": 10}
        ]
        hooks.write_text(json.dumps(document), encoding="utf-8")
    cli.run(
        "-p",
        "hello",
        env={"COPILOT_PROVIDER_BASE_URL": "http://127.0.0.1:9/v1", "COPILOT_MODEL": "gpt-4o"},
        timeout=CLIENT_PATIENCE,
    )
    assert sorted(marks.read_text(encoding="utf-8").split()) == ["project", "user"]
