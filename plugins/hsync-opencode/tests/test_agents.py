"""Agents: agent/<name>.md with description, mode: subagent, a permission map, steps."""

from __future__ import annotations

import yaml


def split(text):
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def agent_file(runner, project, path):
    runner.run(project)
    return split(path.read_text(encoding="utf-8"))


def notes_for(plan, name):
    return [r for r in plan.report if r.kind == "agents" and r.name == name]


def test_tool_list_becomes_a_permission_map(runner):
    project = runner.team()
    meta, body = agent_file(runner, project, runner.config_dir / "agent/code-reviewer.md")
    assert meta == {
        "description": "Reviews code changes for bugs, security issues and style. Use PROACTIVELY after edits.",
        "mode": "subagent",
        "permission": {
            "edit": "deny",
            "bash": "deny",
            "task": "deny",
            "webfetch": "deny",
            "websearch": "deny",
            "todowrite": "deny",
            "skill": "deny",
        },
    }
    assert body.startswith("You are a senior code reviewer.")
    assert "tools" not in meta, "a tools list is an error in OpenCode"


def test_model_alias_and_colour_are_dropped_and_reported(runner):
    project = runner.team()
    notes = {r.field: r for r in notes_for(runner.plan(project), "code-reviewer")}
    assert notes["model"].action == "warning"
    assert "'sonnet' dropped" in notes["model"].reason
    assert notes["color"].action == "info"
    assert "'red' dropped" in notes["color"].reason


def test_max_turns_becomes_steps_and_inherit_is_the_default(runner):
    project = runner.team()
    meta, _ = agent_file(runner, project, runner.config_dir / "agent/test-runner.md")
    assert meta["steps"] == 12
    assert "model" not in meta
    assert set(meta["permission"]) == {"glob", "grep", "task", "webfetch", "websearch", "todowrite", "skill"}
    assert not [r for r in notes_for(runner.plan(project), "test-runner") if r.field == "model"]


def test_provider_model_is_kept_and_accept_edits_allows_edits(runner):
    project = runner.team()
    meta, _ = agent_file(runner, project, project / ".opencode/agent/sql-expert.md")
    assert meta["model"] == "anthropic/claude-sonnet-4-5"
    assert meta["permission"]["edit"] == "allow"


def test_disallowed_tools_plan_mode_and_claude_only_keys(runner):
    project = runner.team()
    meta, _ = agent_file(runner, project, runner.config_dir / "agent/researcher.md")
    assert (
        meta["description"] == 'Researches library APIs: reads the docs, then answers with "sources" quoted.'
    )
    assert meta["permission"] == {"edit": "deny", "bash": {"*": "ask", "rm *": "deny"}}
    assert "model" not in meta and "memory" not in meta and "permissionMode" not in meta
    notes = {r.field: r for r in notes_for(runner.plan(project), "researcher")}
    assert "'claude-opus-4-1-20250805' dropped" in notes["model"].reason
    assert notes["memory"].action == "warning"
    assert notes["permissionMode"].action == "info"


def test_plugin_agent_is_namespaced_by_its_plugin(runner):
    project = runner.team()
    meta, body = agent_file(runner, project, runner.config_dir / "agent/acme-tools/linter.md")
    assert meta["mode"] == "subagent"
    assert body.startswith("You know every rule")


def test_front_matter_always_parses(runner):
    project = runner.team()
    tricky = "Handles: colons, 'quotes', \"double\" quotes, # hashes, [brackets] and {braces}"
    runner.write(
        ".claude/agents/tricky.md",
        f"---\nname: tricky\ndescription: >\n  {tricky}\n  on two lines\ncolor: '#3366ff'\n---\n---\nA rule first.\n",
    )
    meta, body = agent_file(runner, project, runner.config_dir / "agent/tricky.md")
    assert meta["description"] == tricky + " on two lines\n"
    assert meta["color"] == "#3366ff", "a hex colour is valid in OpenCode"
    assert body == "---\nA rule first.\n"


def test_markdown_claude_code_does_not_load_as_an_agent_is_not_written(runner):
    # one rule in every adapter: the reader keeps only the agents Claude Code loads (a name and
    # a description in the front matter); the rest is never handed to an adapter
    project = runner.team()
    runner.write(".claude/agents/bare.md", "Just a prompt.\n")
    runner.write(".claude/agents/mute.md", "---\nname: mute\n---\nHelp.\n")
    runner.run(project)
    assert not (runner.config_dir / "agent/bare.md").exists()
    assert not (runner.config_dir / "agent/mute.md").exists()


def test_removed_agent_is_removed(runner):
    project = runner.team()
    runner.run(project)
    (runner.home / ".claude/agents/test-runner.md").unlink()
    result = runner.run(project)
    removed = [c for c in result.targets["opencode"].changes if c.action == "remove"]
    assert [c.path for c in removed] == [runner.config_dir / "agent/test-runner.md"]
    assert not (runner.config_dir / "agent/test-runner.md").exists()


def test_tools_star_is_every_tool(runner):
    project = runner.team()
    runner.write(".claude/agents/all.md", '---\nname: all\ndescription: Everything.\ntools: "*"\n---\nGo.\n')
    meta, _ = agent_file(runner, project, runner.config_dir / "agent/all.md")
    assert meta == {"description": "Everything.", "mode": "subagent"}
