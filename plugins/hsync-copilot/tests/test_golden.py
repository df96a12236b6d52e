"""Golden files: what a sync of the team setup writes for Copilot, and what it reports.

Regenerate after a deliberate change with ``HSYNC_UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

from hsync_core import ReportEntry
from hsync_core.testing import check_golden, report_lines

GOLDEN = Path(__file__).parent / "golden"


def _check(name: str, actual: str) -> None:
    check_golden(GOLDEN / name, actual)


def _line(e: ReportEntry) -> str:
    return f"[{e.action}] {e.kind}:{e.name}{' (' + e.field + ')' if e.field else ''}: {e.reason}"


def test_team_setup_files(copilot, team: Path, hsync_env, golden_files) -> None:
    result = copilot.sync(team)
    assert result.targets["copilot"].error is None
    files = golden_files(hsync_env, copilot.copilot_home, team)
    files = {k: v for k, v in files.items() if k != "copilot_home/config.json"}
    _check("team-files.json", json.dumps(files, indent=2, ensure_ascii=False) + "\n")


def test_team_setup_report(copilot, team: Path, hsync_env, placeholders) -> None:
    result = copilot.sync(team)
    report = report_lines(result.targets["copilot"].report, line=_line)
    _check("team-report.txt", placeholders(report, hsync_env))
