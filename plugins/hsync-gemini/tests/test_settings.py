"""Permissions (opt-in ``settings`` kind) → the user's policy file and the project's ``tools.*``."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

from hsync_core import DEFAULT_KINDS, FileOutput, JsonEntry, Rendered, jsonc
from hsync_core.testing import HsyncEnv, RunResult
from hsync_gemini.permissions import translate

PERMISSIONS = {
    "allow": ["Bash(git status:*)", "Bash(npm test)", "Read", "mcp__github", "Edit(src/**)"],
    "ask": ["Bash(git push *)"],
    "deny": ["Bash(rm -rf:*)", "WebFetch", "mcp__db__drop_table", "Bash(git * --force)", "Task"],
}


def policy(result: Rendered) -> dict:
    [output] = [o for o in result.outputs if isinstance(o, FileOutput) and o.kind == "settings"]
    return tomllib.loads(output.content)


def test_settings_are_opt_in(hsync_env: HsyncEnv, rendered: Callable[..., Rendered]) -> None:
    hsync_env.write(".claude/settings.json", json.dumps({"permissions": PERMISSIONS}))
    assert [o for o in rendered(None, kinds=DEFAULT_KINDS).outputs if o.kind == "settings"] == []


def test_user_permissions_become_policy_rules(hsync_env: HsyncEnv, rendered: Callable[..., Rendered]) -> None:
    hsync_env.write(".claude/settings.json", json.dumps({"permissions": PERMISSIONS}))
    result = rendered(None)
    rules = [{k: v for k, v in rule.items()} for rule in policy(result)["rule"]]
    allow_modes = ["default", "autoEdit", "yolo"]
    assert rules == [
        {"toolName": "run_shell_command", "commandPrefix": "rm -rf", "decision": "deny", "priority": 300},
        {"toolName": "web_fetch", "decision": "deny", "priority": 300},
        {"mcpName": "db", "toolName": "drop_table", "decision": "deny", "priority": 300},
        {
            "toolName": "run_shell_command",
            "commandPrefix": "git push",
            "decision": "ask_user",
            "priority": 200,
        },
        {
            "toolName": "run_shell_command",
            "commandPrefix": "git status",
            "decision": "allow",
            "priority": 100,
            "modes": allow_modes,
        },
        {
            "toolName": "run_shell_command",
            "commandPrefix": "npm test",
            "decision": "allow",
            "priority": 100,
            "modes": allow_modes,
        },
        {
            "toolName": ["read_file", "read_many_files"],
            "decision": "allow",
            "priority": 100,
            "modes": allow_modes,
        },
        {"mcpName": "github", "toolName": "*", "decision": "allow", "priority": 100, "modes": allow_modes},
    ]
    reasons = [r.reason for r in result.report if r.kind == "settings"]
    assert any("'Bash(git * --force)'" in r and "wildcard" in r for r in reasons)
    assert any("'Task'" in r for r in reasons)
    assert any("'Edit(src/**)'" in r for r in reasons)
    assert any("'Bash(npm test)'" in r and "prefix" in r for r in reasons)


def test_project_permissions_use_whole_tool_entries_only(
    hsync_env: HsyncEnv, make_project: Callable[..., Path], sync: Callable[..., RunResult]
) -> None:
    project = make_project()
    hsync_env.write(
        project / ".gemini/settings.json", '{\n  // team settings\n  "tools": {"sandbox": true}\n}\n'
    )
    hsync_env.write(project / ".claude/settings.json", json.dumps({"permissions": PERMISSIONS}))
    result = sync(project, scope="project")
    data = jsonc.parse((project / ".gemini/settings.json").read_text()).value
    assert data["tools"] == {
        "sandbox": True,
        "allowed": ["read_file", "read_many_files", "mcp_github_*"],
        "exclude": ["web_fetch", "mcp_db_drop_table"],
    }
    reasons = " ".join(r.reason for r in result.targets["gemini"].report)
    assert "'Bash(git status:*)'" in reasons and "deny every other shell command" in reasons
    assert "'Bash(rm -rf:*)'" in reasons and "ignores command-specific entries" in reasons
    assert "'Bash(git push *)'" in reasons
    assert not (project / ".gemini/policies").exists()
    assert "// team settings" in (project / ".gemini/settings.json").read_text()


def test_local_permissions_only_reach_an_untracked_settings_file(
    hsync_env: HsyncEnv, make_project: Callable[..., Path], rendered: Callable[..., Rendered]
) -> None:
    project = make_project()
    hsync_env.write(
        project / ".claude/settings.local.json", json.dumps({"permissions": {"deny": ["WebSearch"]}})
    )
    entries = [o for o in rendered(project).outputs if isinstance(o, JsonEntry)]
    assert [(o.key, o.value) for o in entries] == [(("tools", "exclude"), ["google_web_search"])]


def test_env_model_and_mode_are_reported_not_written(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    settings = {
        "env": {"API_KEY": "s3cr3t-value"},
        "model": "opus",
        "permissions": {"defaultMode": "acceptEdits"},
    }
    hsync_env.write(".claude/settings.json", json.dumps(settings))
    result = rendered(None)
    assert [o for o in result.outputs if o.kind == "settings"] == []
    assert {r.field for r in result.report if r.kind == "settings"} == {"env", "model", "defaultMode"}
    assert all("s3cr3t-value" not in r.reason for r in result.report)


def test_translate_rule_forms() -> None:
    assert translate("Bash(npm run test:*)")[0].prefix == "npm run test"
    assert translate("Bash(npm run *)")[0].prefix == "npm run"
    assert translate("Bash")[0].tools == ("run_shell_command",)
    assert translate("Edit")[0].tools == ("replace", "write_file")
    assert translate("mcp__my_srv__tool")[0].mcp == ("my-srv", "tool")
    assert translate("WebFetch(domain:example.com)")[0] is None
    assert translate("NotebookEdit")[0] is None
