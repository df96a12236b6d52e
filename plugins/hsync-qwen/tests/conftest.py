"""Fixtures for the qwen adapter's tests: the realistic ``team`` setup and sync helpers."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import hsync_qwen
from hsync_core import KINDS, Config, Rendered, Sources, make_plugin_manager
from hsync_core.testing import Engine, HsyncEnv, RunResult

FIXTURE = Path(__file__).parent / "fixtures" / "team"
#: files of the fixture project that the team has committed (the rest is personal or generated)
COMMITTED = ("CLAUDE.md", ".claude", ".mcp.json", ".qwen/settings.json", "docs", "src")


def engine(env: HsyncEnv, project: Path | None, *, kinds: tuple[str, ...] = KINDS, **options: Any) -> Engine:
    plugins = make_plugin_manager(load_entrypoints=False, plugins=[hsync_qwen], environ={})
    config = Config(targets=["qwen"], kinds=list(kinds))
    return Engine(plugins, env.context(project, config=config, **options), targets=["qwen"])


def render(env: HsyncEnv, project: Path | None, *, kinds: tuple[str, ...] = KINDS) -> Rendered:
    run = engine(env, project, kinds=kinds)
    sources = run.read()
    sources = Sources(items=[i for i in sources.items if i.kind in kinds], problems=sources.problems)
    return hsync_qwen.render_target(target="qwen", sources=sources, ctx=run.ctx)


@pytest.fixture(autouse=True)
def _no_qwen_home(hsync_env: HsyncEnv) -> None:
    """``QWEN_HOME`` replaces ``~/.qwen``: never let the caller's leak into a test."""
    hsync_env.environ.pop("QWEN_HOME", None)


@pytest.fixture
def sync(hsync_env: HsyncEnv) -> Callable[..., RunResult]:
    """``sync(project, kinds=..., **context options)``: one engine run for the qwen target."""

    def run(project: Path | None, *, kinds: tuple[str, ...] = KINDS, **options: Any) -> RunResult:
        return engine(hsync_env, project, kinds=kinds, **options).run()

    return run


@pytest.fixture
def rendered(hsync_env: HsyncEnv) -> Callable[..., Rendered]:
    """``rendered(project, kinds=...)``: what the adapter renders, without writing anything."""

    def run(project: Path | None, *, kinds: tuple[str, ...] = KINDS) -> Rendered:
        return render(hsync_env, project, kinds=kinds)

    return run


@pytest.fixture
def team(hsync_env: HsyncEnv) -> Path:
    """The realistic setup of ``fixtures/team`` in the temporary home; returns the project."""
    shutil.copytree(FIXTURE / "home", hsync_env.home, dirs_exist_ok=True)
    project = hsync_env.root / "acme"
    shutil.copytree(FIXTURE / "project", project)
    claude_json = hsync_env.home / ".claude.json"
    claude_json.write_text(claude_json.read_text().replace("@PROJECT@", str(project)), encoding="utf-8")
    git = ["git", "-C", str(project)]
    subprocess.run([*git, "init", "-q"], check=True, env=hsync_env.environ)
    subprocess.run([*git, "add", *COMMITTED], check=True, env=hsync_env.environ)
    subprocess.run([*git, "commit", "-q", "-m", "team setup"], check=True, env=hsync_env.environ)
    return project
