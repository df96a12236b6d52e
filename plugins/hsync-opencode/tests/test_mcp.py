"""MCP: entries of "mcp" in opencode.json(c), V1 shape, {env:VAR} references, user keys kept."""

from __future__ import annotations

import json

from hsync_core import jsonc


def config(path):
    return jsonc.parse(path.read_text(encoding="utf-8")).value


def test_user_servers_in_the_v1_shape(runner):
    project = runner.team()
    runner.run(project)
    servers = config(runner.config_dir / "opencode.json")["mcp"]
    assert servers["github"] == {
        "type": "local",
        "command": ["npx", "-y", "@modelcontextprotocol/server-github"],
        "environment": {
            "GITHUB_PERSONAL_ACCESS_TOKEN": "{env:GITHUB_TOKEN}",
            "GITHUB_LOG_LEVEL": "{env:GITHUB_MCP_LOG_LEVEL}",
        },
    }
    assert servers["context7"] == {
        "type": "remote",
        "url": "https://mcp.context7.com/mcp",
        "headers": {"Authorization": "Bearer {env:CONTEXT7_API_KEY}"},
    }
    plugin_root = runner.home / ".claude/plugins/cache/acme/acme-tools/1.2.0"
    assert servers["acme-docs"] == {"type": "local", "command": [f"{plugin_root}/bin/docs-mcp", "--stdio"]}


def test_project_servers_go_into_the_existing_jsonc(runner):
    project = runner.team()
    runner.run(project)
    assert not (project / "opencode.json").exists()
    servers = config(project / "opencode.jsonc")["mcp"]
    assert servers["sentry"] == {"type": "remote", "url": "https://mcp.sentry.dev/sse"}
    assert servers["api-gateway"] == {
        "type": "remote",
        "url": "https://{env:API_HOST}/mcp",
        "headers": {"X-Api-Key": "{env:API_GATEWAY_KEY}", "X-Team": "web"},
    }
    assert servers["legacy-search"]["enabled"] is False, "disabledMcpjsonServers"
    assert servers["postgres-local"]["command"] == ["uvx", "mcp-server-postgres", "{env:DATABASE_URL}"]
    assert servers["filesystem"]["type"] == "local"


def test_new_project_file_is_opencode_json(runner):
    project = runner.team()
    (project / "opencode.jsonc").unlink()
    runner.run(project)
    data = json.loads((project / "opencode.json").read_text(encoding="utf-8"))
    assert sorted(data) == ["mcp"]
    assert "filesystem" in data["mcp"]


def test_user_keys_comments_and_order_survive(runner):
    project = runner.team()
    before = (runner.config_dir / "opencode.json").read_text(encoding="utf-8")
    runner.run(project)
    after = (runner.config_dir / "opencode.json").read_text(encoding="utf-8")
    head = before[: before.index('"my-notes"')]
    assert after.startswith(head), "comments, $schema, theme, model and order are kept"
    assert '    /* a server I added by hand */\n    "my-notes": {' in after
    data = config(runner.config_dir / "opencode.json")
    assert data["theme"] == "tokyonight"
    assert data["model"] == "anthropic/claude-sonnet-4-5"
    assert data["mcp"]["my-notes"] == {"type": "local", "command": ["notes-mcp", "--dir", "~/notes"]}
    assert next(iter(data["mcp"])) == "my-notes"
    project_text = (project / "opencode.jsonc").read_text(encoding="utf-8")
    assert project_text.startswith("// The team's OpenCode settings (committed).\n")
    assert "    // hand-added: the team's search server\n" in project_text


def test_default_values_are_reported_and_never_resolved(runner, hsync_env):
    project = runner.team()
    hsync_env.environ.update(DATABASE_URL="postgresql://secret@db/prod", GITHUB_TOKEN="ghp_secret")
    plan = runner.plan(project)
    note = next(r for r in plan.report if r.kind == "mcp" and r.name == "postgres-local")
    assert note.action == "warning"
    assert "${DATABASE_URL:-postgresql://localhost/dev}" in note.reason
    runner.run(project)
    for path in (runner.config_dir / "opencode.json", project / "opencode.jsonc"):
        text = path.read_text(encoding="utf-8")
        assert "secret" not in text
        assert "${" not in text


def test_sse_is_noted(runner):
    project = runner.team()
    note = next(r for r in runner.report(project) if r.kind == "mcp" and r.name == "sentry")
    assert note.action == "info"


def test_local_server_is_skipped_when_git_tracks_the_project_file(runner):
    project = runner.team()
    runner.commit(project)
    plan = runner.plan(project)
    assert not any(c.item == "postgres-local" for c in plan.changes)
    note = next(r for r in plan.report if r.name == "postgres-local")
    assert note.action == "skipped"
    assert "git tracks it" in note.reason


def test_one_name_at_user_and_project_level_goes_to_both_files(runner):
    project = runner.team()
    runner.write(
        ".claude.json",
        (runner.home / ".claude.json").read_text(encoding="utf-8").replace('"context7"', '"filesystem"'),
    )
    runner.run(project)
    assert "filesystem" in config(runner.config_dir / "opencode.json")["mcp"]
    assert "filesystem" in config(project / "opencode.jsonc")["mcp"]


def test_plugin_server_loses_to_a_user_server_of_the_same_name(runner):
    project = runner.team()
    text = (runner.home / ".claude.json").read_text(encoding="utf-8").replace('"context7"', '"acme-docs"')
    runner.write(".claude.json", text)
    plan = runner.plan(project)
    note = next(r for r in plan.report if r.name == "acme-tools:acme-docs")
    assert "shadowed by mcp:acme-docs" in note.reason
    runner.run(project)
    assert config(runner.config_dir / "opencode.json")["mcp"]["acme-docs"]["type"] == "remote"


def test_removed_server_is_removed_and_check_sees_it(runner):
    project = runner.team()
    runner.run(project)
    data = json.loads((project / ".mcp.json").read_text(encoding="utf-8"))
    del data["mcpServers"]["sentry"]
    (project / ".mcp.json").write_text(json.dumps(data), encoding="utf-8")
    check = runner.plan(project)
    assert [c.item for c in check.changes if c.action == "remove"] == ["sentry"]
    runner.run(project)
    servers = config(project / "opencode.jsonc")["mcp"]
    assert "sentry" not in servers
    assert "team-search" in servers


def test_a_server_the_user_defined_in_the_v2_shape_is_left_alone(runner):
    project = runner.team()
    runner.write(
        runner.config_dir / "opencode.json",
        '{\n  "mcp": {\n    "servers": {\n      "github": {"type": "remote", "url": "https://gh.example/mcp"}\n    }\n  }\n}\n',
    )
    plan = runner.plan(project)
    note = next(r for r in plan.report if r.kind == "mcp" and r.name == "github")
    assert note.action == "skipped"
    assert "mcp.servers" in note.reason
    runner.run(project)
    servers = config(runner.config_dir / "opencode.json")["mcp"]
    assert servers["servers"] == {"github": {"type": "remote", "url": "https://gh.example/mcp"}}
    assert "github" not in servers
    assert "context7" in servers
