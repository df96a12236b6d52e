"""The faults a first attack found, each proved fixed through the CLI: a failed write is a
failure, debounce marks per request, a kill before state is saved, backups that never collide,
created parents kept by a no-op sync, secrets owner-only."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time

import pytest

from hsync_core.operations import debounce
from hsync_core.testing import write_sample_setup

from campaigns.fsfaults import read_only


@pytest.fixture
def project(env):
    project = env.project()
    write_sample_setup(env, project)
    return project


def test_a_write_into_a_read_only_folder_fails_loudly_and_is_not_recorded(env, project):
    with read_only(env.home / ".fake" / "agents") as how:
        if how == "unsupported":
            pytest.skip("cannot make a folder refuse root's writes here")
        done = env.run("sync", project=project)
        assert done.returncode == 1
        failed = [line for line in done.stderr.splitlines() if "failed" in line]
        assert failed and all(".fake/agents/" in line for line in failed), done.stderr
        assert "code-reviewer.md" in done.stderr
        # the others were written all the same, and state does not claim the failed one
        assert "Run `npm test`" in (project / ".fake" / "FAKE.md").read_text()
        state = (env.hsync_home / "state.json").read_text()
        assert "code-reviewer" not in state
        assert env.run("check", project=project).returncode == 4  # not "in sync"
    assert env.run("sync", project=project).returncode == 0
    assert env.run("check", project=project).returncode == 0


def test_a_debounced_sync_of_one_project_never_covers_another(env, project):
    other = env.project("other")
    env.write(other / "CLAUDE.md", "# Other\n\nOther's rule.\n")
    assert env.run("sync", project=project).returncode == 0
    # a sync of `project` "started" after the trigger below was made
    future = f"{time.time() + 1:.6f}\n"
    (env.hsync_home / "debounce").mkdir(exist_ok=True)
    (env.hsync_home / "debounce" / debounce.request_key("project", project, ["fakeharness"])).write_text(
        future
    )
    (env.hsync_home / "last-sync").write_text(future)  # where older versions kept one mark for all
    done = env.run("sync", "--scope", "project", "--debounce", "0.01", "-q", project=other)
    assert done.returncode == 0, done.stderr
    assert "Other's rule." in (other / ".fake" / "FAKE.md").read_text()


def test_a_kill_before_state_is_saved_leaves_outputs_hsync_still_removes(env, project):
    killed = env.run("sync", project=project, env={"HSYNC_TEST_KILL_AT": "save:1"})
    assert killed.returncode == -9
    agent = project / ".fake" / "agents" / "sql-expert.md"
    assert agent.exists() and (env.hsync_home / "pending.json").exists()
    assert env.run("sync", project=project).returncode == 0
    assert not (env.hsync_home / "pending.json").exists()
    (project / ".claude" / "agents" / "sql-expert.md").unlink()
    assert env.run("sync", project=project).returncode == 0
    assert not agent.exists()  # owned, not "adopted": removed with its source


def test_stale_temp_files_of_a_killed_run_are_cleaned(env, project):
    killed = env.run("sync", project=project, env={"HSYNC_TEST_KILL_AT": "stage:3"})
    assert killed.returncode == -9
    temps = [p for p in env.root.rglob(".hsync-tmp-*")]
    assert temps
    assert env.run("sync", project=project).returncode == 0
    assert not list(env.root.rglob(".hsync-tmp-*"))


def test_temp_files_a_killed_run_left_in_hsync_home_are_cleaned(env, project):
    """A run killed while replacing state.json leaves its temp file in $HSYNC_HOME, where no
    journal names it (found by the long crash campaign): the next sync removes it."""
    assert env.run("sync", project=project).returncode == 0
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = env.hsync_home / f".hsync-tmp-{int(gone.stdout)}-abc123"
    stale.write_text('{"schema_version": 2, "half": ')
    mine = env.hsync_home / f".hsync-tmp-{os.getpid()}-live"  # a living writer's: left alone
    mine.write_text("in progress")
    assert env.run("sync", project=project).returncode == 0
    assert not stale.exists() and mine.exists()


def test_five_forced_overwrites_in_a_row_keep_five_backups(env, project):
    assert env.run("sync", project=project).returncode == 0
    agent = project / ".fake" / "agents" / "sql-expert.md"
    for n in range(5):
        agent.write_text(f"hand edit {n}\n")
        assert env.run("sync", "--force", project=project).returncode == 0
    backups = sorted((env.hsync_home / "backups").rglob("sql-expert.md"))
    assert sorted(p.read_text() for p in backups) == [f"hand edit {n}\n" for n in range(5)]
    assert stat.S_IMODE((env.hsync_home / "backups").stat().st_mode) == 0o700


def test_a_no_op_sync_keeps_the_parents_hsync_created(env, project):
    (project / ".mcp.json").write_text(json.dumps({"mcpServers": {"only": {"command": "npx"}}}))
    env.write(".claude.json", "{}\n")
    assert env.run("sync", project=project).returncode == 0
    json_target, toml_target = project / ".fake" / "settings.json", project / ".fake" / "config.toml"
    assert "only" in json_target.read_text() and "only" in toml_target.read_text()
    assert env.run("sync", project=project).returncode == 0  # nothing to do
    (project / ".mcp.json").write_text(json.dumps({"mcpServers": {}}))
    assert env.run("sync", project=project).returncode == 0
    assert not json_target.exists() or "mcpServers" not in json_target.read_text()
    assert not toml_target.exists() or "mcp_servers" not in toml_target.read_text()


def test_hsync_home_state_and_lock_are_owner_only(env, project):
    assert env.run("sync", project=project).returncode == 0
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (env.hsync_home, *env.hsync_home.iterdir())}
    assert modes[".hsync"] == 0o700
    assert modes["state.json"] == 0o600 and modes["sync.lock"] == 0o600
    assert os.stat(env.hsync_home / "audit.jsonl").st_mode & 0o077 == 0
