"""Claude Code as it is today, on the source side: ``CLAUDE_CONFIG_DIR`` moves the user's folder
and ``.claude.json``; what the user switched off in Claude Code (``skillOverrides``,
``claudeMdExcludes``, ``disableSkillShellExecution``, ``disabledMcpServers``, plugins set false)
is not carried. Through the API (``read_sources``), through ``hsync sync`` and, for the folder,
against the real ``claude`` CLI."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from hsync_core.integrations.claude.post_tool_use import classify
from hsync_core.sources.paths import source_scope
from hsync_core.sources.reader import read_sources
from hsync_core.sources.switched_off import SHELL_OFF
from hsync_core.testing import CLIENT_PATIENCE, npm_cli

CLAUDE = ("@anthropic-ai/claude-code", "2.1.330", "claude")


def read(env, project=None, **environ):
    env.environ.update(environ)
    found = read_sources(ctx=env.context(project))
    items = [x for x in found if hasattr(x, "level")]
    problems = [x for x in found if not hasattr(x, "level")]
    return items, problems


def names(items, kind):
    return sorted(i.name for i in items if i.kind == kind)


def moved_setup(env) -> Path:
    """A user folder in ``~/.claude`` and another in ``~/alt-claude`` (CLAUDE_CONFIG_DIR)."""
    env.write(".claude/CLAUDE.md", "Home rules.\n")
    env.write(".claude/skills/home-skill/SKILL.md", "---\ndescription: home\n---\nHome.\n")
    env.write(".claude.json", json.dumps({"mcpServers": {"viahome": {"command": "echo"}}}))
    alt = env.home / "alt-claude"
    env.write(alt / "CLAUDE.md", "Moved rules.\n")
    env.write(alt / "skills/moved-skill/SKILL.md", "---\ndescription: moved\n---\nMoved.\n")
    env.write(alt / ".claude.json", json.dumps({"mcpServers": {"viaenv": {"command": "echo"}}}))
    return alt


# ------------------------------------------------------------------------------ CLAUDE_CONFIG_DIR


def test_claude_config_dir_is_read_instead_of_the_home_folder(hsync_env):
    alt = moved_setup(hsync_env)
    items, problems = read(hsync_env)
    assert (names(items, "skills"), names(items, "mcp")) == (["home-skill"], ["viahome"])
    items, problems = read(hsync_env, CLAUDE_CONFIG_DIR=str(alt))
    assert problems == []
    assert (names(items, "skills"), names(items, "mcp")) == (["moved-skill"], ["viaenv"])
    assert [i.text for i in items if i.kind == "rules"] == ["Moved rules.\n"]


def test_claude_config_dir_through_the_cli(env):
    alt = moved_setup(env)
    done = env.run("sync", "--json", env={"CLAUDE_CONFIG_DIR": str(alt)})
    assert done.returncode == 0, done.stderr
    text = (env.home / ".fake" / "FAKE.md").read_text(encoding="utf-8")
    assert "Moved rules." in text and "Home rules." not in text
    assert (env.home / ".fake" / "skills" / "moved-skill").exists()
    assert not (env.home / ".fake" / "skills" / "home-skill").exists()


def test_the_moved_folder_is_a_source_for_the_daemon_and_the_hook(tmp_path):
    home, alt = tmp_path / "home", tmp_path / "alt"
    common = {"home": home, "hsync_home": home / ".hsync"}
    assert source_scope(alt / "skills/x/SKILL.md", **common) is None
    assert source_scope(alt / "skills/x/SKILL.md", **common, claude_dir=alt) == ("user", None)
    assert source_scope(alt / ".claude.json", **common, claude_dir=alt) == ("user", None)
    assert source_scope(alt / "projects/x.jsonl", **common, claude_dir=alt) is None  # runtime
    assert source_scope(home / ".claude.json", **common, claude_dir=alt) is None
    assert classify(str(alt / "CLAUDE.md"), cwd=tmp_path, project=None, claude_dir=alt, **common) == "user"


@pytest.mark.realcli
def test_the_real_claude_reads_the_same_claude_json_as_hsync(hsync_env):
    """``claude mcp list`` with and without CLAUDE_CONFIG_DIR lists what hsync reads."""
    binary = npm_cli(*CLAUDE)
    alt = moved_setup(hsync_env)

    def listed(**extra: str) -> str:
        environ = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(hsync_env.home),
            "DISABLE_AUTOUPDATER": "1",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
            "DISABLE_TELEMETRY": "1",
            "NO_COLOR": "1",
            "CI": "1",
            **extra,
        }
        done = subprocess.run(
            [str(binary), "mcp", "list"],
            cwd=hsync_env.home,
            env=environ,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=CLIENT_PATIENCE,
            check=False,
        )
        return done.stdout + done.stderr

    plain, moved = listed(), listed(CLAUDE_CONFIG_DIR=str(alt))
    assert "viahome:" in plain and "viaenv:" not in plain, plain
    assert "viaenv:" in moved and "viahome:" not in moved, moved
    items, _ = read(hsync_env, CLAUDE_CONFIG_DIR=str(alt))
    assert names(items, "mcp") == ["viaenv"]


# ------------------------------------------------------------------------------ switched off


def switched_off_setup(env) -> Path:
    project = env.project()
    env.write(".claude/skills/kept/SKILL.md", "---\ndescription: kept\n---\nKept.\n")
    env.write(".claude/skills/hidden/SKILL.md", "---\ndescription: hidden\n---\nHidden.\n")
    env.write(".claude/skills/back-on/SKILL.md", "---\ndescription: back\n---\nBack.\n")
    env.write(".claude/CLAUDE.md", "User rules.\n")
    env.write(
        ".claude/settings.json",
        json.dumps(
            {
                "skillOverrides": {"hidden": "off", "back-on": "off", "kept": "name-only"},
                "enabledPlugins": {"old-tools@acme": False},
            }
        ),
    )
    env.write(project / "CLAUDE.md", "Project rules.\n")
    env.write(project / "vendor/CLAUDE.md", "Vendored rules.\n")
    env.write(project / ".claude/rules/generated.md", "Generated rules.\n")
    env.write(project / ".claude/commands/status.md", "Look at !`git status` and this:\n```!\nls\n```\n")
    env.write(
        project / ".claude/settings.json",
        json.dumps(
            {
                "skillOverrides": {"back-on": "on"},
                "claudeMdExcludes": ["**/.claude/rules/generated.md", "!**/CLAUDE.md"],
                "disableSkillShellExecution": True,
            }
        ),
    )
    env.write(
        project / ".mcp.json",
        json.dumps({"mcpServers": {"team-db": {"command": "db"}, "team-docs": {"command": "docs"}}}),
    )
    env.write(
        ".claude.json",
        json.dumps(
            {
                "mcpServers": {"github": {"command": "gh-mcp"}},
                "projects": {
                    str(project): {
                        "mcpServers": {"mine": {"command": "mine"}},
                        "disabledMcpServers": ["team-db", "mine", "github"],
                    }
                },
            }
        ),
    )
    return project


def test_switched_off_items_are_not_carried_and_are_reported(hsync_env):
    project = switched_off_setup(hsync_env)
    items, problems = read(hsync_env, project)
    assert names(items, "skills") == ["back-on", "kept"]
    assert [i.name for i in items if i.kind == "rules"] == ["~/.claude/CLAUDE.md", "CLAUDE.md"]
    assert names(items, "mcp") == ["github", "team-docs"]  # a user server serves every project
    command = next(i for i in items if i.kind == "commands")
    assert command.body == f"Look at {SHELL_OFF} and this:\n{SHELL_OFF}\n"
    said = {(p.kind, p.name): (p.action, p.reason) for p in problems}
    assert {p.action for p in problems} == {"info"}
    assert said[("skills", "hidden")] == (
        "info",
        "off in Claude Code (skillOverrides: off in ~/.claude/settings.json)",
    )
    assert said[("rules", ".claude/rules/generated.md")][1] == (
        "off in Claude Code (claudeMdExcludes: **/.claude/rules/generated.md)"
    )
    assert "still written" in said[("mcp", "github")][1]
    assert (
        said[("plugins", "old-tools@acme")][1]
        == "off in Claude Code (enabledPlugins: false in ~/.claude/settings.json)"
    )
    assert "disableSkillShellExecution" in said[("commands", "status")][1]
    assert ("skills", "kept") not in said  # "name-only" is still a skill Claude Code uses


def test_a_claude_md_exclude_by_absolute_path(hsync_env):
    project = switched_off_setup(hsync_env)
    hsync_env.write(".claude/settings.json", json.dumps({"claudeMdExcludes": [str(project / "CLAUDE.md")]}))
    items, _ = read(hsync_env, project)
    assert "CLAUDE.md" not in [i.name for i in items if i.kind == "rules"]


def test_switched_off_items_through_the_cli(env):
    project = switched_off_setup(env)
    done = env.run("sync", "--json", project=project)
    assert done.returncode == 0, done.stderr
    problems = json.loads(done.stdout)["sources"]["problems"]
    assert {(p["kind"], p["name"]) for p in problems if "off in Claude Code" in p["reason"]} >= {
        ("skills", "hidden"),
        ("rules", ".claude/rules/generated.md"),
        ("mcp", "team-db"),
        ("plugins", "old-tools@acme"),
    }
    assert not (env.home / ".fake" / "skills" / "hidden").exists()
    assert (env.home / ".fake" / "skills" / "back-on").exists()


# ------------------------------------------------------------------- AGENTS.md read by Claude Code


def both_setting(env, value: str) -> None:
    config = {"agents-md@builtin": {"options": {"instructionFiles": value}}}
    env.write(".claude/settings.json", json.dumps({"pluginConfigs": config}))


@pytest.mark.parametrize(
    ("value", "said"),
    [("claude-md-and-agents-md", True), ("claude-md-or-agents-md", False), ("claude-md", False)],
)
def test_claude_reading_agents_md_beside_claude_md_is_said_once(hsync_env, value, said):
    project = hsync_env.project()
    hsync_env.write(project / "CLAUDE.md", "Project rules.\n")
    both_setting(hsync_env, value)
    _, problems = read(hsync_env, project)
    found = [p for p in problems if p.name == "AGENTS.md"]
    assert len(found) == (1 if said else 0)
    if said:
        assert found[0].action == "info" and "twice" in found[0].reason


def test_a_project_setting_does_not_count(hsync_env):
    """Claude Code reads the option from user settings only (its log says project settings are not read)."""
    project = hsync_env.project()
    config = {"agents-md@builtin": {"options": {"instructionFiles": "claude-md-and-agents-md"}}}
    hsync_env.write(project / ".claude/settings.json", json.dumps({"pluginConfigs": config}))
    _, problems = read(hsync_env, project)
    assert [p for p in problems if p.name == "AGENTS.md"] == []


def test_agents_md_read_twice_through_the_cli(env):
    project = env.project()
    env.write(project / "CLAUDE.md", "Project rules.\n")
    both_setting(env, "claude-md-and-agents-md")
    done = env.run("sync", "--json", project=project)
    assert done.returncode == 0, done.stderr
    problems = json.loads(done.stdout)["sources"]["problems"]
    assert [p["name"] for p in problems if "twice" in p["reason"]] == ["AGENTS.md"]
