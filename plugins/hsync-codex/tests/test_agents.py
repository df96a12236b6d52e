"""Agents → Codex role files with name, description, developer_instructions, sandbox_mode only."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv

ALLOWED_KEYS = {"name", "description", "developer_instructions", "sandbox_mode"}


def _role(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_roles_hold_only_keys_codex_knows(codex, team: Path) -> None:
    codex.sync(team)
    files = sorted((codex.codex_home / "agents").glob("*.toml")) + sorted(
        (team / ".codex" / "agents").glob("*")
    )
    assert [f.name for f in files] == [
        "code-reviewer.toml",
        "test-runner.toml",
        "windows-porter.toml",
        "planner.toml",
        "sql-expert.toml",
    ]
    for path in files:
        assert set(_role(path)) <= ALLOWED_KEYS, path
    reviewer = _role(codex.codex_home / "agents" / "code-reviewer.toml")
    assert reviewer == {
        "name": "code-reviewer",
        "description": "Reviews code changes for bugs, security issues and style. Use PROACTIVELY after edits.",
        "sandbox_mode": "read-only",
        "developer_instructions": (
            "You are a senior code reviewer. Look for correctness bugs first, then security, then readability.\n"
            "Quote the line you are talking about and suggest a concrete fix.\n"
        ),
    }


@pytest.mark.parametrize(
    ("front", "read_only"),
    [
        ("tools: Read, Grep, Glob", True),
        ("tools: Read, WebFetch, mcp__github__get_issue", True),
        ("tools: Bash(git diff:*), Read", False),
        ("tools: Read, Edit", False),
        ("", False),  # no tool list: every tool
        ("disallowedTools: Bash, Write, Edit, MultiEdit, NotebookEdit", True),
        ("disallowedTools: Bash", False),
        ("tools: Read, Write\ndisallowedTools: Write", True),
        ("permissionMode: plan", True),
    ],
)
def test_read_only_when_nothing_can_write_or_run(
    codex, hsync_env: HsyncEnv, front: str, read_only: bool
) -> None:
    hsync_env.write(".claude/agents/a.md", f"---\nname: a\ndescription: An agent.\n{front}\n---\nDo it.\n")
    codex.sync()
    role = _role(codex.codex_home / "agents" / "a.toml")
    assert ("sandbox_mode" in role) is read_only
    if read_only:
        assert role["sandbox_mode"] == "read-only"


def test_dropped_fields_are_reported(codex, team: Path) -> None:
    rendered = codex.render(team)
    reviewer = {e.field: e for e in codex.reports(rendered, "agents", "code-reviewer")}
    assert set(reviewer) == {"tools", "model", "color"}
    assert reviewer["model"].reason == "`model: sonnet` dropped: a Claude model name means nothing to Codex"
    assert reviewer["color"].action == "info"
    assert reviewer["tools"].reason == (
        'Codex roles have no tool list: `tools: Read, Grep, Glob` became sandbox_mode = "read-only"'
    )
    runner = {e.field: e.reason for e in codex.reports(rendered, "agents", "test-runner")}
    assert set(runner) == {"tools"}  # model: inherit is what Codex does anyway
    porter = {e.field for e in codex.reports(rendered, "agents", "windows-porter")}
    assert porter == {"tools", "maxTurns"}
    sql = {e.field: e.reason for e in codex.reports(rendered, "agents", "sql-expert")}
    assert (
        sql["permissionMode"] == "`permissionMode: acceptEdits` dropped: Codex roles have no permission mode"
    )


def test_backslashes_quotes_and_triple_quotes_survive(codex, hsync_env: HsyncEnv, team: Path) -> None:
    codex.sync(team)
    path = codex.codex_home / "agents" / "windows-porter.toml"
    body = (hsync_env.home / ".claude" / "agents" / "windows-porter.md").read_text(encoding="utf-8")
    expected = body.split("---\n", 2)[2]
    assert _role(path)["developer_instructions"] == expected
    assert '"""' in path.read_text(encoding="utf-8")  # ''' in the text: the escaped form is used


def test_a_role_codex_would_drop_is_skipped(codex, hsync_env: HsyncEnv) -> None:
    hsync_env.write(".claude/agents/empty.md", "---\nname: empty\ndescription: Nothing to say.\n---\n\n")
    hsync_env.write(".claude/agents/mute.md", "---\nname: mute\n---\nHelp.\n")
    rendered = codex.render()
    assert not [o for o in rendered.outputs if o.kind == "agents"]
    [empty] = codex.reports(rendered, "agents", "empty")
    assert empty.reason == "its body is empty; Codex drops a role without developer_instructions"
    # an agent without a description never reaches the adapter: Claude Code does not load it
    # either, and the reader skips it with that reason
    assert not codex.reports(rendered, "agents", "mute")


def test_project_roles_need_a_trusted_project(codex, hsync_env: HsyncEnv, team: Path) -> None:
    rendered = codex.render(team)
    trust = [e for e in rendered.report if "trusted project" in e.reason]
    assert sorted((e.kind, e.name) for e in trust) == [
        ("agents", ".codex/agents"),
        ("mcp", ".codex/config.toml"),
        ("settings", ".codex/rules"),
    ]
    assert all(e.action == "warning" for e in trust)
    assert f'[projects."{team}"] trust_level = "trusted"' in trust[0].reason
    config = hsync_env.home / ".codex" / "config.toml"
    config.write_text(config.read_text() + f'\n[projects."{team}"]\ntrust_level = "trusted"\n')
    assert not [e for e in codex.render(team).report if "trusted project" in e.reason]
    # hsync never adds trust itself
    before = config.read_text()
    codex.sync(team)
    assert config.read_text().count("trust_level") == before.count("trust_level") == 1
