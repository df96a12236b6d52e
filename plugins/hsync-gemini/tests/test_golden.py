"""Golden files: the realistic ``team`` setup synced with every kind, through the engine and the CLI.

``HSYNC_UPDATE_GOLDEN=1 pytest plugins/hsync-gemini`` rewrites the files under ``golden/``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from hsync_core.testing import HsyncEnv, RunResult, check_golden, report_lines, written_files

GOLDEN = Path(__file__).parent / "golden"
PLACEHOLDER = "<TMP>"


def gemini_report(env: HsyncEnv, result: RunResult) -> str:
    return report_lines(result.targets["gemini"].report).replace(str(env.root), PLACEHOLDER)


def test_team_setup_golden(hsync_env: HsyncEnv, team: Path, sync: Callable[..., RunResult]) -> None:
    before = hsync_env.snapshot()
    result = sync(team)
    target = result.targets["gemini"]
    assert target.error is None
    assert target.counts["conflicts"] == 0 and target.counts["failed"] == 0
    check_golden(GOLDEN / "team-files.txt", written_files(hsync_env, before))
    check_golden(GOLDEN / "team-report.txt", gemini_report(hsync_env, result))


def test_second_sync_of_the_team_setup_writes_nothing(
    hsync_env: HsyncEnv, team: Path, sync: Callable[..., RunResult]
) -> None:
    sync(team)
    before = hsync_env.snapshot()
    again = sync(team).targets["gemini"]
    assert {c.action for c in again.changes} == {"unchanged"}
    after = hsync_env.snapshot()
    changed = [p for p in set(before) | set(after) if before.get(p) != after.get(p)]
    assert [p for p in changed if not p.startswith(str(hsync_env.hsync_home))] == []


def test_cli_sync_json(hsync_env: HsyncEnv, team: Path) -> None:
    hsync_env.write(
        hsync_env.hsync_home / "config.toml",
        'targets = ["gemini"]\nkinds = ["rules", "skills", "agents", "commands", "mcp", "settings", "hooks"]\n',
    )
    done = hsync_env.run("sync", "--json", project=team)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    gemini = document["targets"]["gemini"]
    assert gemini["status"] == "success"  # untranslatable rules are skips, not a partial sync
    created = {(i["kind"], i["name"]) for i in gemini["items"] if i["action"] == "create"}
    assert ("commands", "git:commit") in created
    assert ("mcp", "issue-tracker") in created or ("mcp", "issue_tracker") in created
    assert (team / ".gemini" / "commands" / "db" / "migrate.toml").is_file()
    check = hsync_env.run("check", project=team)
    assert check.returncode == 0, check.stdout + check.stderr
