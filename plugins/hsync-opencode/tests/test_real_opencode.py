"""The real OpenCode reads what hsync wrote (``opencode-ai`` from the npm registry, pinned).

Only commands that parse configuration run: ``opencode debug config --pure``, ``debug agent``
and ``debug skill``; never ``opencode mcp list``, which starts every server. They run on copies
of the synced home and project, with a throwaway ``HOME``, the XDG directories inside it, stdin
from /dev/null and a timeout. ``debug config`` prints values with ``{env:VAR}`` already replaced
(and values with secret-looking names as ``***``), so the variables get sentinel values here.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from hsync_core import KINDS, FileOutput, JsonEntry, jsonc
from hsync_core.testing import client_environ, copy_for_client, npm_cli, run_client

pytestmark = pytest.mark.realcli

OPENCODE = ("opencode-ai", "1.18.33", "opencode")
SENTINELS = {
    "GITHUB_TOKEN": "sentinel-github-token",
    "GITHUB_MCP_LOG_LEVEL": "sentinel-log-level",
    "DATABASE_URL": "sentinel-database-url",
    "API_HOST": "api.sentinel.test",
    "API_GATEWAY_KEY": "sentinel-api-key",
    "CONTEXT7_API_KEY": "sentinel-context7",
}


class Synced:
    """The team setup synced (every kind), copied for OpenCode, and how to run OpenCode on it."""

    def __init__(self, runner):
        self.runner = runner
        self.project = runner.team()
        self.outputs = runner.outputs(self.project, kinds=KINDS)
        runner.run(self.project, kinds=KINDS)
        self.home, self.copy = copy_for_client(runner.env, self.project)
        self.binary = npm_cli(*OPENCODE)

    def opencode(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        home = self.home
        (home / "tmp").mkdir(exist_ok=True)
        environ = client_environ(
            self.runner.env,
            home,
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local/share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_STATE_HOME=str(home / ".local/state"),
            TMPDIR=str(home / "tmp"),
            OPENCODE_DISABLE_MODELS_FETCH="1",
            OPENCODE_DISABLE_AUTOUPDATE="1",
            OPENCODE_DISABLE_LSP_DOWNLOAD="1",
            OPENCODE_DISABLE_SHARE="1",
            **SENTINELS,
            **extra,
        )
        return run_client([str(self.binary), *args], cwd=self.copy, env=environ)

    def json(self, *args: str, **extra: str) -> Any:
        done = self.opencode(*args, **extra)
        assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-3000:]
        return json.loads(done.stdout)

    def files(self, kind: str) -> list[FileOutput]:
        return [o for o in self.outputs.values() if isinstance(o, FileOutput) and o.kind == kind]

    def servers(self) -> list[JsonEntry]:
        return [o for o in self.outputs.values() if isinstance(o, JsonEntry) and o.kind == "mcp"]


@pytest.fixture
def synced(runner) -> Synced:
    return Synced(runner)


def body_of(content: str) -> str:
    return content.split("\n---\n", 1)[1] if content.startswith("---\n") else content


def opencode_name(output: FileOutput, directory: str) -> str:
    parts = output.path.parts
    return "/".join(parts[len(parts) - parts[::-1].index(directory) :]).removesuffix(".md")


def test_debug_config_has_every_server_agent_and_command(synced):
    config = synced.json("debug", "config", "--pure")
    servers = config["mcp"]
    synced_names = {o.key[1] for o in synced.servers()}
    assert synced_names == {
        "github",
        "context7",
        "acme-docs",
        "postgres-local",
        "filesystem",
        "sentry",
        "api-gateway",
        "legacy-search",
    }
    for output in synced.servers():
        server = servers[output.key[1]]
        assert server["type"] == output.value["type"]
        if server["type"] == "local":
            assert isinstance(server["command"], list) and server["command"], server
        else:
            assert server["url"].startswith("https://"), server
    # {env:VAR} references, resolved by OpenCode itself
    assert servers["github"]["environment"]["GITHUB_LOG_LEVEL"] == "sentinel-log-level"
    assert servers["github"]["environment"]["GITHUB_PERSONAL_ACCESS_TOKEN"] == "***"
    assert servers["postgres-local"]["command"] == ["uvx", "mcp-server-postgres", "sentinel-database-url"]
    assert servers["api-gateway"]["url"] == "https://api.sentinel.test/mcp"
    assert servers["legacy-search"]["enabled"] is False
    # the user's own keys and servers
    assert servers["my-notes"]["command"] == ["notes-mcp", "--dir", "~/notes"]
    assert servers["team-search"]["url"] == "https://search.acme.dev/mcp"
    assert config["model"] == "anthropic/claude-sonnet-4-5"
    assert config["snapshot"] is True
    # agents: parsed front matter, so the prompt is the body
    agents = synced.files("agents")
    assert len(agents) == 5
    for output in agents:
        agent = config["agent"][opencode_name(output, "agent")]
        assert agent["mode"] == "subagent"
        assert not agent["prompt"].startswith("---"), agent
        assert agent["prompt"] == body_of(output.content).strip()
        assert agent["description"]
    # commands: every one, with its template
    commands = synced.files("commands")
    assert len(commands) == 6
    for output in commands:
        command = config["command"][opencode_name(output, "command")]
        assert command["template"] == body_of(output.content).strip()
        assert not command["template"].startswith("---")
    assert config["command"]["db/migrate"]["model"] == "anthropic/claude-haiku-4-5"
    assert next(iter(config["permission"]["bash"])) == "*"


def test_raw_files_keep_references_and_the_user_s_comments(synced):
    user = (synced.home / ".config/opencode/opencode.json").read_text(encoding="utf-8")
    project = (synced.copy / "opencode.jsonc").read_text(encoding="utf-8")
    assert "// My OpenCode settings: keep these comments!" in user
    assert '"Authorization": "Bearer {env:CONTEXT7_API_KEY}"' in user
    assert '"X-Api-Key": "{env:API_GATEWAY_KEY}"' in project
    assert jsonc.parse(user).value["theme"] == "tokyonight"
    for text in (user, project):
        assert "sentinel" not in text and "${" not in text


def test_debug_agent_sees_the_permission_map(synced):
    reviewer = synced.json("debug", "agent", "code-reviewer", "--pure")
    tools = reviewer["tools"]
    assert tools["read"] and tools["grep"] and tools["glob"]
    for tool in ("edit", "write", "bash", "task", "webfetch", "todowrite", "skill"):
        assert tools[tool] is False, tool
    assert tools.get("websearch", False) is False, "OpenCode offers websearch with some models only"
    researcher = synced.json("debug", "agent", "researcher", "--pure")
    assert researcher["tools"]["edit"] is False
    assert researcher["tools"]["bash"] is True, "bash asks, except rm, which is denied"
    rules = [(r["permission"], r["pattern"], r["action"]) for r in researcher["permission"]]
    assert rules.index(("bash", "*", "ask")) < rules.index(("bash", "rm *", "deny"))
    sql = synced.json("debug", "agent", "sql-expert", "--pure")
    assert sql["model"] == {"providerID": "anthropic", "modelID": "claude-sonnet-4-5"}
    linter = synced.json("debug", "agent", "acme-tools/linter", "--pure")
    assert linter["tools"]["edit"] is True and linter["tools"]["bash"] is False


def test_debug_skill_lists_claude_skills_hsync_did_not_write(synced):
    skills = {s["name"]: s["location"] for s in synced.json("debug", "skill", "--pure")}
    assert Path(skills["pdf-tools"]) == synced.home / ".claude/skills/pdf-tools/SKILL.md"
    assert Path(skills["commit-helper"]) == synced.home / ".claude/skills/commit-helper/SKILL.md"
    assert Path(skills["release-notes"]) == synced.copy / ".claude/skills/release-notes/SKILL.md"
    assert Path(skills["lint-fix"]) == synced.home / ".config/opencode/skill/lint-fix/SKILL.md"
    assert [p.name for p in (synced.home / ".config/opencode/skill").iterdir()] == ["lint-fix"]
    assert not (synced.copy / ".opencode/skill").exists()


def test_skills_are_linked_when_opencode_skips_claude_skills(runner):
    switch = {"OPENCODE_DISABLE_CLAUDE_CODE_SKILLS": "1"}
    runner.env.environ.update(switch)
    synced = Synced(runner)
    skills = {s["name"]: s["location"] for s in synced.json("debug", "skill", "--pure", **switch)}
    user_skills = synced.home / ".config/opencode/skill"
    assert Path(skills["pdf-tools"]) == user_skills / "pdf-tools/SKILL.md"
    assert Path(skills["commit-helper"]) == user_skills / "commit-helper/SKILL.md"
    assert Path(skills["lint-fix"]) == user_skills / "lint-fix/SKILL.md"
    assert Path(skills["release-notes"]) == synced.copy / ".opencode/skill/release-notes/SKILL.md"
