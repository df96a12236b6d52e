"""Hooks (opt-in kind) → ``hooks.<Event>`` entries, converted with Gemini's event and tool maps."""

from __future__ import annotations

import json
from collections.abc import Callable

from hsync_core import JsonEntry, Rendered, jsonc
from hsync_core.testing import HsyncEnv, RunResult
from hsync_gemini.tools import rename_in_matcher

HOOKS = {
    "PreToolUse": [
        {
            "matcher": "Bash",
            "hooks": [{"type": "command", "command": "${CLAUDE_PROJECT_DIR}/check.sh", "timeout": 5}],
        }
    ],
    "PostToolUse": [
        {
            "matcher": "Edit|MultiEdit|Write|mcp__git_hub__.*",
            "hooks": [{"type": "command", "command": '"$CLAUDE_PROJECT_DIR"/fmt.sh $CLAUDE_FILE_PATHS'}],
        }
    ],
    "UserPromptSubmit": [{"hooks": [{"type": "prompt", "prompt": "Is this safe?"}]}],
    "SubagentStop": [{"hooks": [{"type": "command", "command": "echo sub"}]}],
    "Stop": [{"hooks": [{"type": "command", "command": "echo done"}]}],
    "PermissionRequest": [{"hooks": [{"type": "command", "command": "echo perm"}]}],
}


def hook_entries(result: Rendered) -> dict[str, list]:
    return {o.key[1]: o.value for o in result.outputs if isinstance(o, JsonEntry) and o.kind == "hooks"}


def test_hooks_are_converted(hsync_env: HsyncEnv, rendered: Callable[..., Rendered]) -> None:
    hsync_env.write(".claude/settings.json", json.dumps({"hooks": HOOKS}))
    result = rendered(None)
    assert hook_entries(result) == {
        "BeforeTool": [
            {
                "matcher": "run_shell_command",
                "hooks": [{"type": "command", "command": "${GEMINI_PROJECT_DIR}/check.sh", "timeout": 5000}],
            }
        ],
        "AfterTool": [
            {
                "matcher": "replace|write_file|mcp_git-hub_.*",
                "hooks": [{"type": "command", "command": '"$GEMINI_PROJECT_DIR"/fmt.sh $CLAUDE_FILE_PATHS'}],
            }
        ],
        "AfterAgent": [
            {"hooks": [{"type": "command", "command": "echo sub"}]},
            {"hooks": [{"type": "command", "command": "echo done"}]},
        ],
    }
    reasons = " | ".join(r.reason for r in result.report if r.kind == "hooks")
    assert "PermissionRequest event has no Gemini equivalent" in reasons
    assert "'prompt' hook" in reasons
    assert "CLAUDE_FILE_PATHS" in reasons
    assert "different JSON payload" in reasons


def test_the_users_own_hooks_and_keys_survive(hsync_env: HsyncEnv, sync: Callable[..., RunResult]) -> None:
    original = (
        '{\n  "hooksConfig": {"notifications": false},\n'
        '  "hooks": {\n    // mine\n    "SessionStart": [{"hooks": [{"type": "command", "command": "echo hi"}]}]\n  }\n}\n'
    )
    hsync_env.write(".gemini/settings.json", original)
    hsync_env.write(".claude/settings.json", json.dumps({"hooks": {"Stop": HOOKS["Stop"]}}))
    sync(None)
    data = jsonc.parse((hsync_env.home / ".gemini/settings.json").read_text()).value
    assert set(data["hooks"]) == {"SessionStart", "AfterAgent"}
    assert data["hooksConfig"] == {"notifications": False}
    (hsync_env.home / ".claude/settings.json").unlink()
    sync(None)
    assert (hsync_env.home / ".gemini/settings.json").read_text() == original


def test_matcher_renaming() -> None:
    assert rename_in_matcher("Edit|Write") == "replace|write_file"
    assert rename_in_matcher("MultiEdit") == "replace"
    assert rename_in_matcher("Bash|Read|Grep|Glob|LS|WebFetch|WebSearch") == (
        "run_shell_command|read_file|grep_search|glob|list_directory|web_fetch|google_web_search"
    )
    assert rename_in_matcher("mcp__memory__.*") == "mcp_memory_.*"
    assert rename_in_matcher("^(Edit|Write)$") == "^(replace|write_file)$"
    assert rename_in_matcher("*") == "*"
