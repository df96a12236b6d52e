"""Golden files: the realistic ``team`` setup synced with every kind, through the engine and the CLI.

``HSYNC_UPDATE_GOLDEN=1 pytest plugins/hsync-gemini`` rewrites the files under ``golden/``.
"""

from __future__ import annotations

import json
from pathlib import Path

from hsync_core import KINDS
from hsync_core.testing import HsyncEnv, TeamGolden

GOLDEN = Path(__file__).parent / "golden"


class TestTeamGolden(TeamGolden):
    target = "gemini"
    golden = GOLDEN


def test_cli_sync_json(hsync_env: HsyncEnv, team: Path, runner) -> None:
    runner.configure(kinds=KINDS)
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
