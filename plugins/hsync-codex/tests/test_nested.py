"""Nested project configuration for Codex: a subfolder's ``CLAUDE.md`` becomes that folder's
``AGENTS.md`` block and its ``.claude/skills`` become ``<folder>/.codex/skills`` links, through
the API and the CLI, then read by the real Codex with its working directory in the subfolder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv

SKILL = "---\nname: {name}\ndescription: The {name} skill of this folder.\n---\nRun it.\n"


def monorepo(env: HsyncEnv) -> Path:
    project = env.project()
    env.write(project / "CLAUDE.md", "Root rules for everyone.\n")
    env.write(project / ".claude/skills/release/SKILL.md", SKILL.format(name="release"))
    env.write(project / "packages/api/CLAUDE.md", "API rules: every handler validates its input.\n")
    env.write(project / "packages/api/.claude/skills/migrate/SKILL.md", SKILL.format(name="migrate"))
    env.write(project / "packages/api/.claude/skills/release/SKILL.md", SKILL.format(name="release"))
    env.write(project / "node_modules/dep/CLAUDE.md", "A dependency's own rules.\n")
    return project


def test_the_api_places_each_folders_items_in_that_folder(codex, hsync_env: HsyncEnv) -> None:
    project = monorepo(hsync_env)
    result = codex.sync(project, kinds=["rules", "skills"])
    assert result.ok
    api = project / "packages/api"
    assert "API rules: every handler validates its input." in (api / "AGENTS.md").read_text()
    assert "API rules" not in (project / "AGENTS.md").read_text()
    assert (api / ".codex/skills/migrate").resolve() == api / ".claude/skills/migrate"
    # the same name in the root and in a subfolder: each in its own place, no clash
    assert (api / ".codex/skills/release").resolve() == api / ".claude/skills/release"
    assert (project / ".codex/skills/release").resolve() == project / ".claude/skills/release"
    assert not (project / ".codex/skills/migrate").exists()
    assert not (project / "node_modules/dep/AGENTS.md").exists()


def test_the_cli_syncs_and_checks_them(hsync_env: HsyncEnv) -> None:
    project = monorepo(hsync_env)
    done = hsync_env.run("sync", "--json", project=project, env={"HSYNC_LOAD_PLUGINS": "codex"})
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)["targets"]["codex"]["items"]
    paths = {i["path"] for i in items if i["action"] == "create"}
    assert str(project / "packages/api/AGENTS.md") in paths
    assert str(project / "packages/api/.codex/skills/migrate") in paths
    assert hsync_env.run("check", project=project, env={"HSYNC_LOAD_PLUGINS": "codex"}).returncode == 0
    # editing the nested CLAUDE.md is a change of the source; removing it removes the output
    (project / "packages/api/CLAUDE.md").write_text("API rules, second version.\n")
    check = hsync_env.run("check", project=project, env={"HSYNC_LOAD_PLUGINS": "codex"})
    assert check.returncode == 4 and "packages/api/AGENTS.md" in check.stdout
    (project / "packages/api/CLAUDE.md").unlink()
    assert hsync_env.run("sync", project=project, env={"HSYNC_LOAD_PLUGINS": "codex"}).returncode == 0
    assert not (project / "packages/api/AGENTS.md").exists()


@pytest.mark.realcli
def test_real_codex_reads_them_from_the_subfolder(hsync_env: HsyncEnv, real_codex) -> None:
    project = monorepo(hsync_env)
    assert hsync_env.run("sync", project=project, env={"HSYNC_LOAD_PLUGINS": "codex"}).returncode == 0
    cli = real_codex(project)
    in_api, errors, _ = cli.skills("packages/api")
    assert errors == []
    # Codex reports the linked skill by the path the link leads to
    assert in_api["migrate"]["path"].endswith("packages/api/.claude/skills/migrate/SKILL.md")
    at_root, _, _ = cli.skills()
    assert "migrate" not in at_root and "release" in at_root
    prompt = cli.prompt_input("packages/api")
    assert "API rules: every handler validates its input." in prompt and "Root rules for everyone." in prompt
    assert "API rules" not in cli.prompt_input()
    # Codex does not read .claude/skills itself: without hsync's link the skill is gone
    for link in (cli.project / "packages/api/.codex/skills").iterdir():
        link.unlink()
    assert "migrate" not in cli.skills("packages/api")[0]


@pytest.mark.realcli
def test_instructions_reference_gives_codex_a_pointer_it_does_not_expand(
    hsync_env: HsyncEnv, real_codex
) -> None:
    """Codex has no imports: ``@CLAUDE.md`` would reach the model as those characters, so the
    pointer is a list of files to read, and Codex's prompt holds it rather than the rules."""
    project = monorepo(hsync_env)
    hsync_env.write(hsync_env.hsync_home / "config.toml", '[targets.codex]\ninstructions = "reference"\n')
    done = hsync_env.run("sync", project=project, env={"HSYNC_LOAD_PLUGINS": "codex"})
    assert done.returncode == 0, done.stderr
    prompt = real_codex(project).prompt_input("packages/api")
    assert "Read them before you start" in prompt and "- `CLAUDE.md`" in prompt
    assert "Root rules for everyone." not in prompt and "API rules" not in prompt
