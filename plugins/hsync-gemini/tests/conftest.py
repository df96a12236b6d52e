"""Fixtures for the gemini adapter's tests: the realistic ``team`` setup and sync helpers."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import hsync_gemini
from hsync_core import KINDS, Config, Rendered, Sources, make_plugin_manager
from hsync_core.testing import Engine, HsyncEnv, RunResult

FIXTURE = Path(__file__).parent / "fixtures" / "team"
#: files of the fixture project that the team has committed (the rest is personal or generated)
COMMITTED = ("CLAUDE.md", ".claude", ".mcp.json", ".gemini/settings.json", "docs", "src")


def engine(env: HsyncEnv, project: Path | None, *, kinds: tuple[str, ...] = KINDS, **options: Any) -> Engine:
    plugins = make_plugin_manager(load_entrypoints=False, plugins=[hsync_gemini], environ={})
    config = Config(targets=["gemini"], kinds=list(kinds))
    return Engine(plugins, env.context(project, config=config, **options), targets=["gemini"])


def render(env: HsyncEnv, project: Path | None, *, kinds: tuple[str, ...] = KINDS) -> Rendered:
    run = engine(env, project, kinds=kinds)
    sources = run.read()
    sources = Sources(items=[i for i in sources.items if i.kind in kinds], problems=sources.problems)
    return hsync_gemini.render_target(target="gemini", sources=sources, ctx=run.ctx)


@pytest.fixture
def sync(hsync_env: HsyncEnv) -> Callable[..., RunResult]:
    """``sync(project, kinds=..., **context options)``: one engine run for the gemini target."""

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


def _skill(env: HsyncEnv, folder: Path, name: str, description: str) -> None:
    env.write(folder / "SKILL.md", f"---\nname: {name}\ndescription: {description}\n---\n\n{description}.\n")


@pytest.fixture
def colliding_skills(hsync_env: HsyncEnv) -> Path:
    """Skills Gemini would load under one name: two user folders named ``pdf`` in SKILL.md and a
    project ``pdf``; returns the project."""
    project = hsync_env.project()
    claude = hsync_env.home / ".claude" / "skills"
    _skill(hsync_env, claude / "pdf", "pdf", "Fill PDF forms")
    _skill(hsync_env, claude / "pdf-tools", "pdf", "Other PDF helpers")
    _skill(hsync_env, project / ".claude" / "skills" / "pdf", "pdf", "The team's PDF skill")
    _skill(hsync_env, project / ".claude" / "skills" / "notes", "notes", "Write release notes")
    return project
