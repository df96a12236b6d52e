"""Nested project configuration: ``CLAUDE.md`` and ``.claude/skills`` in project subfolders, read
with their folder (through the API and ``hsync sources``), the bounded walk, what an adapter that
does not place them gets (a report line per item), and the hook's recognition of their edits."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hsync_core.models import Rule, Sources
from hsync_core.rendering.instructions import render_instructions
from hsync_core.sources import nested
from hsync_core.sources.paths import source_scope
from hsync_core.sources.reader import read_sources

SKILL = "---\nname: {name}\ndescription: the {name} skill\n---\nDo it.\n"


def monorepo(env) -> Path:
    """A project with nested CLAUDE.md files and skills, and the places that must not be read."""
    project = env.project()
    env.write(project / "CLAUDE.md", "Root rules.\n")
    env.write(project / "packages/api/CLAUDE.md", "API rules: use FastAPI.\n")
    env.write(project / "packages/api/.claude/skills/migrate/SKILL.md", SKILL.format(name="migrate"))
    env.write(project / "packages/web/deep/er/CLAUDE.md", "Deep web rules.\n")
    for hidden in ("node_modules/lib", ".venv/lib", ".hidden", "generated/out"):
        env.write(project / hidden / "CLAUDE.md", "not mine\n")
        env.write(project / hidden / ".claude/skills/x/SKILL.md", SKILL.format(name="x"))
    env.write(project / ".gitignore", "generated/\n")
    os.symlink(project / "packages/api", project / "linked-api")  # a linked folder is not entered
    return project


def read(env, project):
    found = read_sources(ctx=env.context(project))
    return [x for x in found if hasattr(x, "level")], [x for x in found if not hasattr(x, "level")]


def test_the_reader_finds_nested_files_with_their_folder(hsync_env):
    project = monorepo(hsync_env)
    items, problems = read(hsync_env, project)
    assert problems == []
    rules = {i.name: i for i in items if i.kind == "rules"}
    assert sorted(rules) == ["CLAUDE.md", "packages/api/CLAUDE.md", "packages/web/deep/er/CLAUDE.md"]
    assert rules["CLAUDE.md"].folder == ""
    assert rules["packages/api/CLAUDE.md"].folder == "packages/api"
    assert rules["packages/web/deep/er/CLAUDE.md"].text == "Deep web rules.\n"
    [skill] = [i for i in items if i.kind == "skills"]
    assert (skill.name, skill.folder, skill.level) == ("migrate", "packages/api", "project")
    assert skill.origin == project / "packages/api/.claude/skills/migrate"


def test_hsync_sources_lists_the_folder(hsync_env):
    project = monorepo(hsync_env)
    done = hsync_env.run("sources", "--json", project=project, env={"HSYNC_LOAD_PLUGINS": ""})
    assert done.returncode == 0, done.stderr
    rows = {(r["kind"], r["name"]): r for r in json.loads(done.stdout)["items"]}
    assert rows[("rules", "packages/api/CLAUDE.md")]["folder"] == "packages/api"
    assert rows[("skills", "migrate")]["folder"] == "packages/api"
    assert "folder" not in rows[("rules", "CLAUDE.md")]
    assert not [name for _, name in rows if "not mine" in name or name == "x"]


def test_the_walk_is_bounded(hsync_env, monkeypatch):
    project = hsync_env.project()
    for n in range(5):
        hsync_env.write(project / f"d{n}/CLAUDE.md", f"rules {n}\n")
    monkeypatch.setattr(nested, "MAX_FOLDERS", 3)
    items, problems = read(hsync_env, project)
    assert sorted(i.name for i in items if i.kind == "rules") == [f"d{n}/CLAUDE.md" for n in range(3)]
    [note] = problems
    assert note.action == "info" and "stopped looking" in note.reason and "after 3 folders" in note.reason
    monkeypatch.setattr(nested, "MAX_FOLDERS", 5000)
    monkeypatch.setattr(nested, "MAX_DEPTH", 2)
    hsync_env.write(project / "a/b/c/CLAUDE.md", "too deep\n")
    hsync_env.write(project / "a/b/CLAUDE.md", "deep enough\n")
    names = {i.name for i in read(hsync_env, project)[0]}
    assert "a/b/CLAUDE.md" in names and "a/b/c/CLAUDE.md" not in names


def test_outside_git_nothing_is_ignored_but_dependency_folders_still_are(hsync_env):
    project = hsync_env.project("plain", git=False)
    hsync_env.write(project / "generated/CLAUDE.md", "kept\n")
    hsync_env.write(project / "node_modules/CLAUDE.md", "not mine\n")
    names = {i.name for i in read(hsync_env, project)[0]}
    assert names == {"generated/CLAUDE.md"}


def test_a_target_that_does_not_place_them_reports_each(env):
    """The fake harness declares no ``nested`` kinds: nothing lands at the project's root."""
    project = monorepo(env)
    done = env.run("sync", "--json", project=project)
    assert done.returncode == 0, done.stderr
    target = json.loads(done.stdout)["targets"]["fakeharness"]
    skipped = {(i["kind"], i["name"]): i["reason"] for i in target["items"] if i["action"] == "skipped"}
    assert skipped[("skills", "migrate")] == (
        "skills of a project subfolder (packages/api/) are not written for fakeharness: "
        "at the project's root they would apply to the whole project"
    )
    assert ("rules", "packages/api/CLAUDE.md") in skipped
    written = (project / ".fake/FAKE.md").read_text()
    assert "Root rules." in written
    assert "API rules" not in written and "Deep web rules" not in written
    assert not (project / ".fake/packages").exists()


def test_nested_rules_go_to_the_folders_file_before_scoped_sections(hsync_env):
    project = hsync_env.project()
    (project / "src/web").mkdir(parents=True)
    rules = [
        Rule(
            name="CLAUDE.md", scope="project", level="project", origin=project / "CLAUDE.md", text="Root.\n"
        ),
        Rule(
            name=".claude/rules/web.md",
            scope="project",
            level="project",
            origin=project / ".claude/rules/web.md",
            text="Use hooks.\n",
            paths=("src/web/**/*.tsx",),
        ),
        Rule(
            name="src/web/CLAUDE.md",
            scope="project",
            level="project",
            origin=project / "src/web/CLAUDE.md",
            text="Web rules.\n",
            folder="src/web",
        ),
    ]
    rendered = render_instructions(
        Sources(items=rules),
        hsync_env.context(project),
        level="project",
        root=project,
        filename="AGENTS.md",
        target="t",
    )
    blocks = {o.path: o.content for o in rendered.outputs}
    assert "Web rules" not in blocks[project / "AGENTS.md"]
    web = blocks[project / "src/web/AGENTS.md"]
    assert "Generated by hsync from src/web/CLAUDE.md and .claude/rules." in web
    assert web.index("Web rules.") < web.index("## When working on files matching `src/web/**/*.tsx`")


def test_the_hook_sees_an_edit_of_a_nested_file(tmp_path):
    home, project = tmp_path / "home", tmp_path / "p"

    def scope(rel: str):
        return source_scope(project / rel, home=home, hsync_home=home / ".hsync", projects=[project])

    assert scope("packages/api/CLAUDE.md") == ("project", project)
    assert scope("packages/api/.claude/skills/migrate/SKILL.md") == ("project", project)
    assert scope("packages/api/main.py") is None
    assert scope("node_modules/lib/CLAUDE.md") is None
    assert scope(".venv/lib/CLAUDE.md") is None
