"""Fixtures for the qwen adapter's tests: the realistic ``team`` setup and the fixtures that sync it.

``fixtures/team`` holds the setup (``home/`` and ``project/``, with ``__PROJECT__`` where the
project's path goes), copied by ``hsync_core.testing.copy_setup``.
"""

from __future__ import annotations

from pathlib import Path

import hsync_qwen
from hsync_core.testing import team_fixtures

FIXTURE = Path(__file__).parent / "fixtures" / "team"
#: files of the fixture project that the team has committed (the rest is personal or generated)
COMMITTED = ("CLAUDE.md", ".claude", ".mcp.json", ".qwen/settings.json", "docs", "src")

# runner (a TargetRunner with every kind), sync(project, ...), rendered(project, ...), team
runner, sync, rendered, team = team_fixtures("qwen", hsync_qwen, FIXTURE, committed=COMMITTED)
