"""The core's naming policy in the copilot adapter, through the CLI: of two agents whose names differ
only in case (one file on macOS and Windows), the first keeps the name and the second is skipped
with the line naming both sources."""

from __future__ import annotations

import json

from hsync_core.testing import HsyncEnv


def agent(name: str) -> str:
    return f"---\nname: {name}\ndescription: Reviews {name} changes\n---\n\nReview the diff.\n"


def test_case_only_twins_are_one_name(hsync_env: HsyncEnv) -> None:
    hsync_env.write(".claude/agents/Reviewer.md", agent("Reviewer"))
    hsync_env.write(".claude/agents/team/reviewer.md", agent("reviewer"))
    done = hsync_env.run("sync", "--json", "-t", "copilot")
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)["targets"]["copilot"]
    taken = [i for i in result["items"] if "already takes the name" in (i["reason"] or "")]
    assert len(taken) == 1, result["items"]
    [entry] = taken
    assert entry["action"] == "skipped" and entry["kind"] == "agents"
    assert entry["reason"].endswith("is not written")
    assert (
        ".claude/agents/Reviewer.md" in entry["reason"]
        and ".claude/agents/team/reviewer.md" in entry["reason"]
    )
    written = [c for c in result["items"] if c["kind"] == "agents" and c["action"] == "create"]
    assert len(written) == 1, result["items"]
