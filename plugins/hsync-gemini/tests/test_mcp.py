"""MCP servers → ``mcpServers`` entries of ``settings.json``; everything else in the file stays."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from hsync_core import JsonEntry, Rendered, jsonc
from hsync_core.testing import HsyncEnv, RunResult

SERVERS = {
    "db": {
        "command": "npx",
        "args": ["-y", "db-mcp", "${DB_URL:-postgres://localhost/dev}"],
        "env": {"DB_TOKEN": "${DB_TOKEN}"},
        "cwd": "/srv",
    },
    "docs": {
        "type": "http",
        "url": "https://docs.example.com/mcp",
        "headers": {"Authorization": "Bearer ${DOCS}"},
    },
    "events": {"type": "sse", "url": "https://events.example.com/sse"},
    "my_notes": {"command": "notes-mcp", "timeout": 5000},
}


def entries(result: Rendered) -> dict[str, dict]:
    return {o.key[1]: o.value for o in result.outputs if isinstance(o, JsonEntry) and o.kind == "mcp"}


def test_transports_are_written_the_way_gemini_reads_them(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    hsync_env.write(".claude.json", json.dumps({"mcpServers": SERVERS}))
    result = rendered(None)
    assert entries(result) == {
        "db": {
            "command": "npx",
            "args": ["-y", "db-mcp", "${DB_URL:-postgres://localhost/dev}"],
            "env": {"DB_TOKEN": "${DB_TOKEN}"},
            "cwd": "/srv",
        },
        "docs": {"httpUrl": "https://docs.example.com/mcp", "headers": {"Authorization": "Bearer ${DOCS}"}},
        "events": {"url": "https://events.example.com/sse", "type": "sse"},
        "my-notes": {"command": "notes-mcp"},
    }
    reasons = {(r.name, r.field): r.reason for r in result.report if r.kind == "mcp"}
    assert reasons[("my_notes", "name")].startswith("renamed 'my_notes' -> 'my-notes': ")
    assert "'timeout' dropped" in reasons[("my_notes", "timeout")]


def test_streamable_http_never_becomes_a_plain_url(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    hsync_env.write(
        ".claude.json", json.dumps({"mcpServers": {"x": {"type": "http", "url": "https://x/mcp"}}})
    )
    assert entries(rendered(None))["x"] == {"httpUrl": "https://x/mcp"}


def test_secrets_stay_references(hsync_env: HsyncEnv, sync: Callable[..., RunResult]) -> None:
    hsync_env.environ["DB_TOKEN"] = "s3cret-value"
    hsync_env.write(".claude.json", json.dumps({"mcpServers": SERVERS}))
    sync(None)
    text = (hsync_env.home / ".gemini/settings.json").read_text()
    assert "s3cret-value" not in text and "${DB_TOKEN}" in text


def test_comments_and_the_users_servers_survive(hsync_env: HsyncEnv, sync: Callable[..., RunResult]) -> None:
    original = (
        "{\n"
        "    // four-space indent and comments\n"
        '    "mcpServers": {\n'
        '        "mine": { "command": "my-mcp" } /* hand-made */\n'
        "    },\n"
        '    "ui": { "theme": "Dracula" }\n'
        "}\n"
    )
    hsync_env.write(".gemini/settings.json", original)
    hsync_env.write(".claude.json", json.dumps({"mcpServers": {"docs": SERVERS["docs"]}}))
    sync(None)
    text = (hsync_env.home / ".gemini/settings.json").read_text()
    assert text.startswith(
        '{\n    // four-space indent and comments\n    "mcpServers": {\n        "mine": { "command"'
    )
    assert "/* hand-made */" in text
    assert '\n        "docs": {\n            "httpUrl"' in text
    assert jsonc.parse(text).value["ui"] == {"theme": "Dracula"}
    (hsync_env.home / ".claude.json").unlink()
    sync(None)
    assert (hsync_env.home / ".gemini/settings.json").read_text() == original


def test_a_removed_server_is_removed(hsync_env: HsyncEnv, sync: Callable[..., RunResult]) -> None:
    hsync_env.write(
        ".claude.json", json.dumps({"mcpServers": {"a": SERVERS["events"], "b": SERVERS["docs"]}})
    )
    sync(None)
    hsync_env.write(".claude.json", json.dumps({"mcpServers": {"b": SERVERS["docs"]}}))
    result = sync(None)
    assert [c.detail for c in result.targets["gemini"].changes if c.action == "remove"] == ["- mcpServers.a"]
    assert set(jsonc.parse((hsync_env.home / ".gemini/settings.json").read_text()).value["mcpServers"]) == {
        "b"
    }


def test_a_server_the_user_wrote_by_hand_is_a_conflict(
    hsync_env: HsyncEnv, sync: Callable[..., RunResult]
) -> None:
    hsync_env.write(".gemini/settings.json", '{"mcpServers": {"docs": {"httpUrl": "https://mine"}}}\n')
    hsync_env.write(".claude.json", json.dumps({"mcpServers": {"docs": SERVERS["docs"]}}))
    result = sync(None)
    assert [c.action for c in result.targets["gemini"].changes] == ["conflict"]
    assert "https://mine" in (hsync_env.home / ".gemini/settings.json").read_text()


def test_local_servers_go_to_an_untracked_project_file_only(
    hsync_env: HsyncEnv, make_project: Callable[..., Path], rendered: Callable[..., Rendered]
) -> None:
    project = make_project()
    local = {"projects": {str(project): {"mcpServers": {"mine": {"command": "mine-mcp"}}}}}
    hsync_env.write(".claude.json", json.dumps(local))
    [output] = [o for o in rendered(project).outputs if isinstance(o, JsonEntry)]
    assert output.path == project / ".gemini/settings.json" and output.key == ("mcpServers", "mine")
    hsync_env.write(project / ".gemini/settings.json", "{}\n")
    subprocess.run(
        ["git", "-C", str(project), "add", ".gemini/settings.json"], check=True, env=hsync_env.environ
    )
    result = rendered(project)
    assert [o for o in result.outputs if isinstance(o, JsonEntry)] == []
    assert any(r.name == "mine" and "git tracks it" in r.reason for r in result.report)


def test_disabled_project_servers_are_not_written(
    hsync_env: HsyncEnv, make_project: Callable[..., Path], rendered: Callable[..., Rendered]
) -> None:
    project = make_project()
    hsync_env.write(
        project / ".mcp.json", json.dumps({"mcpServers": {"off": {"command": "x"}, "on": {"command": "y"}}})
    )
    hsync_env.write(project / ".claude/settings.json", json.dumps({"disabledMcpjsonServers": ["off"]}))
    result = rendered(project)
    assert set(entries(result)) == {"on"}
    assert any(r.name == "off" and r.action == "skipped" for r in result.report)


def test_bare_variables_gemini_would_expand_are_reported(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    hsync_env.write(
        ".claude.json", json.dumps({"mcpServers": {"x": {"command": "run", "args": ["$HOME/x"]}}})
    )
    assert any("$HOME" in r.reason for r in rendered(None).report)


def test_a_rename_that_collides_is_reported_not_written_twice(
    hsync_env: HsyncEnv, rendered: Callable[..., Rendered]
) -> None:
    hsync_env.write(
        ".claude.json", json.dumps({"mcpServers": {"my-db": {"command": "a"}, "my_db": {"command": "b"}}})
    )
    result = rendered(None)
    assert entries(result) == {"my-db": {"command": "a"}}
    assert any(
        r.name == "my_db"
        and r.action == "skipped"
        and "(.claude.json) already takes the name 'my-db'" in r.reason
        for r in result.report
    )
