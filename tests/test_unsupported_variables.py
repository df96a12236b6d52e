"""``${input:…}`` and other variable forms no harness can carry: every target skips the server
with the same reason, through the CLI; ``${VAR}`` and ``${VAR:-default}`` still go through."""

from __future__ import annotations

import json

from hsync_core import McpServer, unsupported_variable_reason
from hsync_core.testing import HsyncEnv

SERVERS = {
    "mcpServers": {
        "pasted": {"command": "npx", "args": ["-y", "pasted-mcp"], "env": {"API_KEY": "${input:api-key}"}},
        "fine": {"command": "fine-mcp", "env": {"TOKEN": "${TOKEN}"}},
    }
}
REASON = (
    "env.API_KEY uses ${input:api-key} (a VS Code prompt for a value: no harness asks for it); "
    "only ${VAR} and ${VAR:-default} can be carried, so the server is not written"
)


def test_the_rule() -> None:
    def server(**kw) -> McpServer:
        return McpServer(name="s", scope="user", level="user", transport="stdio", **kw)

    assert unsupported_variable_reason(server(command="x", env={"A": "${A}", "B": "${B:-b}"})) is None
    assert unsupported_variable_reason(server(command="x", env={"API_KEY": "${input:api-key}"})) == REASON
    assert unsupported_variable_reason(server(command="x", args=("--dir", "${workspaceFolder}"))) is None
    assert unsupported_variable_reason(server(command="x", args=("${env:HOME}/x",))).startswith(
        "args[0] uses ${env:HOME}; only"
    )
    assert "headers.Authorization uses ${VAR:?missing}" in str(
        unsupported_variable_reason(server(url="https://x", headers={"Authorization": "${VAR:?missing}"}))
    )


def test_every_target_skips_the_server_with_one_reason(hsync_env: HsyncEnv) -> None:
    project = hsync_env.project()
    hsync_env.write(project / ".mcp.json", json.dumps(SERVERS))
    done = hsync_env.run("sync", "--json", project=project)
    assert done.returncode == 0, done.stdout + done.stderr
    targets = json.loads(done.stdout)["targets"]
    assert {"codex", "gemini", "opencode"} <= set(targets)
    for name, result in targets.items():
        reasons = [i["reason"] for i in result["items"] if i["name"] == "pasted" and i["kind"] == "mcp"]
        if name in ("qwen", "copilot"):  # they read the project's .mcp.json natively: nothing to skip
            assert [r.split(" (")[0] for r in reasons] == [
                "read natively by " + ("Qwen Code" if name == "qwen" else "Copilot")
            ]
            continue
        assert reasons == [REASON], (name, result["items"])
    assert "pasted" not in (project / ".codex/config.toml").read_text()
    assert "fine" in (project / ".codex/config.toml").read_text()
    gemini = json.loads((project / ".gemini/settings.json").read_text())["mcpServers"]
    assert set(gemini) == {"fine"}
    assert "input:" not in (project / "opencode.json").read_text()
    assert hsync_env.run("check", project=project).returncode == 0
