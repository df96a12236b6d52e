"""The contract every adapter honours (``hsync_core.testing.AdapterContract``), for Codex."""

from __future__ import annotations

from pathlib import Path

import pytest

import hsync_codex
from hsync_core.testing import AdapterContract, HsyncEnv

USER_CONFIG = """\
# My Codex settings — keep these comments!
model = "gpt-5-codex"
approval_policy = "on-request"

[mcp_servers.my-notes]
# a server I added by hand
command = "notes-mcp"
args = ["--dir", "~/notes"]

[profiles.fast]
model = "gpt-5-codex-mini"   # the quick one
"""


class TestContract(AdapterContract):
    target = "codex"
    distribution = "hsync-codex"
    plugin = hsync_codex

    def user_files(self, env: HsyncEnv, project: Path) -> dict[Path, str]:
        return {env.home / ".codex" / "config.toml": USER_CONFIG}


class TestContractOnTheTeamSetup(TestContract):
    """The same contract on the realistic setup (its own ``~/.codex/config.toml`` included)."""

    @pytest.fixture
    def contract_project(self, hsync_env: HsyncEnv, team: Path) -> Path:
        return team

    def user_files(self, env: HsyncEnv, project: Path) -> dict[Path, str]:
        config = env.home / ".codex" / "config.toml"
        return {config: config.read_text(encoding="utf-8")}
