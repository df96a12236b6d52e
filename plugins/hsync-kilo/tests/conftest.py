"""Fixtures for the Kilo adapter's tests: the team setup and a runner for the kilo target.

``tests/fixtures/team`` holds a realistic Claude Code setup (``home/`` and ``project/``);
``__HOME__`` and ``__PROJECT__`` in it are replaced by the temporary paths when it is copied.
Test modules cannot import this file (pytest's importlib mode), so everything is reached
through the ``runner`` fixture.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import hsync_kilo
from hsync_core import DEFAULT_KINDS, Config, Output, ReportEntry, make_plugin_manager
from hsync_core.testing import Engine, HsyncEnv, RunResult, TargetResult

FIXTURE = Path(__file__).parent / "fixtures" / "team"


class Runner:
    """Runs the kilo target (plus any ``extra`` adapters) in the temporary home of ``env``."""

    def __init__(self, env: HsyncEnv):
        self.env = env
        self.extra: list[Any] = []

    # -- where things are ------------------------------------------------------------------------
    @property
    def home(self) -> Path:
        return self.env.home

    @property
    def config_dir(self) -> Path:
        return self.env.home / ".config" / "kilo"

    # -- setups ----------------------------------------------------------------------------------
    def team(self, name: str = "project") -> Path:
        """Copy the team setup into the home and a new git project; return the project."""
        project = self.env.project(name)
        shutil.copytree(FIXTURE / "project", project, dirs_exist_ok=True, symlinks=True)
        shutil.copytree(FIXTURE / "home", self.env.home, dirs_exist_ok=True, symlinks=True)
        for path in (self.home / ".claude.json", self.home / ".claude/plugins/installed_plugins.json"):
            text = path.read_text(encoding="utf-8")
            text = text.replace("__PROJECT__", str(project)).replace("__HOME__", str(self.home))
            path.write_text(text, encoding="utf-8")
        return project

    def write(self, path: str | Path, text: str) -> Path:
        return self.env.write(path, text)

    def commit(self, project: Path) -> None:
        for args in (["add", "-A"], ["commit", "-qm", "init"]):
            subprocess.run(["git", "-C", str(project), *args], check=True, env=self.env.environ)

    # -- runs ------------------------------------------------------------------------------------
    def engine(
        self, project: Path | None, *, kinds: tuple[str, ...] = DEFAULT_KINDS, **options: Any
    ) -> Engine:
        targets = ["kilo", *(plugin.NAME for plugin in self.extra)]
        plugins = make_plugin_manager(load_entrypoints=False, plugins=[hsync_kilo, *self.extra], environ={})
        config = Config(targets=targets, kinds=list(kinds))
        return Engine(plugins, self.env.context(project, config=config, **options), targets=targets)

    def run(self, project: Path | None, **kw: Any) -> RunResult:
        return self.engine(project, **kw).run()

    def plan(self, project: Path | None, **kw: Any) -> TargetResult:
        """The kilo target's plan, from a dry run (nothing is written)."""
        return self.engine(project, dry_run=True, **kw).run().targets["kilo"]

    def outputs(self, project: Path | None, **kw: Any) -> dict[str, Output]:
        """What the adapter renders, by output id."""
        return {c.id: c.output for c in self.plan(project, **kw).changes if c.output is not None}

    def report(self, project: Path | None, **kw: Any) -> list[ReportEntry]:
        return list(self.plan(project, **kw).report)


@pytest.fixture
def runner(hsync_env: HsyncEnv) -> Runner:
    return Runner(hsync_env)
