"""Golden files: what a sync of the realistic setup leaves for Codex, byte for byte.

Expected outputs live in ``golden/`` (``<path>.golden``; links as ``-> target``; the temporary
directory as ``$TMP``), with the report in ``golden/report.txt``. Regenerate them after an
intended change with ``HSYNC_UPDATE_GOLDEN=1 pytest plugins/hsync-codex`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

from hsync_core.testing import HsyncEnv, check_golden, check_golden_tree, report_lines

GOLDEN = Path(__file__).parent / "golden"
SUFFIX = ".golden"


def test_the_team_setup_matches_the_golden_files(
    codex, hsync_env: HsyncEnv, team: Path, golden_files, placeholders
) -> None:
    result = codex.sync(team)
    assert result.targets["codex"].error is None
    files = golden_files(hsync_env, codex.codex_home, team)
    report = placeholders(report_lines(result.targets["codex"].report, sort=True), hsync_env)
    check_golden_tree(GOLDEN, files, suffix=SUFFIX)
    check_golden(GOLDEN / "report.txt", report)
