"""Claude ``Bash(...)`` permission rules → Codex ``prefix_rule`` files (the opt-in ``settings`` kind),
checked by Codex's own ``codex execpolicy check`` and loaded by a real Codex session."""

from __future__ import annotations

import json

import pytest

from hsync_core.testing import HsyncEnv

SETTINGS = ["settings"]
USER_RULES = {
    "allow": ["Bash(git status:*)", "Bash(npm run test)", "Bash(ls *)", "Read", "mcp__github__get_issue"],
    "ask": ["Bash(git push:*)", "Bash(git * main)"],
    "deny": [
        "Bash(rm -rf)",
        "Bash",
        "Read(./.env)",
        "WebFetch(domain:example.com)",
        "Bash(curl 'https://x y':*)",
    ],
}


def _settings(env: HsyncEnv, permissions: dict, path: str = ".claude/settings.json") -> None:
    env.write(path, json.dumps({"permissions": permissions}, indent=2))


def test_bash_rules_become_prefix_rules_and_the_rest_is_reported(codex, hsync_env: HsyncEnv) -> None:
    _settings(hsync_env, USER_RULES)
    result = codex.sync(kinds=SETTINGS)
    assert result.exit_code == 0
    text = (codex.codex_home / "rules" / "hsync.rules").read_text(encoding="utf-8")
    assert text.startswith("# Written by hsync from the permissions of Claude Code's settings")
    assert (
        "prefix_rule(\n"
        '    pattern = ["git", "status"],\n'
        '    decision = "allow",\n'
        '    justification = "Claude Code allow: Bash(git status:*) (~/.claude/settings.json)",\n'
        '    match = [["git", "status"]],\n'
        ")\n"
    ) in text
    assert '    pattern = ["curl", "https://x y"],\n    decision = "forbidden",' in text
    assert text.count("prefix_rule(") == 5  # git status, ls, git push, rm -rf, curl
    by_rule = {e.reason.split(" ")[0]: e for e in result.targets["codex"].report if e.kind == "settings"}
    assert by_rule["Bash(npm"].action == "skipped"
    assert (
        "Claude allows exactly 'npm run test'; a Codex rule would allow every command"
        in by_rule["Bash(npm"].reason
    )
    assert by_rule["Bash(rm"].action == "info"
    assert "Codex also forbids longer commands starting with 'rm -rf'" in by_rule["Bash(rm"].reason
    assert "no wildcards elsewhere" in by_rule["Bash(git"].reason
    assert (
        by_rule["Bash"].reason
        == "Bash not written: a rule for every command: a Codex rule needs at least one word"
    )
    # an MCP tool's rule goes to its server's table (test_mcp_extras.py); here no server is synced
    assert by_rule["mcp__github__get_issue"].reason == (
        "mcp__github__get_issue not written: no MCP server 'github' is synced to Codex here"
    )
    for rule in ("Read", "Read(./.env)", "WebFetch(domain:example.com)"):
        assert (
            by_rule[rule].action == "skipped"
            and "Codex rules cover shell commands only" in by_rule[rule].reason
        )
        assert by_rule[rule].name == "~/.claude/settings.json"


def test_project_rules_and_the_personal_layer(codex, hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    _settings(hsync_env, {"allow": ["Bash(pnpm test:*)"]}, str(project / ".claude/settings.json"))
    _settings(hsync_env, {"deny": ["Bash(git push --force:*)"]}, str(project / ".claude/settings.local.json"))
    result = codex.sync(project, kinds=SETTINGS)
    text = (project / ".codex/rules/hsync.rules").read_text(encoding="utf-8")
    assert '["pnpm", "test"]' in text and '["git", "push", "--force"]' in text
    reasons = [e.reason for e in result.targets["codex"].report]
    assert any(r.startswith("Codex reads .codex/rules only in a trusted project") for r in reasons)


def test_nothing_is_written_without_the_settings_kind(codex, hsync_env: HsyncEnv) -> None:
    _settings(hsync_env, USER_RULES)
    codex.sync(kinds=["rules", "mcp"])
    assert not (codex.codex_home / "rules").exists()


@pytest.mark.realcli
def test_codex_decides_as_claude_code_did(codex, real_codex, hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    _settings(hsync_env, USER_RULES)
    _settings(
        hsync_env,
        {"allow": ["Bash(pnpm test:*)"], "deny": ["Bash(git push:*)"]},
        str(project / ".claude/settings.json"),
    )
    codex.sync(project, kinds=SETTINGS)
    cli = real_codex(project)
    cli.trust_project()
    files = [cli.codex_home / "rules" / "hsync.rules", cli.project / ".codex" / "rules" / "hsync.rules"]
    expected = {
        ("git", "status", "--short"): "allow",
        ("ls", "-la"): "allow",
        ("git", "push", "origin"): "forbidden",  # the project's deny beats the user's ask, as in Claude
        ("rm", "-rf", "build"): "forbidden",
        ("curl", "https://x y", "-o", "f"): "forbidden",
        ("pnpm", "test", "--watch"): "allow",
        ("npm", "run", "test"): None,  # an exact allow is not written
        ("git", "commit"): None,
    }
    assert {command: cli.execpolicy(files, *command) for command in expected} == expected
    assert cli.execpolicy(files[:1], "git", "push") == "prompt"
    # a real session loads both files without a complaint; a broken one is named
    assert cli.session_warnings() == []
    files[0].write_text(files[0].read_text(encoding="utf-8").replace('match = [["ls"]]', 'match = [["cat"]]'))
    [warning] = cli.session_warnings()
    assert warning["summary"] == "Error parsing rules; custom rules not applied."
    assert str(files[0]) in warning["details"]
