"""Golden files: what a sync of the team setup writes for Copilot, and what it reports.

Regenerate after a deliberate change with ``HSYNC_UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def _check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("HSYNC_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs (HSYNC_UPDATE_GOLDEN=1 rewrites it)"


def test_team_setup_files(copilot, team: Path, hsync_env, golden_files) -> None:
    result = copilot.sync(team)
    assert result.targets["copilot"].error is None
    files = golden_files(hsync_env, copilot.copilot_home, team)
    files = {k: v for k, v in files.items() if k != "copilot_home/config.json"}
    _check("team-files.json", json.dumps(files, indent=2, ensure_ascii=False) + "\n")


def test_team_setup_report(copilot, team: Path, hsync_env, placeholders) -> None:
    result = copilot.sync(team)
    lines = [
        f"[{e.action}] {e.kind}:{e.name}{' (' + e.field + ')' if e.field else ''}: {e.reason}"
        for e in result.targets["copilot"].report
    ]
    _check("team-report.txt", placeholders("\n".join(lines) + "\n", hsync_env))
