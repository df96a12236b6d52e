"""Skills → links in ``.gemini/skills/``; skills Gemini would not load are reported."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from hsync_core import LinkOutput, Rendered
from hsync_core.testing import HsyncEnv, RunResult


def test_skills_are_linked_per_level(
    hsync_env: HsyncEnv, make_project: Callable[..., Path], sync: Callable[..., RunResult]
) -> None:
    project = make_project()
    hsync_env.write(".claude/skills/pdf/SKILL.md", "---\nname: pdf\ndescription: PDFs.\n---\nBody\n")
    hsync_env.write(".claude/skills/pdf/scripts/run.py", "print()\n")
    hsync_env.write(project / ".claude/skills/notes/SKILL.md", "---\nname: notes\ndescription: Notes.\n---\n")
    sync(project)
    user_link = hsync_env.home / ".gemini/skills/pdf"
    assert os.readlink(user_link) == str(hsync_env.home / ".claude/skills/pdf")
    assert (user_link / "scripts/run.py").is_file()
    link = project / ".gemini/skills/notes"
    assert os.readlink(link) == "../../.claude/skills/notes"  # relative inside the project
    assert link.resolve() == (project / ".claude/skills/notes").resolve()


def test_skills_gemini_would_reject_are_skipped_with_the_reason(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    hsync_env.write(".claude/skills/no-name/SKILL.md", "---\ndescription: Has no name.\n---\nBody\n")
    hsync_env.write(".claude/skills/no-front/SKILL.md", "Just text, Claude uses the folder name.\n")
    hsync_env.write(".claude/skills/empty-name/SKILL.md", "---\nname:\ndescription: x\n---\n")
    hsync_env.write(
        ".claude/skills/colon/SKILL.md", "---\nname: colon\ndescription: Use when: PDFs are mentioned\n---\n"
    )
    result = rendered(None)
    linked = {o.item for o in result.outputs if isinstance(o, LinkOutput)}
    assert linked == {"colon"}
    reasons = {r.name: r.reason for r in result.report if r.kind == "skills" and r.action == "skipped"}
    assert "no name" in reasons["no-name"]
    assert "front matter" in reasons["no-front"]
    assert "empty" in reasons["empty-name"]
