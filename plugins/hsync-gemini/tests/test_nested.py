"""Nested project configuration for Gemini: a subfolder's ``CLAUDE.md`` becomes that folder's
``GEMINI.md`` block, which the real Gemini CLI (0.61) loads just in time when a tool touches a
file below it, as Claude Code loads the nested ``CLAUDE.md``; a subfolder's skills are reported
(Gemini reads ``.gemini/skills`` of its project only)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv, client_environ, copy_for_client, npm_cli

ONLY = {"HSYNC_LOAD_PLUGINS": "gemini"}
MEMORY = Path(__file__).parent / "gemini_memory.mjs"
SKILL = "---\nname: {name}\ndescription: The {name} skill of this folder.\n---\nRun it.\n"


def monorepo(env: HsyncEnv) -> Path:
    project = env.project()
    env.write(project / "CLAUDE.md", "Root rules for everyone.\n")
    env.write(project / "packages/api/CLAUDE.md", "API rules: every handler validates its input.\n")
    env.write(project / "packages/api/main.py", "print('api')\n")
    env.write(project / "packages/api/.claude/skills/migrate/SKILL.md", SKILL.format(name="migrate"))
    return project


def memory(env: HsyncEnv, project: Path, touched: str) -> dict:
    """What Gemini's own loaders load for Gemini started in (a copy of) ``project`` when a tool
    touches ``touched``."""
    home, copy = copy_for_client(env, project)
    node = shutil.which("node")
    assert node, "node is needed to load the Gemini CLI's bundle"
    bundle = npm_cli("@google/gemini-cli", "0.61.0", "gemini").resolve().parent
    done = subprocess.run(
        [node, str(MEMORY), str(bundle), str(copy), str(copy / touched)],
        cwd=copy,
        env=client_environ(env, home, GEMINI_CLI_NO_RELAUNCH="true"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("HSYNC-RESULT ")]
    assert done.returncode == 0 and lines, done.stdout[-3000:] + done.stderr[-3000:]
    found = json.loads(lines[-1][len("HSYNC-RESULT ") :])
    found["copy"] = str(copy)
    return found


def test_the_cli_writes_the_nested_gemini_md_and_reports_the_skill(hsync_env: HsyncEnv) -> None:
    project = monorepo(hsync_env)
    done = hsync_env.run("sync", "--json", project=project, env=ONLY)
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)["targets"]["gemini"]["items"]
    nested = (project / "packages/api/GEMINI.md").read_text()
    assert "API rules: every handler validates its input." in nested
    assert "API rules" not in (project / "GEMINI.md").read_text()
    [skill] = [i for i in items if i["kind"] == "skills"]
    assert skill["action"] == "skipped" and "project subfolder (packages/api/)" in skill["reason"]
    assert not (project / ".gemini/skills").exists()
    assert hsync_env.run("check", project=project, env=ONLY).returncode == 0


@pytest.mark.realcli
def test_real_gemini_loads_it_when_a_file_below_is_touched(hsync_env: HsyncEnv) -> None:
    project = monorepo(hsync_env)
    assert hsync_env.run("sync", project=project, env=ONLY).returncode == 0
    found = memory(hsync_env, project, "packages/api/main.py")
    copy = Path(found["copy"])
    assert found["startup"] == [str(copy / "GEMINI.md")]  # not at startup: like Claude Code
    assert str(copy / "packages/api/GEMINI.md") in found["touched"]


@pytest.mark.realcli
def test_instructions_reference_imports_claude_md_which_gemini_expands(hsync_env: HsyncEnv) -> None:
    project = monorepo(hsync_env)
    hsync_env.write(project / ".claude/rules/style.md", "Style: short functions.\n")
    hsync_env.write(hsync_env.hsync_home / "config.toml", '[targets.gemini]\ninstructions = "reference"\n')
    done = hsync_env.run("sync", "--json", project=project, env=ONLY)
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)["targets"]["gemini"]["items"]
    assert not [i for i in items if i["action"] == "warning"]  # the @file lines are meant
    block = (project / "GEMINI.md").read_text()
    assert "\n@CLAUDE.md\n" in block and "Root rules" not in block
    found = memory(hsync_env, project, "packages/api/main.py")
    copy = Path(found["copy"])
    loaded = found["contents"]
    root = loaded[str(copy / "GEMINI.md")]
    assert "Root rules for everyone." in root and "Style: short functions." in root
    assert "Import failed" not in root
    assert "API rules: every handler validates its input." in loaded[str(copy / "packages/api/GEMINI.md")]
