"""Qwen's one list of user and project skills, through the CLI (the case-only twins of the
naming policy are in the adapter contract)."""

from __future__ import annotations

import json

from hsync_core.testing import HsyncEnv


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
