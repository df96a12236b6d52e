"""MCP servers → [mcp_servers.<name>] tables in Codex's config.toml files."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest

from hsync_codex.mcp import Untranslatable, codex_name, server_table
from hsync_core import McpServer
from hsync_core.testing import HsyncEnv


def _servers(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8")).get("mcp_servers", {})


def _server(**spec) -> McpServer:
    return McpServer(name="s", scope="user", level="user", **spec)


def test_user_servers_go_to_the_user_config_with_variables_as_names(codex, team: Path) -> None:
    codex.sync(team)
    servers = _servers(codex.codex_home / "config.toml")
    assert servers["github"] == {
        "command": "npx",
        "args": ["-y", "@modelcontextprotocol/server-github"],
        "env": {"GITHUB_TOOLSETS": "repos"},
        "env_vars": ["GITHUB_PERSONAL_ACCESS_TOKEN"],
    }
    assert servers["context7"] == {
        "url": "https://mcp.context7.com/mcp",
        "bearer_token_env_var": "CONTEXT7_API_KEY",
    }
    assert servers["docs-search"] == {
        "url": "https://docs.example.com/mcp",
        "http_headers": {"X-Team": "web"},
        "env_http_headers": {"X-Api-Key": "DOCS_API_KEY"},
    }
    assert servers["my-notes"] == {"command": "notes-mcp", "args": ["--dir", "~/notes"]}  # the person's own


def test_project_and_local_servers_go_to_the_project_config(codex, team: Path) -> None:
    result = codex.sync(team)
    servers = _servers(team / ".codex" / "config.toml")
    assert servers["filesystem"] == {
        "command": "npx",
        "args": ["-y", "@modelcontextprotocol/server-filesystem", "."],
    }
    assert servers["notes-local"] == {
        "command": "notes-mcp",
        "args": ["--dir", "notes"],
        "env_vars": ["NOTES_TOKEN"],
    }
    assert set(servers) == {"filesystem", "notes-local"}
    reasons = {
        e.name: e.reason for e in result.targets["codex"].report if e.kind == "mcp" and e.action == "skipped"
    }
    assert reasons == {
        "sentry": "Codex runs stdio and streamable-HTTP servers only, not SSE",
        "tracker": "header Authorization mixes text with a variable ('Token ${TRACKER_TOKEN}'); "
        "Codex cannot read that from the environment",
        "postgres-local": "an argument uses a variable ('${DATABASE_URL:-postgresql://localhost/dev}'); "
        "Codex expands no variables there, and hsync never writes a variable's value",
    }


def test_a_local_server_stays_out_of_a_tracked_project_config(codex, hsync_env: HsyncEnv, team: Path) -> None:
    config = team / ".codex" / "config.toml"
    config.parent.mkdir()
    config.write_text("# the team's Codex config\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(team), "add", ".codex/config.toml"], check=True, env=hsync_env.environ)
    result = codex.sync(team)
    assert set(_servers(config)) == {"filesystem"}
    [entry] = codex.reports(result, "mcp", "notes-local")
    assert entry.action == "skipped"
    assert (
        entry.reason
        == "a personal (local-scope) server is not written into .codex/config.toml: git tracks it"
    )


def test_no_type_key_and_no_headers_key(codex, team: Path) -> None:
    codex.sync(team)
    for path in (codex.codex_home / "config.toml", team / ".codex" / "config.toml"):
        for name, table in _servers(path).items():
            assert "type" not in table and "headers" not in table, name


def test_a_renamed_variable_is_forwarded_under_the_servers_name(codex, team: Path) -> None:
    rendered = codex.render(team)
    [entry] = codex.reports(rendered, "mcp", "github")
    assert entry.action == "warning" and entry.field == "env"
    assert (
        "gets GITHUB_PERSONAL_ACCESS_TOKEN from the environment Codex runs in (not GITHUB_TOKEN)"
        in entry.reason
    )


def test_names_outside_codexs_alphabet_are_renamed(codex, team: Path) -> None:
    rendered = codex.render(team)
    [entry] = codex.reports(rendered, "mcp", "docs.search")
    assert (
        entry.reason
        == "renamed 'docs.search' -> 'docs-search': Codex accepts only letters, digits, '-' and '_' in server names"
    )
    assert codex_name("a b.c") == "a-b-c"
    assert codex_name("...") == "server"


def test_two_names_that_become_one_keep_the_first(codex, hsync_env: HsyncEnv) -> None:
    servers = {"docs.search": {"command": "a"}, "docs search": {"command": "b"}}
    hsync_env.write(".claude.json", json.dumps({"mcpServers": servers}))
    rendered = codex.render()
    assert [o.value for o in rendered.outputs if o.kind == "mcp"] == [{"command": "a"}]
    [entry] = codex.reports(rendered, "mcp", "docs search")
    assert (
        entry.reason
        == "the user MCP server docs.search (.claude.json) already takes the name 'docs-search' in "
        "$CODEX_HOME/config.toml; the user MCP server docs search (.claude.json) is not written"
    )


def test_a_server_the_person_wrote_is_a_conflict_not_overwritten(
    codex, hsync_env: HsyncEnv, team: Path
) -> None:
    config = codex.codex_home / "config.toml"
    mine = config.read_text(encoding="utf-8").replace(
        "[profiles.fast]", '[mcp_servers.github]\ncommand = "my-github"\n\n[profiles.fast]'
    )
    config.write_text(mine, encoding="utf-8")
    result = codex.sync(team)
    [change] = [c for c in result.targets["codex"].changes if c.item == "github"]
    assert change.action == "conflict"
    assert "does not own" in change.reason
    assert _servers(config)["github"] == {"command": "my-github"}
    assert result.exit_code == 1


def test_servers_split_around_another_table(codex, team: Path) -> None:
    config = codex.codex_home / "config.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[mcp_servers.late]\ncommand = "late"\n')
    codex.sync(team)
    assert {"late", "github", "my-notes"} <= set(_servers(config))


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (
            {"transport": "stdio", "command": "x", "env": {"A": "${A}", "B": "b"}},
            {"env": {"B": "b"}, "env_vars": ["A"]},
        ),
        ({"transport": "stdio", "command": "x", "cwd": "/srv"}, {"cwd": "/srv"}),
        ({"transport": "stdio", "command": "x", "enabled": False}, {"enabled": False}),
        ({"transport": "stdio", "command": "x", "env": {"A": "$A"}}, {"env": {"A": "$A"}}),  # Claude keeps $A
        (
            {"transport": "http", "url": "https://x", "headers": {"authorization": "bearer ${T}"}},
            {"bearer_token_env_var": "T"},
        ),
        (
            {"transport": "http", "url": "https://x", "headers": {"Authorization": "${T}"}},
            {"env_http_headers": {"Authorization": "T"}},
        ),
        (
            {"transport": "http", "url": "https://x", "headers": {"X-A": "lit"}},
            {"http_headers": {"X-A": "lit"}},
        ),
    ],
)
def test_field_mapping(spec: dict, expected: dict) -> None:
    value, notes = server_table(_server(**spec))
    base = {"command": "x"} if spec["transport"] == "stdio" else {"url": "https://x"}
    assert value == {**base, **expected}
    assert notes == []


@pytest.mark.parametrize(
    ("spec", "why"),
    [
        ({"transport": "sse", "url": "https://x/sse"}, "not SSE"),
        ({"transport": "stdio", "command": "x", "env": {"A": "pre-${A}"}}, "mixes text with a variable"),
        ({"transport": "stdio", "command": "x", "env": {"A": "${A:-dev}"}}, "needs a default"),
        ({"transport": "stdio", "command": "${HOME}/bin/x"}, "command uses a variable"),
        ({"transport": "stdio", "command": "x", "cwd": "${PWD}"}, "cwd uses a variable"),
        ({"transport": "http", "url": "https://${HOST}/mcp"}, "url uses a variable"),
        ({"transport": "http", "url": "https://x", "headers": {"Authorization": "Basic ${B}"}}, "mixes text"),
    ],
)
def test_what_cannot_be_written_without_a_secret(spec: dict, why: str) -> None:
    with pytest.raises(Untranslatable, match=why):
        server_table(_server(**spec))


def test_a_variables_value_is_never_written(codex, hsync_env: HsyncEnv, team: Path) -> None:
    hsync_env.environ.update(GITHUB_TOKEN="ghp_secret_value", CONTEXT7_API_KEY="ctx7_secret_value")
    codex.sync(team)
    for path in (codex.codex_home / "config.toml", team / ".codex" / "config.toml"):
        text = path.read_text(encoding="utf-8")
        assert "secret_value" not in text and "${" not in text


def test_unknown_fields_are_reported(codex) -> None:
    value, notes = server_table(
        _server(transport="stdio", command="x", headers={"A": "b"}, extra={"timeout": 5})
    )
    assert value == {"command": "x"}
    assert notes == [
        ("headers", "`headers` dropped: a stdio server takes no HTTP headers"),
        ("timeout", "`timeout` dropped: Codex has no such MCP server setting"),
    ]
