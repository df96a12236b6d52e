"""FORMATS.md §9: mistakes other sync tools made, each a test for Codex."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from hsync_core import FileOutput, MarkdownBlock, TomlEntry
from hsync_core.testing import HsyncEnv


def _texts(rendered) -> list[str]:
    texts = []
    for output in rendered.outputs:
        if isinstance(output, (FileOutput, MarkdownBlock)):
            texts.append(output.content)
        elif isinstance(output, TomlEntry):
            texts.append(json.dumps(output.value))
    return texts


def test_argument_hint_as_a_yaml_list_and_one_bad_file(codex, hsync_env: HsyncEnv) -> None:
    hsync_env.write(".claude/commands/fix-pr.md", "---\nargument-hint: [pr-number]\n---\nFix PR $1.\n")
    hsync_env.write(".claude/commands/broken.md", "---\ndescription: never closed\nFix it.\n")
    result = codex.sync()
    skill = codex.codex_home / "skills" / "fix-pr" / "SKILL.md"
    assert "arguments: [pr-number]" in skill.read_text(encoding="utf-8")
    assert "Fix PR [argument 1: pr-number]." in skill.read_text(encoding="utf-8")
    assert not (codex.codex_home / "skills" / "broken").exists()
    assert [p.name for p in result.problems] == ["broken"]  # the reader's skip; the rest is written


def test_variables_are_neither_copied_into_env_nor_resolved(codex, hsync_env: HsyncEnv, team: Path) -> None:
    hsync_env.environ["GITHUB_TOKEN"] = "ghp_resolved_secret"
    codex.sync(team)
    config = tomllib.loads((codex.codex_home / "config.toml").read_text(encoding="utf-8"))
    for table in config["mcp_servers"].values():
        assert all("$" not in v for v in table.get("env", {}).values())
    assert "ghp_resolved_secret" not in (codex.codex_home / "config.toml").read_text(encoding="utf-8")


def test_no_claude_model_alias_or_permission_rule_reaches_codex(codex, team: Path) -> None:
    for text in _texts(codex.render(team)):
        for alias in ("sonnet", "opus", "haiku"):
            assert f'model = "{alias}"' not in text and f'"model": "{alias}"' not in text
        # a Claude rule appears only as the justification of the Codex rule made from it
        rules = [line for line in text.splitlines() if ":*)" in line or "Bash(" in line]
        assert all(line.startswith('    justification = "Claude Code ') for line in rules), rules


def test_a_hand_added_server_survives_regeneration(codex, team: Path) -> None:
    codex.sync(team)
    (team / ".mcp.json").write_text(json.dumps({"mcpServers": {"filesystem": {"command": "fs-mcp"}}}))
    codex.sync(team)
    servers = tomllib.loads((codex.codex_home / "config.toml").read_text(encoding="utf-8"))["mcp_servers"]
    assert servers["my-notes"] == {"command": "notes-mcp", "args": ["--dir", "~/notes"]}
    project = tomllib.loads((team / ".codex" / "config.toml").read_text(encoding="utf-8"))["mcp_servers"]
    assert project["filesystem"] == {"command": "fs-mcp"}


def test_stale_outputs_are_removed_and_check_sees_them(codex, hsync_env: HsyncEnv, team: Path) -> None:
    codex.sync(team)
    (hsync_env.home / ".claude" / "commands" / "review.md").unlink()
    (hsync_env.home / ".claude" / "agents" / "test-runner.md").unlink()
    claude_json = hsync_env.home / ".claude.json"
    data = json.loads(claude_json.read_text())
    del data["mcpServers"]["context7"]
    claude_json.write_text(json.dumps(data))
    pending = codex.sync(team, dry_run=True)
    assert pending.pending
    removed = {c.item for c in pending.targets["codex"].changes if c.action == "remove"}
    assert removed == {"review", "test-runner", "context7"}
    codex.sync(team)
    assert not (codex.codex_home / "skills" / "review").exists()
    assert not (codex.codex_home / "agents" / "test-runner.toml").exists()
    config = tomllib.loads((codex.codex_home / "config.toml").read_text(encoding="utf-8"))
    assert "context7" not in config["mcp_servers"] and "my-notes" in config["mcp_servers"]


def test_user_outputs_stay_out_of_the_project(codex, hsync_env: HsyncEnv, team: Path) -> None:
    for output in codex.render(team).outputs:
        root = codex.codex_home if output.level == "user" else team
        assert output.root == root
        assert root in output.path.parents, output.path
        if output.level == "user":
            assert team not in output.path.parents


def test_a_hand_edit_of_a_server_entry_is_drift(codex, team: Path) -> None:
    codex.sync(team)
    config = codex.codex_home / "config.toml"
    config.write_text(config.read_text().replace('bearer_token_env_var = "CONTEXT7_API_KEY"', 'url2 = "x"'))
    result = codex.sync(team)
    [change] = [c for c in result.targets["codex"].changes if c.item == "context7"]
    assert change.action == "conflict" and change.drift


def test_the_persons_keys_stay_where_they_were(codex, team: Path) -> None:
    codex.sync(team)
    config = tomllib.loads((codex.codex_home / "config.toml").read_text(encoding="utf-8"))
    assert config["model"] == "gpt-5-codex" and config["approval_policy"] == "on-request"
    assert config["profiles"] == {"fast": {"model": "gpt-5-codex-mini"}}
    assert set(config) == {"model", "approval_policy", "mcp_servers", "profiles"}
    text = (codex.codex_home / "config.toml").read_text(encoding="utf-8")
    assert text.startswith("# My Codex settings — keep these comments!\n")
    assert "# a server I added by hand\n" in text and "# the quick one" in text
