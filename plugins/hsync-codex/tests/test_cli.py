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
    assert row["kinds"] == ["rules", "skills", "agents", "commands", "mcp", "settings", "plugins"]
