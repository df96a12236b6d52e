"""One name, one skill: skills that Gemini would load under one name (a user and a project skill,
two folders whose SKILL.md give one name) made it report "Skill conflict detected". hsync keeps
the first (Claude Code's precedence, user level first) and skips the other, naming both."""

from __future__ import annotations

import json
from pathlib import Path

from hsync_core.testing import HsyncEnv


def test_skills_of_one_name_are_written_once_with_both_sources_named(
    hsync_env: HsyncEnv, colliding_skills: Path
) -> None:
    project = colliding_skills
    done = hsync_env.run("sync", "--json", "-t", "gemini", project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    items = json.loads(done.stdout)["targets"]["gemini"]["items"]
    taken = sorted(i["reason"] for i in items if "already takes the name 'pdf'" in (i["reason"] or ""))
    assert len(taken) == 2, items
    assert all(
        r.startswith("the user skill pdf (.claude/skills/pdf) already takes the name 'pdf'") for r in taken
    )
    assert any("the user skill pdf-tools (.claude/skills/pdf-tools) is not written" in r for r in taken)
    assert any("the project skill pdf (.claude/skills/pdf) is not written" in r for r in taken)
    assert sorted(p.name for p in (hsync_env.home / ".gemini" / "skills").iterdir()) == ["pdf"]
    assert sorted(p.name for p in (project / ".gemini" / "skills").iterdir()) == ["notes"]
