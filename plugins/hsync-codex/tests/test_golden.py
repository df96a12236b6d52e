"""Golden files: what a sync of the realistic setup leaves for Codex, byte for byte.

Expected outputs live in ``golden/`` (``<path>.golden``; links as ``-> target``; the temporary
directory as ``$TMP``), with the report in ``golden/report.txt``. Regenerate them after an
intended change with ``HSYNC_UPDATE_GOLDEN=1 pytest plugins/hsync-codex`` and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from hsync_core.testing import HsyncEnv

GOLDEN = Path(__file__).parent / "golden"
SUFFIX = ".golden"


def _report_lines(result, env: HsyncEnv, placeholders) -> str:
    lines = [
        f"{e.action} {e.kind} {e.name}{f' [{e.field}]' if e.field else ''}: {e.reason}"
        for e in result.targets["codex"].report
    ]
    return placeholders("\n".join(sorted(lines)) + "\n", env)


def _stored() -> dict[str, str]:
    return {
        path.relative_to(GOLDEN).as_posix()[: -len(SUFFIX)]: path.read_text(encoding="utf-8")
        for path in sorted(GOLDEN.rglob(f"*{SUFFIX}"))
    }


def test_the_team_setup_matches_the_golden_files(
    codex, hsync_env: HsyncEnv, team: Path, golden_files, placeholders
) -> None:
    result = codex.sync(team)
    assert result.targets["codex"].error is None
    files = golden_files(hsync_env, codex.codex_home, team)
    report = _report_lines(result, hsync_env, placeholders)
    if os.environ.get("HSYNC_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, text in files.items():
            path = GOLDEN / f"{name}{SUFFIX}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (GOLDEN / "report.txt").write_text(report, encoding="utf-8")
    assert files == _stored()
    assert report == (GOLDEN / "report.txt").read_text(encoding="utf-8")
