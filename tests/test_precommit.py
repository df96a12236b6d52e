"""``.pre-commit-hooks.yaml``: the ``hsync-check`` hook, run by the real pre-commit through
``pre-commit try-repo`` in a temporary project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hsync_core.testing import write_sample_setup

ROOT = Path(__file__).resolve().parent.parent  # the hsync checkout
MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def test_the_hook_runs_the_users_own_hsync():
    (hook,) = yaml.safe_load(MANIFEST.read_text())
    assert hook == {
        **hook,
        "id": "hsync-check",
        "name": "hsync check",
        "entry": "hsync check --scope project",
        "language": "system",  # the hsync and adapters the user syncs with, not a bare hsync-core
        "pass_filenames": False,
        "always_run": True,
    }


def hook_repo(env) -> Path:
    """The repository ``try-repo`` reads the hook from: the hsync checkout when git tracks the
    manifest there, else a one-commit repository holding a copy of it (try-repo reads committed
    and tracked files only, so a manifest not yet committed would not be found)."""
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", MANIFEST.name],
        cwd=ROOT,
        capture_output=True,
        env=env.environ,
        check=False,
    )
    if tracked.returncode == 0:
        return ROOT
    repo = env.root / "hook-repo"
    repo.mkdir()
    shutil.copy(MANIFEST, repo / MANIFEST.name)
    for command in (["git", "init", "-q"], ["git", "add", MANIFEST.name], ["git", "commit", "-qm", "hooks"]):
        subprocess.run(command, cwd=repo, env=env.environ, check=True, capture_output=True)
    return repo


def try_repo(env, project: Path, repo: Path) -> subprocess.CompletedProcess:
    environ = {
        **env.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",  # `hsync`
        "PRE_COMMIT_HOME": str(env.root / "pre-commit-cache"),
        "PRE_COMMIT_COLOR": "never",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(repo), "hsync-check", "--all-files"],
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def project(env):
    project = env.project()
    write_sample_setup(env, project)
    subprocess.run(["git", "add", "-A"], cwd=project, env=env.environ, check=True)
    subprocess.run(["git", "commit", "-qm", "setup"], cwd=project, env=env.environ, check=True)
    return project


def test_precommit_fails_out_of_sync_and_passes_after_sync(env, project):
    repo = hook_repo(env)
    stale = try_repo(env, project, repo)
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "hsync check" in stale.stdout and "Failed" in stale.stdout
    assert "would create" in stale.stdout and "out of sync" in stale.stdout
    synced = env.run("sync", project=project)
    assert synced.returncode == 0, synced.stderr
    fresh = try_repo(env, project, repo)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert "hsync check" in fresh.stdout and "Passed" in fresh.stdout
    # a project file edited afterwards makes it fail again
    (project / "CLAUDE.md").write_text("# Acme\n\nA new rule.\n")
    assert try_repo(env, project, repo).returncode == 1
