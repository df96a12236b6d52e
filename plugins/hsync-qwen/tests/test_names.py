"""The core's naming policy in the qwen adapter, through the CLI: of two agents whose names differ
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
    done = hsync_env.run("sync", "--json", "-t", "qwen")
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)["targets"]["qwen"]
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


def skill(name: str) -> str:
    return f"---\nname: {name}\ndescription: Fill {name} forms\n---\n\nSteps.\n"


def test_a_project_skill_named_like_a_user_skill_is_skipped(hsync_env: HsyncEnv) -> None:
    """Qwen, like Gemini, keeps one list of user and project skills: one name, one skill."""
    project = hsync_env.project()
    hsync_env.write(".claude/skills/pdf/SKILL.md", skill("pdf"))
    hsync_env.write(project / ".claude/skills/pdf/SKILL.md", skill("pdf"))
    done = hsync_env.run("sync", "--json", "-t", "qwen", project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    items = json.loads(done.stdout)["targets"]["qwen"]["items"]
    [entry] = [i for i in items if "already takes the name 'pdf'" in (i["reason"] or "")]
    assert entry["scope"] == "project" and entry["action"] == "skipped"
    assert (hsync_env.home / ".qwen/skills/pdf").is_symlink()
    assert not (project / ".qwen/skills/pdf").exists()
