"""Fixtures for the Kilo adapter's tests: the team setup and a runner for the kilo target.

``tests/fixtures/team`` holds a realistic Claude Code setup (``home/`` and ``project/``);
``__HOME__`` and ``__PROJECT__`` in it are replaced by the temporary paths when it is copied
(``hsync_core.testing.copy_setup``). Test modules cannot import this file (pytest's importlib
mode), so everything is reached through the ``runner`` fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import hsync_kilo
from hsync_core.testing import HsyncEnv, TargetRunner

FIXTURE = Path(__file__).parent / "fixtures" / "team"


class Runner(TargetRunner):
    """Runs the kilo target (plus any ``extra`` adapters) in the temporary home of ``env``."""

    @property
    def config_dir(self) -> Path:
        return self.env.home / ".config" / "kilo"


@pytest.fixture
def runner(hsync_env: HsyncEnv) -> Runner:
    return Runner(hsync_env, "kilo", hsync_kilo, fixture=FIXTURE)
