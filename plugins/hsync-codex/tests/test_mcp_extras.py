"""What Claude says about an MCP server beyond its transport: ``headersHelper`` → ``http_headers_helper``,
and permission rules for its tools (opt-in ``settings``) → Codex's per-tool approval keys."""

from __future__ import annotations

import http.server
import json
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv

MCP_AND_SETTINGS = ["mcp", "settings"]
HELPER = """printf '{"X-Team": "%s", "X-Home": "%s"}' "${TEAM:-web}" "$HOME\""""


def _servers(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8")).get("mcp_servers", {})


def _setup(env: HsyncEnv, url: str = "https://docs.example.com/mcp") -> None:
    env.write(
        ".claude.json",
        json.dumps(
            {
                "mcpServers": {
                    "docs.search": {"type": "http", "url": url, "headersHelper": HELPER},
                    "github": {"command": "gh-mcp", "headersHelper": "ignored.sh"},
                }
            }
        ),
    )
    env.write(
        ".claude/settings.json",
        json.dumps(
            {
                "permissions": {
                    "allow": ["mcp__github__get_issue", "mcp__docs_search", "mcp__github__delete_repo"],
                    "ask": ["mcp__github__create_pr"],
                    "deny": ["mcp__github__delete_repo", "mcp__ghost__anything"],
                }
            }
        ),
    )


def test_headers_helper_and_tool_approvals_reach_the_server_tables(codex, hsync_env: HsyncEnv) -> None:
    _setup(hsync_env)
    result = codex.sync(kinds=MCP_AND_SETTINGS)
    servers = _servers(codex.codex_home / "config.toml")
    assert servers["docs-search"] == {
        "url": "https://docs.example.com/mcp",
        "http_headers_helper": HELPER,
        "default_tools_approval_mode": "approve",
    }
    assert servers["github"] == {
        "command": "gh-mcp",
        "disabled_tools": ["delete_repo"],  # deny beats allow, as in Claude Code
        "tools": {"get_issue": {"approval_mode": "approve"}, "create_pr": {"approval_mode": "prompt"}},
    }
    report = {(e.name, e.reason) for e in result.targets["codex"].report}
    assert ("github", "`headersHelper` dropped: Codex has no such MCP server setting") in report
    assert ("github", "deny mcp__github__delete_repo written as disabled_tools = ['delete_repo']") in report
    assert (
        "~/.claude/settings.json",
        "mcp__ghost__anything not written: no MCP server 'ghost' is synced to Codex here",
    ) in report
    assert not [r for _, r in report if "shell commands only" in r]  # MCP rules are not shell rules


def test_without_settings_no_approval_is_written(codex, hsync_env: HsyncEnv) -> None:
    _setup(hsync_env)
    codex.sync(kinds=["mcp"])
    assert "tools" not in _servers(codex.codex_home / "config.toml")["github"]
    assert _servers(codex.codex_home / "config.toml")["docs-search"]["http_headers_helper"] == HELPER


def test_a_project_rule_stays_out_of_the_user_config(codex, hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    _setup(hsync_env)
    hsync_env.write(
        project / ".mcp.json", json.dumps({"mcpServers": {"tracker": {"command": "tracker-mcp"}}})
    )
    hsync_env.write(
        project / ".claude/settings.json",
        json.dumps({"permissions": {"deny": ["mcp__tracker", "mcp__github__get_issue"]}}),
    )
    result = codex.sync(project, kinds=MCP_AND_SETTINGS)
    assert _servers(project / ".codex/config.toml")["tracker"] == {"command": "tracker-mcp", "enabled": False}
    user = _servers(codex.codex_home / "config.toml")["github"]
    assert user["tools"]["get_issue"] == {
        "approval_mode": "approve"
    }  # the project's deny serves the project only
    reasons = [e.reason for e in result.targets["codex"].report]
    assert "mcp__github__get_issue not written: no MCP server 'github' is synced to Codex here" in reasons


@pytest.fixture
def header_server() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A local HTTP endpoint that records the headers of every request and answers 404."""
    seen: list[dict[str, str]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen.append({k.lower(): v for k, v in self.headers.items()})
            self.send_response(404)
            self.end_headers()

        do_GET = do_POST

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/mcp", seen
    server.shutdown()
    thread.join()


@pytest.mark.realcli
def test_real_codex_runs_the_helper_and_accepts_the_approval_keys(
    codex, real_codex, hsync_env: HsyncEnv, header_server
) -> None:
    url, seen = header_server
    _setup(hsync_env, url)
    codex.sync(kinds=MCP_AND_SETTINGS)
    cli = real_codex(hsync_env.project())
    assert "__offline_validation__" in cli.strict_config()  # no unknown field: only the bogus provider fails
    listed = cli.mcp_list()
    assert listed["docs-search"]["transport"]["http_headers_helper"] == "<redacted>"
    got = cli.run("mcp", "get", "github", "--json")
    assert json.loads(got.stdout)["disabled_tools"] == ["delete_repo"]
    # Codex runs the helper in a shell when it connects: the server sees the headers it printed
    result, _ = cli.app_server("mcpServerStatus/list", {})
    assert result is not None
    assert seen, "Codex never reached the local server"
    assert seen[0]["x-team"] == "web" and seen[0]["x-home"] == str(cli.home)


def test_a_helper_added_in_codex_is_adopted_into_claude_code(hsync_env: HsyncEnv) -> None:
    """``hsync adopt`` reads http_headers_helper back as headersHelper, and a re-sync writes it again."""
    project = hsync_env.project()
    only_codex = {"HSYNC_LOAD_PLUGINS": "codex"}
    hsync_env.write(hsync_env.hsync_home / "config.toml", "[targets.codex]\nadopt = true\n")
    hsync_env.write(
        ".codex/config.toml",
        '[mcp_servers.wiki]\nurl = "https://wiki.example/mcp"\nhttp_headers_helper = "~/bin/wiki-headers"\n',
    )
    done = hsync_env.run("adopt", "codex", "wiki", "--yes", project=project, env=only_codex)
    assert done.returncode == 0, done.stdout + done.stderr
    server = json.loads((hsync_env.home / ".claude.json").read_text(encoding="utf-8"))["mcpServers"]["wiki"]
    assert server == {
        "type": "http",
        "url": "https://wiki.example/mcp",
        "headersHelper": "~/bin/wiki-headers",
    }
    assert hsync_env.run("check", project=project, env=only_codex).returncode == 0
