"""Settings (opt-in) → approval_policy / sandbox_mode; hooks are reported as not supported."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from hsync_core import DEFAULT_KINDS
from hsync_core.testing import HsyncEnv


def _settings(env: HsyncEnv, path: Path, mode: str | None, **more: object) -> None:
    permissions: dict[str, object] = {"defaultMode": mode} if mode else {}
    env.write(path, json.dumps({"permissions": permissions, **more}))


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("bypassPermissions", {"approval_policy": "never", "sandbox_mode": "danger-full-access"}),
        ("acceptEdits", {"approval_policy": "on-request", "sandbox_mode": "workspace-write"}),
        ("plan", {"sandbox_mode": "read-only"}),
        ("default", {}),
    ],
)
def test_default_mode_becomes_a_posture_at_the_top_level(
    codex, hsync_env: HsyncEnv, mode: str, expected: dict
) -> None:
    project = hsync_env.project()
    _settings(hsync_env, project / ".claude/settings.json", mode)
    codex.sync(project)
    config = project / ".codex" / "config.toml"
    assert (tomllib.loads(config.read_text()) if config.exists() else {}) == expected


def test_nothing_is_written_unless_settings_are_opted_in(codex, team: Path) -> None:
    codex.sync(team, kinds=list(DEFAULT_KINDS))
    config = tomllib.loads((team / ".codex" / "config.toml").read_text())
    assert "approval_policy" not in config and "sandbox_mode" not in config


def test_the_team_setup_posture_and_what_is_not_written(codex, team: Path) -> None:
    result = codex.sync(team)
    config = tomllib.loads((team / ".codex" / "config.toml").read_text())
    assert config["approval_policy"] == "on-request" and config["sandbox_mode"] == "workspace-write"
    report = {
        (e.scope, e.field, e.reason): e
        for e in result.targets["codex"].report
        if e.kind == "settings" and e.field
    }
    shell_only = "not written: Codex rules cover shell commands only (no file paths or web fetches)"
    assert set(report) == {
        ("user", "permissions.allow", f"Read {shell_only}"),
        ("user", "permissions.deny", f"Read(./.env) {shell_only}"),
        ("user", "env", "env (DISABLE_TELEMETRY) not written: set these variables where Codex runs"),
        ("project", "permissions.allow", f"Edit(src/**) {shell_only}"),
        ("project", "permissions.deny", f"WebFetch {shell_only}"),
    }  # the Bash rules became Codex rules (test_exec_rules.py)
    assert all(e.action == "skipped" for e in report.values())


def test_the_local_layer_wins_unless_git_tracks_the_config(codex, hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    _settings(hsync_env, project / ".claude/settings.json", "plan")
    _settings(hsync_env, project / ".claude/settings.local.json", "bypassPermissions")
    rendered = codex.render(project)
    values = {o.key: o.value for o in rendered.outputs if o.kind == "settings"}
    assert values == {("approval_policy",): "never", ("sandbox_mode",): "danger-full-access"}
    [overridden] = codex.reports(rendered, "settings", ".claude/settings.json")
    assert overridden.action == "info"
    assert overridden.reason == "defaultMode 'plan' not written: .claude/settings.local.json takes precedence"


def test_a_posture_the_person_set_is_not_overwritten(codex, hsync_env: HsyncEnv, team: Path) -> None:
    _settings(hsync_env, ".claude/settings.json", "bypassPermissions")
    config = codex.codex_home / "config.toml"
    before = config.read_text()
    result = codex.sync(team)
    changes = {
        c.item: c.action
        for c in result.targets["codex"].changes
        if c.kind == "settings" and c.level == "user"
    }
    assert changes == {"approval_policy": "conflict", "sandbox_mode": "create"}
    assert 'approval_policy = "on-request"' in config.read_text()
    assert config.read_text().startswith(before.split("\n[")[0])  # the person's top keys are untouched


def test_unknown_modes_are_reported(codex, hsync_env: HsyncEnv) -> None:
    _settings(hsync_env, ".claude/settings.json", "dontAsk")
    rendered = codex.render()
    assert not rendered.outputs
    [entry] = codex.reports(rendered, "settings", "~/.claude/settings.json")
    assert entry.reason == "defaultMode 'dontAsk' not written: Codex has no equivalent posture"
