"""The Claude Code reader, through the API (``read_sources``) on real files in a temporary home."""

import json
import os

import pytest

from hsync_core.errors import InvalidInput
from hsync_core.sources.reader import read_sources
from hsync_core.testing import write_sample_setup


def read(env, project):
    found = read_sources(ctx=env.context(project))
    items = [x for x in found if hasattr(x, "level")]
    problems = [x for x in found if not hasattr(x, "level")]
    return items, problems


def by(items, kind):
    return {i.name: i for i in items if i.kind == kind}


def test_sample_setup_every_kind_and_scope(hsync_env):
    project = hsync_env.project()
    write_sample_setup(hsync_env, project)
    items, problems = read(hsync_env, project)
    assert problems == []
    rules = by(items, "rules")
    assert "Write a failing test first." in rules["~/.claude/CLAUDE.md"].text
    assert rules[".claude/rules/frontend.md"].paths == ("src/web/**/*.tsx",)
    assert "- `src/api`: server" in rules["CLAUDE.md"].text
    skill = by(items, "skills")["pdf-tools"]
    assert skill.files == ("SKILL.md", "scripts/extract.py") and skill.level == "user"
    assert skill.description == "Extract text from PDF files. Use when: the user mentions PDFs."
    agent = by(items, "agents")["code-reviewer"]
    assert agent.tools == ("Read", "Grep", "Glob") and agent.model == "sonnet"
    commands = by(items, "commands")
    assert commands["commit"].namespace == ("git",) and commands["commit"].argument_hint == "[type] [scope]"
    assert commands["review"].argument_hint == "[focus-area]"
    assert commands["deploy"].scope == "project"
    mcp = by(items, "mcp")
    assert (
        mcp["github"].env == {"GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}"}
        and mcp["github"].scope == "user"
    )
    assert mcp["context7"].transport == "http"
    assert mcp["notes-local"].scope == "local" and mcp["notes-local"].level == "project"
    assert mcp["filesystem"].scope == "project"


def test_mcp_precedence_local_over_project(hsync_env):
    project = hsync_env.project()
    hsync_env.write(project / ".mcp.json", json.dumps({"mcpServers": {"db": {"command": "project-db"}}}))
    hsync_env.write(
        ".claude.json", json.dumps({"projects": {str(project): {"mcpServers": {"db": {"command": "mine"}}}}})
    )
    items, problems = read(hsync_env, project)
    servers = [i for i in items if i.kind == "mcp"]
    assert [(s.name, s.scope, s.command) for s in servers] == [("db", "local", "mine")]
    assert any("shadowed" in p.reason for p in problems)


def test_disabled_project_servers_and_sse(hsync_env):
    project = hsync_env.project()
    hsync_env.write(
        project / ".mcp.json",
        json.dumps(
            {
                "mcpServers": {
                    "a": {"command": "a"},
                    "s": {"type": "sse", "url": "https://x/sse"},
                    "bad": {"type": "ws", "url": "x"},
                }
            }
        ),
    )
    hsync_env.write(project / ".claude/settings.local.json", json.dumps({"disabledMcpjsonServers": ["a"]}))
    items, problems = read(hsync_env, project)
    servers = by(items, "mcp")
    assert servers["a"].enabled is False and servers["s"].transport == "sse"
    assert [p.name for p in problems] == ["bad"]


@pytest.mark.parametrize("relative", [".mcp.json", ".claude/settings.json", ".claude/settings.local.json"])
def test_malformed_project_json_is_invalid_input_with_line(hsync_env, relative):
    project = hsync_env.project()
    hsync_env.write(project / relative, '{\n  "mcpServers": {,\n}\n')
    with pytest.raises(InvalidInput) as info:
        read(hsync_env, project)
    assert info.value.path == project / relative and info.value.line == 2


def test_malformed_claude_json_is_invalid_input(hsync_env):
    hsync_env.write(".claude.json", "{ nope")
    with pytest.raises(InvalidInput) as info:
        read(hsync_env, None)
    assert info.value.path == hsync_env.home / ".claude.json"


def test_broken_items_are_skipped_with_a_reason(hsync_env):
    hsync_env.write(".claude/agents/ok.md", "---\nname: ok\ndescription: fine\n---\nbody\n")
    hsync_env.write(
        ".claude/agents/broken.md", "---\nname: broken\ndescription: [unclosed\n  - : :\n---\nbody\n"
    )
    hsync_env.write(".claude/agents/escape.md", "---\nname: ../../evil\ndescription: x\n---\nbody\n")
    hsync_env.write(".claude/skills/noskill/README.md", "no SKILL.md here")
    hsync_env.write(".claude/skills/halfopen/SKILL.md", "---\nname: halfopen\n")
    items, problems = read(hsync_env, None)
    assert set(by(items, "agents")) == {"ok"}
    reasons = {p.name: p.reason for p in problems}
    assert "broken front matter" in reasons["broken"]
    assert ".." in reasons["../../evil"]
    assert "no SKILL.md" in reasons["noskill"]
    assert "no closing" in reasons["halfopen"]


def test_unreadable_directory_is_reported_not_raised(hsync_env, monkeypatch):
    locked = hsync_env.home / ".claude" / "commands"
    hsync_env.write(".claude/agents/ok.md", "---\nname: ok\ndescription: fine\n---\nbody\n")
    locked.mkdir(parents=True)
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads every directory: make this one refuse as a permission error would
        real_scandir = os.scandir

        def scandir(path):
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        items, problems = read(hsync_env, None)
    finally:
        locked.chmod(0o755)
    assert any("cannot read directory: Permission denied" in p.reason for p in problems)
    assert set(by(items, "agents")) == {"ok"}


def test_enabled_plugin_contributes_items_with_plugin_root_resolved(hsync_env):
    root = hsync_env.home / ".claude/plugins/cache/mkt/tools/1.0.0"
    hsync_env.write(root / ".claude-plugin/plugin.json", json.dumps({"name": "tools"}))
    hsync_env.write(root / "commands/lint.md", "---\ndescription: Lint\n---\nRun the linter.\n")
    hsync_env.write(root / "agents/helper.md", "---\nname: helper\ndescription: Helps\n---\nHelp.\n")
    hsync_env.write(root / "skills/fmt/SKILL.md", "---\nname: fmt\ndescription: Formats\n---\nFormat.\n")
    hsync_env.write(
        root / ".mcp.json",
        json.dumps(
            {
                "mcpServers": {
                    "tool-srv": {
                        "command": "${CLAUDE_PLUGIN_ROOT}/bin/srv",
                        "args": ["--root", "${CLAUDE_PLUGIN_ROOT}"],
                    }
                }
            }
        ),
    )
    hsync_env.write(
        ".claude/plugins/installed_plugins.json",
        json.dumps(
            {
                "version": 2,
                "plugins": {
                    "tools@mkt": [{"scope": "user", "installPath": str(root), "version": "1.0.0"}],
                    "other@mkt": [{"scope": "user", "installPath": str(root), "version": "1.0.0"}],
                },
            }
        ),
    )
    hsync_env.write(
        ".claude/settings.json", json.dumps({"enabledPlugins": {"tools@mkt": True, "other@mkt": False}})
    )
    items, problems = read(hsync_env, None)
    plugin_items = [i for i in items if i.scope == "plugin"]
    assert {(i.kind, i.qualified_name) for i in plugin_items} == {
        ("commands", "tools:lint"),
        ("agents", "tools:helper"),
        ("skills", "tools:fmt"),
        ("mcp", "tools:tool-srv"),
        ("plugins", "tools@mkt"),  # the plugin itself, for the opt-in kind "plugins"
    }
    [plugin] = [i for i in plugin_items if i.kind == "plugins"]
    assert plugin.root == root and plugin.marketplace == "mkt"
    assert plugin.parts == ("skills", "commands", "agents", "mcp")
    assert plugin.marketplace_dir is None  # no known_marketplaces.json in this home
    server = by(items, "mcp")["tool-srv"]
    assert server.command == f"{root}/bin/srv" and server.args == ("--root", str(root))
    assert [(p.name, p.action, p.reason) for p in problems] == [
        ("other@mkt", "info", "off in Claude Code (enabledPlugins: false in ~/.claude/settings.json)")
    ]


def test_settings_and_hooks_layers(hsync_env):
    project = hsync_env.project()
    hsync_env.write(
        ".claude/settings.json",
        json.dumps(
            {
                "permissions": {"allow": ["Read"], "deny": ["Bash(rm -rf:*)"], "defaultMode": "acceptEdits"},
                "env": {"A": "1"},
                "hooks": {
                    "PostToolUse": [{"matcher": "Edit", "hooks": [{"type": "command", "command": "fmt"}]}]
                },
            }
        ),
    )
    hsync_env.write(
        project / ".claude/settings.json", json.dumps({"permissions": {"allow": ["Edit(src/**)"]}})
    )
    items, _ = read(hsync_env, project)
    settings = [i for i in items if i.kind == "settings"]
    assert [(s.scope, s.permissions.allow) for s in settings] == [
        ("user", ("Read",)),
        ("project", ("Edit(src/**)",)),
    ]
    assert settings[0].permissions.default_mode == "acceptEdits" and settings[0].env == {"A": "1"}
    hooks = [i for i in items if i.kind == "hooks"]
    assert list(hooks[0].events) == ["PostToolUse"]


def test_local_rules_and_dot_claude_claude_md(hsync_env):
    project = hsync_env.project()
    hsync_env.write(project / ".claude/CLAUDE.md", "team\n")
    hsync_env.write(project / "CLAUDE.local.md", "mine\n")
    items, _ = read(hsync_env, project)
    rules = by(items, "rules")
    assert rules[".claude/CLAUDE.md"].scope == "project"
    assert rules["CLAUDE.local.md"].scope == "local" and rules["CLAUDE.local.md"].level == "project"


def test_a_name_with_nul_is_skipped(hsync_env):
    hsync_env.write(".claude/agents/nul.md", '---\nname: "bad\\0name"\ndescription: x\n---\nbody\n')
    items, problems = read(hsync_env, None)
    assert [p.reason for p in problems] == ["the name contains a NUL byte"]
    assert by(items, "agents") == {}
