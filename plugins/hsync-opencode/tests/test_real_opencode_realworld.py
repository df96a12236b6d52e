"""The real OpenCode reads what hsync writes for the real-world setup (the testing kit's
``write_realworld_setup``), user and project level: ``debug config --pure`` and ``debug skill``
succeed, print no error or warning, and hold every agent, command and server hsync wrote."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from hsync_core.testing import (
    HsyncEnv,
    client_environ,
    copy_for_client,
    npm_cli,
    run_client,
    write_realworld_setup,
)

pytestmark = pytest.mark.realcli

OPENCODE = ("opencode-ai", "1.18.33", "opencode")


def opencode(env: HsyncEnv, home: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (home / "tmp").mkdir(exist_ok=True)
    environ = client_environ(
        env,
        home,
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local/state"),
        TMPDIR=str(home / "tmp"),
        OPENCODE_DISABLE_MODELS_FETCH="1",
        OPENCODE_DISABLE_AUTOUPDATE="1",
        OPENCODE_DISABLE_LSP_DOWNLOAD="1",
        OPENCODE_DISABLE_SHARE="1",
    )
    return run_client([str(npm_cli(*OPENCODE)), *args], cwd=cwd, env=environ)


def test_opencode_reads_the_realworld_setup_without_errors_or_warnings(hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    write_realworld_setup(hsync_env, project)
    done = hsync_env.run("sync", "--json", "-t", "opencode", project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    home, copy = copy_for_client(hsync_env, project)
    config_run = opencode(hsync_env, home, copy, "debug", "config", "--pure")
    assert config_run.returncode == 0, config_run.stderr[-3000:]
    for stream in (config_run.stderr, config_run.stdout[:2000]):
        assert "error" not in stream.lower() and "warn" not in stream.lower(), stream[-3000:]
    config = json.loads(config_run.stdout)
    agents = set(config["agent"])
    assert {"engineering-000", "testing-059", "planner", "deployer"} <= agents, sorted(agents)[:20]
    assert {"pricing", "git/commit"} <= set(config["command"])
    assert {"acme-search-server", "github", "db tools"} & set(config["mcp"]), sorted(config["mcp"])
    skill_run = opencode(hsync_env, home, copy, "debug", "skill", "--pure")
    assert skill_run.returncode == 0, skill_run.stderr[-3000:]
    skills = {s["name"] for s in json.loads(skill_run.stdout)}
    assert {"release-notes", "pdf"} <= skills, sorted(skills)
    # OpenCode reads ~/.claude/skills itself and, unlike Claude Code, also takes the SKILL.md
    # template nested in release-notes/references/ for a skill: nothing hsync wrote
    assert "template" in skills
