"""Skills: OpenCode reads .claude/skills itself; plugin skills are linked into skill/."""

from __future__ import annotations

import os

from hsync_core import LinkOutput


def test_claude_skills_are_not_written_and_the_report_says_where_they_are(runner):
    project = runner.team()
    plan = runner.plan(project)
    links = [c.output for c in plan.changes if isinstance(c.output, LinkOutput)]
    assert [(link.item, link.path) for link in links] == [
        ("acme-tools:lint-fix", runner.config_dir / "skill/lint-fix")
    ]
    notes = {r.name: r for r in plan.report if r.kind == "skills"}
    for name, origin in (
        ("pdf-tools", runner.home / ".claude/skills/pdf-tools"),
        ("commit-helper", runner.home / ".claude/skills/commit-helper"),
        ("release-notes", project / ".claude/skills/release-notes"),
    ):
        assert notes[name].action == "info"
        assert notes[name].path == origin
        assert "OpenCode reads it natively" in notes[name].reason


def test_plugin_skill_is_a_link_to_the_plugin_directory(runner):
    project = runner.team()
    runner.run(project)
    link = runner.config_dir / "skill/lint-fix"
    assert link.is_symlink()
    assert os.readlink(link) == str(
        runner.home / ".claude/plugins/cache/acme/acme-tools/1.2.0/skills/lint-fix"
    )
    assert (link / "scripts/fix.sh").is_file()
    assert not (project / ".opencode/skill").exists()
    assert not (runner.config_dir / "skill/pdf-tools").exists()


def test_plugin_skill_named_like_a_claude_skill_is_not_linked(runner):
    project = runner.team()
    runner.write(
        ".claude/skills/lint-fix/SKILL.md", "---\nname: lint-fix\ndescription: My own.\n---\nMine.\n"
    )
    plan = runner.plan(project)
    assert not any(isinstance(c.output, LinkOutput) for c in plan.changes)
    skipped = [r for r in plan.report if r.name == "acme-tools:lint-fix"]
    assert skipped[0].action == "skipped"
    assert "already takes the name 'lint-fix' in OpenCode's skills" in skipped[0].reason


def test_every_skill_is_linked_when_opencode_does_not_read_claude_skills(runner, hsync_env):
    project = runner.team()
    hsync_env.environ["OPENCODE_DISABLE_CLAUDE_CODE_SKILLS"] = "1"
    runner.run(project)
    assert sorted(os.listdir(runner.config_dir / "skill")) == ["commit-helper", "lint-fix", "pdf-tools"]
    assert os.listdir(project / ".opencode/skill") == ["release-notes"]
    assert (project / ".opencode/skill/release-notes").resolve() == (
        project / ".claude/skills/release-notes"
    ).resolve()


def test_user_level_output_does_not_depend_on_the_project(runner):
    project = runner.team()
    other = runner.env.project("other")
    runner.write(other / ".claude/skills/lint-fix/SKILL.md", "---\nname: lint-fix\ndescription: x\n---\nx\n")
    user = {i: o for i, o in runner.outputs(project).items() if o.level == "user"}
    assert {i: o for i, o in runner.outputs(other).items() if o.level == "user"} == user
