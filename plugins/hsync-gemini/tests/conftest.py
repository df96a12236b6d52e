"""Fixtures for the gemini adapter's tests: the realistic ``team`` setup and sync helpers.

``fixtures/team`` holds the setup (``home/`` and ``project/``, with ``__PROJECT__`` where the
project's path goes), copied by ``hsync_core.testing.copy_setup``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import hsync_gemini
from hsync_core import KINDS, Rendered
from hsync_core.testing import HsyncEnv, RunResult, TargetRunner, commit, copy_setup

FIXTURE = Path(__file__).parent / "fixtures" / "team"
#: files of the fixture project that the team has committed (the rest is personal or generated)
COMMITTED = ("CLAUDE.md", ".claude", ".mcp.json", ".gemini/settings.json", "docs", "src")


@pytest.fixture
def runner(hsync_env: HsyncEnv) -> TargetRunner:
    """The gemini target alone, with every kind, in the temporary home."""
    return TargetRunner(hsync_env, "gemini", hsync_gemini, fixture=FIXTURE, kinds=KINDS)


@pytest.fixture
def sync(runner: TargetRunner) -> Callable[..., RunResult]:
    """``sync(project, kinds=..., **context options)``: one engine run for the gemini target."""
    return runner.run


@pytest.fixture
def rendered(runner: TargetRunner) -> Callable[..., Rendered]:
    """``rendered(project, kinds=...)``: what the adapter renders, without writing anything."""
    return runner.render


@pytest.fixture
def team(hsync_env: HsyncEnv) -> Path:
    """The realistic setup of ``fixtures/team`` in the temporary home; returns the project."""
    project = copy_setup(FIXTURE, hsync_env, hsync_env.root / "acme", symlinks=False)
    commit(hsync_env, project, COMMITTED)
    return project
