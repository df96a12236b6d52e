"""The Codex target through the real ``hsync`` command line (a subprocess, entry points loaded)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv

ONLY_CODEX = {"HSYNC_LOAD_PLUGINS": "codex"}


@pytest.fixture
def run(hsync_env: HsyncEnv, team: Path):
    def run(*args: str, scope: str | None = None):
        extra = ("--scope", scope) if scope else ()
        command, *rest = args
        return hsync_env.run(command, *extra, *rest, project=team, env=ONLY_CODEX)

    return run


def test_sync_json_then_check(run, hsync_env: HsyncEnv, team: Path) -> None:
    done = run("sync", "--json")
    assert done.returncode == 0, done.stderr  # skipped items do not fail the run
    codex = json.loads(done.stdout)["targets"]["codex"]
    assert codex["status"] == "success"  # skips are harness limits: the target is in sync
    assert codex["counts"]["created"] == 21 and codex["counts"]["conflicts"] == 0
    items = {(i["kind"], i["name"]): i for i in codex["items"]}
    assert items[("mcp", "sentry")]["action"] == "skipped"
    assert items[("skills", "pdf-tools")]["action"] == "create"
    assert items[("skills", "pdf-tools")]["path"] == str(hsync_env.home / ".codex" / "skills" / "pdf-tools")
    assert run("check").returncode == 0
    again = json.loads(run("sync", "--json").stdout)["targets"]["codex"]["counts"]
    assert again["created"] == again["updated"] == again["removed"] == 0


def test_check_and_diff_see_a_changed_command(run, hsync_env: HsyncEnv) -> None:
    run("sync")
    command = hsync_env.home / ".claude" / "commands" / "review.md"
    command.write_text(command.read_text().replace("focus on", "close look at"), encoding="utf-8")
    check = run("check")
    assert check.returncode == 4, check.stdout + check.stderr
    diff = run("diff")
    assert "-Review this diff with a focus on [the arguments]:" in diff.stdout
    assert "+Review this diff with a close look at [the arguments]:" in diff.stdout


def test_scope_user_leaves_the_project_alone(run, hsync_env: HsyncEnv, team: Path) -> None:
    done = run("sync", "--json", scope="user")
    assert done.returncode == 0, done.stderr
    assert (hsync_env.home / ".codex" / "AGENTS.md").is_file()
    assert not (team / "AGENTS.md").exists() and not (team / ".codex").exists()


def test_targets_lists_the_adapter(hsync_env: HsyncEnv) -> None:
    done = hsync_env.run("targets", "--json", env=ONLY_CODEX)
    [row] = json.loads(done.stdout)["targets"]
    assert row["name"] == "codex" and row["package"] == "hsync-codex"
    assert row["kinds"] == ["rules", "skills", "agents", "commands", "mcp", "settings", "hooks", "plugins"]


def test_hooks_through_the_command_line(hsync_env: HsyncEnv, team: Path) -> None:
    """Opted in, the team's PostToolUse hook lands in $CODEX_HOME/hooks.json, waiting for approval."""
    hsync_env.write(hsync_env.hsync_home / "config.toml", 'kinds = ["rules", "hooks"]\n')
    done = hsync_env.run("sync", "--json", "--scope", "user", project=team, env=ONLY_CODEX)
    assert done.returncode == 0, done.stderr
    written = json.loads((hsync_env.home / ".codex" / "hooks.json").read_text(encoding="utf-8"))
    [group] = written["hooks"]["PostToolUse"]
    assert group["matcher"] == "Edit|Write"
    assert group["hooks"] == [{"type": "command", "command": 'npx prettier --write "$CLAUDE_FILE_PATHS"'}]
    items = json.loads(done.stdout)["targets"]["codex"]["items"]
    reasons = [i.get("reason") or "" for i in items if i["kind"] == "hooks"]
    assert any("waiting for your approval in Codex (/hooks)" in r for r in reasons), reasons
    assert any("uses CLAUDE_FILE_PATHS, which Codex does not set" in r for r in reasons), reasons
    again = hsync_env.run("check", "--scope", "user", project=team, env=ONLY_CODEX)
    assert again.returncode == 0, again.stdout + again.stderr


def test_permission_rules_through_the_command_line(hsync_env: HsyncEnv, team: Path) -> None:
    """Opted in, the team's Bash rules become $CODEX_HOME/rules/hsync.rules and .codex/rules/hsync.rules."""
    hsync_env.write(hsync_env.hsync_home / "config.toml", 'kinds = ["settings"]\n')
    done = hsync_env.run("sync", project=team, env=ONLY_CODEX)
    assert done.returncode == 0, done.stderr
    user = (hsync_env.home / ".codex" / "rules" / "hsync.rules").read_text(encoding="utf-8")
    assert '["git", "status"]' in user and '["npm", "run", "test"]' in user and '["rm", "-rf"]' in user
    assert '["pnpm", "test"]' in (team / ".codex" / "rules" / "hsync.rules").read_text(encoding="utf-8")
    assert "Read(./.env) not written: Codex rules cover shell commands only" in done.stdout
    assert hsync_env.run("check", project=team, env=ONLY_CODEX).returncode == 0


def test_mcp_extras_through_the_command_line(hsync_env: HsyncEnv, team: Path) -> None:
    """A headersHelper and the MCP tool rules reach the server tables; a rule for no server is named."""
    hsync_env.write(hsync_env.hsync_home / "config.toml", 'kinds = ["mcp", "settings"]\n')
    claude = json.loads((hsync_env.home / ".claude.json").read_text(encoding="utf-8"))
    claude["mcpServers"]["context7"]["headersHelper"] = "~/bin/context7-headers"
    hsync_env.write(".claude.json", json.dumps(claude))
    settings = json.loads((hsync_env.home / ".claude/settings.json").read_text(encoding="utf-8"))
    settings["permissions"]["deny"] += ["mcp__github__delete_file", "mcp__nowhere"]
    hsync_env.write(".claude/settings.json", json.dumps(settings))
    done = hsync_env.run("sync", "--scope", "user", project=team, env=ONLY_CODEX)
    assert done.returncode == 0, done.stderr
    config = (hsync_env.home / ".codex" / "config.toml").read_text(encoding="utf-8")
    assert 'http_headers_helper = "~/bin/context7-headers"' in config
    assert 'disabled_tools = ["delete_file"]' in config
    assert "mcp__nowhere not written: no MCP server 'nowhere' is synced to Codex here" in done.stdout
    assert hsync_env.run("check", "--scope", "user", project=team, env=ONLY_CODEX).returncode == 0
