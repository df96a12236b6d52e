"""Claude hooks → Codex ``hooks.json``: translation, what is reported, approval, stable positions.

The real Codex (``hooks/list`` of its app server) reads every file written here in
``test_real_codex_lists_the_hooks_*``.
"""

from __future__ import annotations

import json

import pytest

from hsync_core.testing import HsyncEnv

HOOKS = ["hooks"]

SETTINGS_HOOKS = {
    "PreToolUse": [
        {
            "matcher": "Bash",
            "hooks": [
                {"type": "command", "command": "~/bin/guard.sh", "timeout": 2.5, "statusMessage": "Checking"},
                {"type": "prompt", "prompt": "Is this command safe?"},
            ],
        },
        {"matcher": "Read|Grep", "hooks": [{"type": "command", "command": "echo read"}]},
        {"matcher": "Edit|MultiEdit|Read", "hooks": [{"type": "command", "command": "echo edit"}]},
    ],
    "PostToolUse": [
        {
            "matcher": "Write",
            "hooks": [{"type": "command", "command": '"$CLAUDE_PROJECT_DIR"/fmt.sh', "async": True}],
        }
    ],
    "Stop": [{"matcher": "ignored", "hooks": [{"type": "http", "url": "http://localhost:9/stop"}]}],
    "UserPromptSubmit": [{"hooks": [{"type": "command", "command": "echo prompt", "once": True}]}],
    "Notification": [{"hooks": [{"type": "command", "command": "notify-send hi"}]}],
    "SessionStart": [{"matcher": "startup", "hooks": [{"type": "command", "command": "echo start"}]}],
}


def _write_settings(env: HsyncEnv, hooks: dict, path: str = ".claude/settings.json") -> None:
    env.write(path, json.dumps({"hooks": hooks}, indent=2))


def _written(codex) -> dict:
    return json.loads((codex.codex_home / "hooks.json").read_text(encoding="utf-8"))["hooks"]


def _reasons(result, kind: str = "hooks") -> list[str]:
    return [f"{e.action} {e.field}: {e.reason}" for e in result.targets["codex"].report if e.kind == kind]


def test_hooks_become_codex_hooks_json(codex, hsync_env: HsyncEnv) -> None:
    _write_settings(hsync_env, SETTINGS_HOOKS)
    result = codex.sync(kinds=HOOKS)
    assert result.exit_code == 0
    assert _written(codex) == {
        "SessionStart": [{"matcher": "startup", "hooks": [{"type": "command", "command": "echo start"}]}],
        "UserPromptSubmit": [{"hooks": [{"type": "command", "command": "echo prompt"}]}],
        "PreToolUse": [
            {
                "matcher": "Bash",
                "hooks": [
                    {
                        "type": "command",
                        "command": "~/bin/guard.sh",
                        "timeout": 3,
                        "statusMessage": "Checking",
                    }
                ],
            },
            {"matcher": "Edit", "hooks": [{"type": "command", "command": "echo edit"}]},
        ],
        "PostToolUse": [
            {
                "matcher": "Write",
                "hooks": [
                    {"type": "command", "command": '"$(git rev-parse --show-toplevel)"/fmt.sh', "async": True}
                ],
            }
        ],
    }
    reasons = _reasons(result)
    expected = [
        "skipped PreToolUse: PreToolUse: a 'prompt' hook not written: Codex runs only command hooks",
        "skipped PreToolUse: PreToolUse `echo read`: matcher 'Read|Grep': no Codex tool answers to Read, Grep",
        "warning PreToolUse: PreToolUse `echo edit`: matcher 'Edit|MultiEdit|Read' became 'Edit': "
        "no Codex tool answers to Read",
        'warning PostToolUse: PostToolUse `"$CLAUDE_PROJECT_DIR"/fmt.sh`: $CLAUDE_PROJECT_DIR became '
        "$(git rev-parse --show-toplevel): Codex does not set it",
        "skipped Stop: Stop: a 'http' hook not written: Codex runs only command hooks",
        "warning UserPromptSubmit: UserPromptSubmit `echo prompt`: `once` dropped: Codex hooks have no such field",
        "skipped Notification: Notification `notify-send hi`: not written: Codex has no such hook event",
    ]
    for line in expected:
        assert line in reasons, "\n".join(reasons)
    waiting = [r for r in reasons if "waiting for your approval in Codex" in r]
    assert len(waiting) == 5  # every written hook, none approved yet
    assert "warning PreToolUse[1]: PreToolUse `echo edit` (new): waiting for your approval" in "\n".join(
        waiting
    )


def test_hooks_are_opt_in(codex, hsync_env: HsyncEnv) -> None:
    _write_settings(hsync_env, SETTINGS_HOOKS)
    codex.sync(kinds=["rules", "mcp", "settings"])
    assert not (codex.codex_home / "hooks.json").exists()


def test_an_approved_hook_is_not_reported_and_a_changed_one_is(codex, hsync_env: HsyncEnv) -> None:
    _write_settings(hsync_env, {"Stop": [{"hooks": [{"type": "command", "command": "echo stop"}]}]})
    codex.sync(kinds=HOOKS)
    key = f"{codex.codex_home / 'hooks.json'}:stop:0:0"
    # the hash Codex 0.171 showed as currentHash for this hook in hooks/list
    approved = "sha256:236335e9e512004a0f5f42af65a07ea9059bd9a23dbb68286ed57fecf2b69ddf"
    hsync_env.write(".codex/config.toml", f'[hooks.state."{key}"]\ntrusted_hash = "{approved}"\n')
    assert not [r for r in _reasons(codex.sync(kinds=HOOKS)) if "approval" in r]
    _write_settings(hsync_env, {"Stop": [{"hooks": [{"type": "command", "command": "echo stopped"}]}]})
    [line] = [r for r in _reasons(codex.sync(kinds=HOOKS)) if "approval" in r]
    assert "(changed since you approved it): waiting for your approval in Codex" in line


def test_a_resync_keeps_every_hook_in_its_place(codex, hsync_env: HsyncEnv) -> None:
    """Codex keys an approval by position: an added, changed or removed hook moves no other one."""

    def group(command: str) -> dict:
        return {"matcher": "Bash", "hooks": [{"type": "command", "command": command}]}

    _write_settings(hsync_env, {"PreToolUse": [group("one"), group("two"), group("three")]})
    codex.sync(kinds=HOOKS)
    first = [g["hooks"][0]["command"] for g in _written(codex)["PreToolUse"]]
    assert first == ["one", "two", "three"]
    # an unrelated change (a new hook on another event) and an edit of the middle one
    _write_settings(
        hsync_env,
        {"PreToolUse": [group("zero"), group("one"), group("two, edited"), group("three")], "Stop": []},
    )
    codex.sync(kinds=HOOKS)
    assert [g["hooks"][0]["command"] for g in _written(codex)["PreToolUse"]] == [
        "one",
        "two, edited",
        "three",
        "zero",
    ]
    _write_settings(hsync_env, {"PreToolUse": [group("zero"), group("one"), group("three")]})
    codex.sync(kinds=HOOKS)
    assert [g["hooks"][0]["command"] for g in _written(codex)["PreToolUse"]] == ["one", "three", "zero"]


def test_inline_hooks_in_config_toml_stop_the_file(codex, hsync_env: HsyncEnv) -> None:
    _write_settings(hsync_env, {"Stop": [{"hooks": [{"type": "command", "command": "echo stop"}]}]})
    hsync_env.write(
        ".codex/config.toml", '[[hooks.Stop]]\n[[hooks.Stop.hooks]]\ntype = "command"\ncommand = "x"\n'
    )
    result = codex.sync(kinds=HOOKS)
    assert not (codex.codex_home / "hooks.json").exists()
    assert any(
        "has [hooks] of its own, and Codex warns when one level has both" in r for r in _reasons(result)
    )


def test_project_and_personal_hooks(codex, hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    _write_settings(
        hsync_env,
        {"Stop": [{"hooks": [{"type": "command", "command": "echo team"}]}]},
        str(project / ".claude/settings.json"),
    )
    _write_settings(
        hsync_env,
        {"Stop": [{"hooks": [{"type": "command", "command": "echo me"}]}]},
        str(project / ".claude/settings.local.json"),
    )
    result = codex.sync(project, kinds=HOOKS)
    document = json.loads((project / ".codex/hooks.json").read_text(encoding="utf-8"))["hooks"]
    assert [g["hooks"][0]["command"] for g in document["Stop"]] == ["echo team", "echo me"]
    assert any(
        "Codex reads .codex/hooks.json only in a trusted project" in e.reason
        for e in result.targets["codex"].report
    )


@pytest.mark.realcli
def test_real_codex_lists_the_hooks_as_written_and_waiting(codex, real_codex, hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    _write_settings(hsync_env, SETTINGS_HOOKS)
    _write_settings(
        hsync_env,
        {
            "SubagentStop": [
                {"matcher": "reviewer", "hooks": [{"type": "command", "command": "echo sub", "timeout": 9}]}
            ]
        },
        str(project / ".claude/settings.json"),
    )
    result = codex.sync(project, kinds=HOOKS)
    cli = real_codex(project)
    cli.trust_project()
    listed, warnings = cli.hooks()
    assert warnings == []  # nothing Codex skips or refuses
    by_command = {h["command"]: h for h in listed}
    assert set(by_command) == {
        "echo start", "echo prompt", "~/bin/guard.sh", "echo edit",
        '"$(git rev-parse --show-toplevel)"/fmt.sh', "echo sub",
    }  # fmt: skip
    assert {h["trustStatus"] for h in listed} == {"untrusted"}
    assert by_command["~/bin/guard.sh"]["timeoutSec"] == 3 and by_command["echo start"]["timeoutSec"] == 600
    assert by_command["echo sub"]["source"] == "project"
    assert by_command["echo edit"]["key"].endswith("hooks.json:pre_tool_use:1:0")
    # the person approves every hook in Codex; hsync's keys and hashes are Codex's: nothing waits
    copied_home, original_home = str(cli.home), str(hsync_env.home)
    copied_project = str(cli.project)
    state = "".join(
        f'[hooks.state."{h["key"].replace(copied_home, original_home).replace(copied_project, str(project))}"]\n'
        f'trusted_hash = "{h["currentHash"]}"\n'
        for h in listed
    )
    config = codex.codex_home / "config.toml"
    config.write_text(state, encoding="utf-8")
    waiting = [e for e in result.targets["codex"].report if "waiting for your approval" in e.reason]
    assert len(waiting) == 6
    again = codex.sync(project, kinds=HOOKS)
    assert not [e for e in again.targets["codex"].report if "waiting for your approval" in e.reason]
