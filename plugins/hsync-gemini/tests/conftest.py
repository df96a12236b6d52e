"""Fixtures for the gemini adapter's tests: the realistic ``team`` setup and the fixtures that sync it.

``fixtures/team`` holds the setup (``home/`` and ``project/``, with ``__PROJECT__`` where the
project's path goes), copied by ``hsync_core.testing.copy_setup``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import hsync_gemini
from hsync_core.testing import HsyncEnv, team_fixtures

FIXTURE = Path(__file__).parent / "fixtures" / "team"
#: files of the fixture project that the team has committed (the rest is personal or generated)
COMMITTED = ("CLAUDE.md", ".claude", ".mcp.json", ".gemini/settings.json", "docs", "src")

# runner (a TargetRunner with every kind), sync(project, ...), rendered(project, ...), team
runner, sync, rendered, team = team_fixtures("gemini", hsync_gemini, FIXTURE, committed=COMMITTED)


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
