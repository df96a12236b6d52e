"""What the adapter writes, reports as native, and warns about, kind by kind."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from hsync_core import Config


def test_native_sources_are_reported_and_not_written(copilot, team: Path) -> None:
    result = copilot.sync(team)
    native = {(e.kind, e.name) for e in result.targets["copilot"].report if e.action == "native"}
    assert ("rules", "CLAUDE.md") in native and ("mcp", "filesystem") in native
    assert ("commands", "deploy") in native and ("commands", "db/migrate") not in native
    written = {str(c.path) for c in result.targets["copilot"].changes}
    assert not any("release-notes" in p or "sql-expert" in p or "/deploy" in p for p in written)
    assert (team / ".github/skills/migrate/SKILL.md").is_file()  # a subfolder command Copilot does not see


def test_a_second_sync_of_the_team_setup_writes_nothing(copilot, team: Path) -> None:
    copilot.sync(team)
    again = copilot.sync(team)
    assert {c.action for c in again.targets["copilot"].changes} == {"unchanged"}


def test_copilot_home_is_honoured(copilot, team: Path, hsync_env) -> None:
    elsewhere = hsync_env.root / "copilot-elsewhere"
    hsync_env.environ["COPILOT_HOME"] = str(elsewhere)
    copilot.sync(team)
    assert (elsewhere / "mcp-config.json").is_file() and (
        elsewhere / "agents/code-reviewer.agent.md"
    ).is_file()
    assert not (hsync_env.home / ".copilot/agents").exists()


def test_hand_written_instructions_keep_their_text(copilot, team: Path, hsync_env) -> None:
    copilot.sync(team)
    text = (hsync_env.home / ".copilot/copilot-instructions.md").read_text(encoding="utf-8")
    assert text.startswith("# My Copilot notes\n\nAnswer in British English.\n")
    assert "<!-- hsync:begin -->" in text and "Reproduce a bug with a failing test" in text


def test_agents_md_from_another_target_is_reported_once(copilot, team: Path) -> None:
    alone = copilot.render(team)
    assert not [e for e in alone.report if "AGENTS.md" in e.reason]
    config = Config(targets=["copilot", "codex"], kinds=["rules", "mcp"])
    both = copilot.render(team, config=config, kinds=["rules", "mcp"])
    warnings = [e for e in both.report if "AGENTS.md" in e.reason]
    assert len(warnings) == 1 and "codex target" in warnings[0].reason


def test_an_agents_md_hsync_wrote_earlier_is_reported(copilot, team: Path) -> None:
    (team / "AGENTS.md").write_text("<!-- hsync:begin -->\nrules\n<!-- hsync:end -->\n", encoding="utf-8")
    assert len([e for e in copilot.render(team).report if "AGENTS.md" in e.reason]) == 1


def test_local_server_goes_to_github_mcp_json_only_without_mcp_json(copilot, team: Path, hsync_env) -> None:
    (team / ".mcp.json").unlink()
    copilot.sync(team)
    document = json.loads((team / ".github/mcp.json").read_text(encoding="utf-8"))
    assert (
        document["mcpServers"]["postgres-local"]["args"][1] == "${DATABASE_URL:-postgresql://localhost/dev}"
    )
    subprocess.run(["git", "add", ".github/mcp.json"], cwd=team, check=True, env=hsync_env.environ)
    rendered = copilot.render(team)
    assert any("git tracks it" in e.reason for e in copilot.reports(rendered, "mcp", "postgres-local"))


def test_hooks_translate_to_copilot_events(copilot, team: Path, hsync_env) -> None:
    copilot.sync(team)
    user = json.loads((hsync_env.home / ".copilot/hooks/hsync.json").read_text(encoding="utf-8"))
    assert user["version"] == 1 and set(user["hooks"]) == {"sessionStart", "agentStop"}
    assert user["hooks"]["sessionStart"][0]["timeoutSec"] == 10
    project = json.loads((team / ".github/hooks/hsync.json").read_text(encoding="utf-8"))
    assert project["hooks"] == {
        "userPromptSubmitted": [{"type": "command", "bash": "./scripts/check-prompt.sh", "timeoutSec": 5}]
    }


def test_hooks_are_opt_in(copilot, team: Path, hsync_env) -> None:
    copilot.sync(team, kinds=["rules", "skills", "agents", "commands", "mcp"])
    assert not (hsync_env.home / ".copilot/hooks").exists()


def test_no_secret_is_resolved(copilot, team: Path, hsync_env) -> None:
    hsync_env.environ["GITHUB_TOKEN"] = "ghp_secret_value"  # the run's environment
    copilot.sync(team)
    text = (hsync_env.home / ".copilot/mcp-config.json").read_text(encoding="utf-8")
    assert "ghp_secret_value" not in text and "${GITHUB_TOKEN}" in text
