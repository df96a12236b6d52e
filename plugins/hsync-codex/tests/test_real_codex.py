"""The real Codex CLI (pinned, from the npm registry) reads what hsync wrote, offline.

Every command runs on copies of the synced home and project, with a throwaway HOME, stdin from
/dev/null and a timeout; none starts an MCP server or contacts the network (FORMATS.md §8).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv

pytestmark = pytest.mark.realcli

USER_SKILLS = {"commit-helper", "pdf-tools", "commit", "explain", "review"}
PROJECT_SKILLS = {"release-notes", "deploy", "migrate"}
ROLES = {"code-reviewer", "test-runner", "windows-porter", "sql-expert", "planner"}


@pytest.fixture
def synced(codex, team: Path) -> Path:
    result = codex.sync(team)
    assert result.targets["codex"].error is None
    assert result.exit_code == 0
    return team


def test_mcp_list_shows_every_synced_server_as_written(real_codex, synced: Path) -> None:
    cli = real_codex(synced)
    cli.trust_project()
    servers = {name: s["transport"] for name, s in cli.mcp_list().items()}
    assert set(servers) == {"my-notes", "github", "context7", "docs-search", "filesystem", "notes-local"}
    assert servers["github"] == {
        "type": "stdio",
        "command": "npx",
        "args": ["-y", "@modelcontextprotocol/server-github"],
        "env": {"GITHUB_TOOLSETS": "repos"},
        "env_vars": ["GITHUB_PERSONAL_ACCESS_TOKEN"],
        "cwd": None,
    }
    assert servers["context7"]["type"] == "streamable_http"
    assert servers["context7"]["url"] == "https://mcp.context7.com/mcp"
    assert servers["context7"]["bearer_token_env_var"] == "CONTEXT7_API_KEY"
    assert servers["docs-search"]["http_headers"] == {"X-Team": "web"}
    assert servers["docs-search"]["env_http_headers"] == {"X-Api-Key": "DOCS_API_KEY"}
    assert servers["filesystem"]["type"] == "stdio"
    assert servers["notes-local"]["env_vars"] == ["NOTES_TOKEN"]
    assert servers["my-notes"]["command"] == "notes-mcp"  # the person's own server


def test_project_servers_wait_for_trust(real_codex, synced: Path) -> None:
    """What the trust warning says: an untrusted project's .codex/config.toml is not read."""
    assert set(real_codex(synced).mcp_list()) == {"my-notes", "github", "context7", "docs-search"}


def test_the_strict_config_check_finds_no_unknown_field(real_codex, synced: Path) -> None:
    cli = real_codex(synced)
    cli.trust_project()
    output = cli.strict_config()
    assert "Model provider `__offline_validation__` not found" in output, output
    assert "unknown configuration field" not in output


def test_the_strict_check_would_catch_a_type_key(real_codex, synced: Path) -> None:
    """The check above can fail: a ``type`` key (FORMATS.md §9) is an unknown field."""
    cli = real_codex(synced)
    cli.edit_user_config("[mcp_servers.github]\n", '[mcp_servers.github]\ntype = "stdio"\n')
    assert "unknown configuration field `mcp_servers.github.type`" in cli.strict_config()


def test_skills_and_commands_load_without_errors(real_codex, hsync_env: HsyncEnv, synced: Path) -> None:
    cli = real_codex(synced)
    cli.trust_project()
    skills, errors, warnings = cli.skills()
    assert errors == []
    assert warnings == []  # nor any role file Codex would drop ("Ignoring malformed agent role …")
    assert {name: s["scope"] for name, s in skills.items()} == {
        **dict.fromkeys(USER_SKILLS, "user"),
        **dict.fromkeys(PROJECT_SKILLS, "repo"),
    }
    # a linked skill is listed through its link, at its source
    assert skills["pdf-tools"]["path"] == str(
        hsync_env.home / ".claude" / "skills" / "pdf-tools" / "SKILL.md"
    )
    assert skills["review"]["description"].endswith(
        "(the Claude Code command /review; arguments: [focus-area])"
    )


def test_the_prompt_holds_the_rules_and_the_roles(real_codex, synced: Path) -> None:
    cli = real_codex(synced)
    cli.trust_project()
    cli.edit_user_config('model = "gpt-5-codex"\n', "")  # that model cannot spawn agents: no roles shown
    prompt = cli.prompt_input()
    assert "Prefer small, focused commits with imperative messages." in prompt  # $CODEX_HOME/AGENTS.md
    assert "TypeScript monorepo. Run `npm test` before committing." in prompt  # <project>/AGENTS.md
    assert "--- project-doc ---" in prompt
    roles = prompt[prompt.index("Available roles:") :]
    for role in ROLES:
        assert f"{role}: {{" in roles, role
    for skill in USER_SKILLS | PROJECT_SKILLS:
        assert f"- {skill}: " in prompt, skill
    assert "Validate every request body" not in prompt
    # a path-scoped rule's nested AGENTS.md joins when Codex works in that directory
    assert "Validate every request body with a schema." in cli.prompt_input("src/api")


def test_codex_home_is_honoured(codex, real_codex, hsync_env: HsyncEnv, team: Path) -> None:
    hsync_env.environ["CODEX_HOME"] = str(hsync_env.home / "codex-elsewhere")
    codex.sync(team)
    cli = real_codex(team)
    cli.environ["CODEX_HOME"] = str(cli.home / "codex-elsewhere")
    assert set(cli.mcp_list()) == {"github", "context7", "docs-search"}
    skills, errors, _ = cli.skills()
    assert errors == [] and set(skills) >= USER_SKILLS
