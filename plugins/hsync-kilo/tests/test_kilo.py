"""Where Kilo differs from OpenCode: what the adapter writes (and does not) because of it."""

from __future__ import annotations

from hsync_core import FileOutput, JsonEntry

MCP_JSON = """\
{"mcpServers": {
  "plain": {"command": "npx", "args": ["-y", "server-plain"]},
  "needs-token": {"command": "npx", "args": ["server-x"], "env": {"TOKEN": "${X_TOKEN}"}},
  "remote-key": {"type": "http", "url": "https://x.test/mcp", "headers": {"Authorization": "Bearer ${X_KEY}"}}
}}
"""


def by_kind(outputs, kind):
    return {o.item: o for o in outputs.values() if o.kind == kind}


def test_a_project_server_with_a_variable_is_skipped_not_moved(runner):
    project = runner.env.project()
    runner.write(project / ".mcp.json", MCP_JSON)
    outputs = runner.outputs(project)
    servers = by_kind(outputs, "mcp")
    assert set(servers) == {"plain"}
    assert isinstance(servers["plain"], JsonEntry) and servers["plain"].path == project / "kilo.json"
    skipped = {r.name: r.reason for r in runner.report(project) if r.action == "skipped"}
    assert "refuses variable references in project config" in skipped["needs-token"]
    assert "remote-key" in skipped
    assert not (runner.config_dir / "kilo.json").exists()


def test_a_user_server_keeps_its_variable(runner):
    runner.write(
        runner.home / ".claude.json",
        '{"mcpServers": {"gh": {"command": "gh-mcp", "env": {"T": "${GITHUB_TOKEN}"}}}}',
    )
    servers = by_kind(runner.outputs(None), "mcp")
    assert servers["gh"].path == runner.config_dir / "kilo.json"
    assert servers["gh"].value["environment"] == {"T": "{env:GITHUB_TOKEN}"}


def test_an_existing_kilo_jsonc_is_used(runner):
    project = runner.env.project()
    runner.write(project / ".mcp.json", MCP_JSON)
    runner.write(project / ".kilo/kilo.jsonc", "{}\n")
    runner.write(runner.config_dir / "kilo.jsonc", "{}\n")
    assert by_kind(runner.outputs(project), "mcp")["plain"].path == project / ".kilo/kilo.jsonc"


def test_a_lone_claude_md_is_read_natively(runner):
    project = runner.env.project()
    runner.write(project / "CLAUDE.md", "# Rules\n\nUse pnpm.\n")
    runner.write(runner.home / ".claude/CLAUDE.md", "Be brief.\n")
    assert by_kind(runner.outputs(project), "rules") == {}
    native = {r.name: r.reason for r in runner.report(project) if r.action == "native"}
    assert native["CLAUDE.md"].startswith("read natively by Kilo (")
    assert len([r for r in runner.report(project) if r.kind == "rules" and r.action == "native"]) == 2


def test_agents_md_is_written_when_kilo_would_miss_something(runner):
    project = runner.env.project()
    runner.write(project / "CLAUDE.md", "# Rules\n\n@docs/more.md\n")
    runner.write(project / "docs/more.md", "More rules.\n")
    runner.write(runner.home / ".claude/CLAUDE.md", "Be brief.\n")
    runner.write(runner.home / ".claude/rules/python.md", "Use uv.\n")
    rules = by_kind(runner.outputs(project), "rules")
    assert rules["project rules"].path == project / "AGENTS.md"
    assert "More rules." in rules["project rules"].content, "Kilo does not expand @imports"
    assert rules["user rules"].path == runner.config_dir / "AGENTS.md"


def test_an_agents_md_of_the_user_s_hides_claude_md(runner):
    project = runner.env.project()
    runner.write(project / "CLAUDE.md", "# Rules\n\nUse pnpm.\n")
    runner.write(project / "AGENTS.md", "# Our agents file\n")
    assert by_kind(runner.outputs(project), "rules")["project rules"].path == project / "AGENTS.md"


def test_without_the_claude_prompt_fallback_user_rules_are_written(runner):
    runner.env.environ["KILO_DISABLE_CLAUDE_CODE_PROMPT"] = "1"
    runner.write(runner.home / ".claude/CLAUDE.md", "Be brief.\n")
    assert set(by_kind(runner.outputs(None), "rules")) == {"user rules"}


AGENT = "---\nname: {name}\ndescription: d\n{extra}\n---\nPrompt.\n"


def test_agent_colours_and_tools(runner):
    agents = runner.home / ".claude/agents"
    runner.write(agents / "red.md", AGENT.format(name="red", extra="color: red\ntools: Read, Grep"))
    runner.write(agents / "themed.md", AGENT.format(name="themed", extra="color: accent"))
    runner.write(agents / "hex.md", AGENT.format(name="hex", extra="color: '#00ff00'\ntools: Bash"))
    outputs = by_kind(runner.outputs(None), "agents")
    red, themed, hexed = (outputs[n].content for n in ("red", "themed", "hex"))
    assert "color" not in red and "tools" not in red
    assert "  background_process: deny\n" in red and "  read: deny" not in red
    assert "color: accent\n" in themed
    assert "color: '#00ff00'\n" in hexed and "background_process" not in hexed
    colour = [r for r in runner.report(None) if r.name == "red" and r.field == "color"]
    assert len(colour) == 1 and "ignores the whole agent" in colour[0].reason


def test_a_goal_command_is_not_written(runner):
    commands = runner.home / ".claude/commands"
    runner.write(commands / "goal.md", "Work on $ARGUMENTS\n")
    runner.write(commands / "init.md", "Set up\n")
    outputs = by_kind(runner.outputs(None), "commands")
    assert set(outputs) == {"init"}
    assert isinstance(outputs["init"], FileOutput)
    report = {(r.name, r.action): r.reason for r in runner.report(None)}
    assert "reserved by Kilo" in report[("goal", "skipped")]
    assert "Kilo built-in" in report[("init", "warning")]


def test_nothing_goes_to_opencode_s_places(runner):
    project = runner.team()
    for output in runner.outputs(project).values():
        assert ".opencode" not in output.path.parts and "opencode" not in output.path.name
