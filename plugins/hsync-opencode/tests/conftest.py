"""Fixtures for the OpenCode adapter's tests: the team setup and a runner for the opencode target.

``tests/fixtures/team`` holds a realistic Claude Code setup (``home/`` and ``project/``);
``__HOME__`` and ``__PROJECT__`` in it are replaced by the temporary paths when it is copied
(``hsync_core.testing.copy_setup``). Test modules cannot import this file (pytest's importlib
mode), so everything is reached through the ``runner`` fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import hsync_opencode
from hsync_core.testing import HsyncEnv, TargetRunner

FIXTURE = Path(__file__).parent / "fixtures" / "team"


class Runner(TargetRunner):
    """Runs the opencode target (plus any ``extra`` adapters) in the temporary home of ``env``."""

    @property
    def config_dir(self) -> Path:
        return self.env.home / ".config" / "opencode"


@pytest.fixture
def runner(hsync_env: HsyncEnv) -> Runner:
    return Runner(hsync_env, "opencode", hsync_opencode, fixture=FIXTURE)
