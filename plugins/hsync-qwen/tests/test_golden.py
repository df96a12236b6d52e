"""Golden files: the realistic ``team`` setup synced with every kind, through the engine and the CLI.

``HSYNC_UPDATE_GOLDEN=1 pytest plugins/hsync-qwen`` rewrites the files under ``golden/``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from hsync_core.testing import HsyncEnv, RunResult

GOLDEN = Path(__file__).parent / "golden"
PLACEHOLDER = "<TMP>"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("HSYNC_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with HSYNC_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


def written_files(env: HsyncEnv, before: dict[str, bytes | str]) -> str:
    """Every file and link the sync created or changed, with the temporary path normalised."""
    after = env.snapshot()
    sections = []
    for path in sorted(p for p in after if after[p] != before.get(p)):
        if path.startswith(str(env.hsync_home)):
            continue
        name = path.replace(str(env.root), PLACEHOLDER)
        data = after[path]
        if isinstance(data, str):
            sections.append(f"=== {name} {data.replace(str(env.root), PLACEHOLDER)}\n")
        else:
            sections.append(f"=== {name}\n{data.decode('utf-8').replace(str(env.root), PLACEHOLDER)}")
    return "\n".join(sections)


def report_lines(env: HsyncEnv, result: RunResult) -> str:
    lines = []
    for entry in result.targets["qwen"].report:
        field = f" [{entry.field}]" if entry.field else ""
        lines.append(f"{entry.action} {entry.kind} {entry.name}{field}: {entry.reason}")
    return "\n".join(lines).replace(str(env.root), PLACEHOLDER) + "\n"


def test_team_setup_golden(hsync_env: HsyncEnv, team: Path, sync: Callable[..., RunResult]) -> None:
    before = hsync_env.snapshot()
    result = sync(team)
    target = result.targets["qwen"]
    assert target.error is None
    assert target.counts["conflicts"] == 0 and target.counts["failed"] == 0
    check_golden("team-files.txt", written_files(hsync_env, before))
    check_golden("team-report.txt", report_lines(hsync_env, result))


def test_second_sync_of_the_team_setup_writes_nothing(
    hsync_env: HsyncEnv, team: Path, sync: Callable[..., RunResult]
) -> None:
    sync(team)
    before = hsync_env.snapshot()
    again = sync(team).targets["qwen"]
    assert {c.action for c in again.changes} == {"unchanged"}
    after = hsync_env.snapshot()
    changed = [p for p in set(before) | set(after) if before.get(p) != after.get(p)]
    assert [p for p in changed if not p.startswith(str(hsync_env.hsync_home))] == []


def test_cli_sync_json(hsync_env: HsyncEnv, team: Path) -> None:
    hsync_env.write(
        hsync_env.hsync_home / "config.toml",
        'targets = ["qwen"]\nkinds = ["rules", "skills", "agents", "commands", "mcp", "settings", "hooks"]\n',
    )
    done = hsync_env.run("sync", "--json", project=team)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    qwen = document["targets"]["qwen"]
    assert qwen["status"] == "partial"  # some rules are reported as untranslatable
    created = {(i["kind"], i["name"]) for i in qwen["items"] if i["action"] == "create"}
    assert ("commands", "git:commit") in created
    assert ("mcp", "postgres-local") not in created  # local server: .qwen/settings.json is tracked
    assert (team / ".qwen" / "commands" / "db" / "migrate.md").is_file()
    check = hsync_env.run("check", project=team)
    assert check.returncode == 0, check.stdout + check.stderr
