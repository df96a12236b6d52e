"""The pytest plugin (entry point ``pytest11``; nothing here is autouse).

- ``hsync_env``: a temporary ``HOME`` with ``HSYNC_HOME``, ``XDG_*`` and harness variables pointed
  inside it (and ``CODEX_HOME`` and friends removed), as an :class:`~.env.HsyncEnv`.
- ``make_project``: ``make_project(name="project", git=True)`` creates a project directory.
- ``hsync_plugins``: ``hsync_plugins(*plugins, entrypoints=False)`` builds an isolated plugin set.
- ``hsync_cli``: ``hsync_cli("sync", "--json", project=p)`` runs the real ``hsync`` in a
  subprocess with the temporary environment and returns the ``CompletedProcess``.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .env import HARNESS_VARIABLES, HsyncEnv


@pytest.fixture
def hsync_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HsyncEnv:
    env = HsyncEnv(tmp_path)
    for name in HARNESS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name in (
        "HOME",
        "HSYNC_HOME",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_CACHE_HOME",
        "XDG_STATE_HOME",
    ):
        monkeypatch.setenv(name, env.environ[name])
    return env


@pytest.fixture
def make_project(hsync_env: HsyncEnv) -> Callable[..., Path]:
    return hsync_env.project


@pytest.fixture
def hsync_plugins() -> Callable[..., Any]:
    from ..plugins import make_plugin_manager

    def build(*plugins: Any, entrypoints: bool = False, environ: dict[str, str] | None = None) -> Any:
        return make_plugin_manager(load_entrypoints=entrypoints, plugins=plugins, environ=environ or {})

    return build


@pytest.fixture
def hsync_cli(hsync_env: HsyncEnv) -> Callable[..., subprocess.CompletedProcess[str]]:
    return hsync_env.run
