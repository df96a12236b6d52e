"""The real Kilo Code CLI reads what hsync wrote (``@kilocode/cli`` from the npm registry, pinned).

``@kilocode/cli`` 7.7.7 pulls its platform package (``@kilocode/cli-linux-x64`` and friends) at
the same version; both exist together in the registry (7.8.1 has no Linux platform package yet).
Only commands that parse configuration run: ``kilo config check``, ``kilo debug config --pure``,
``kilo agent list``, ``kilo debug agent``, ``kilo debug skill``; never ``kilo mcp list``, which
starts every server. They run with a throwaway ``HOME``, the XDG directories inside it and stdin
from /dev/null. ``debug config`` prints ``{env:VAR}`` already replaced, so the variables get
sentinel values here.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

import hsync_opencode
from hsync_core import KINDS, FileOutput, JsonEntry
from hsync_core.testing import client_environ, copy_for_client, npm_cli, run_client

pytestmark = pytest.mark.realcli

KILO = ("@kilocode/cli", "7.7.7", "kilo")
SENTINELS = {
    "GITHUB_TOKEN": "sentinel-github-token",
    "GITHUB_MCP_LOG_LEVEL": "sentinel-log-level",
    "CONTEXT7_API_KEY": "sentinel-context7",
}
WARNING = re.compile(r"level=(?:WARN|ERROR) .*?message=(\"[^\"]*\"|\S+)(.*)$")


def kilo(home: Path, cwd: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    environ = client_environ(
        None,  # type: ignore[arg-type]  # unused by client_environ
        home,
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local/state"),
        TMPDIR=str(home / "tmp"),
        KILO_DISABLE_AUTOUPDATE="1",
        KILO_DISABLE_MODELS_FETCH="1",
        KILO_DISABLE_LSP_DOWNLOAD="1",
        KILO_DISABLE_SHARE="1",
        KILO_TELEMETRY_LEVEL="off",
        **{**SENTINELS, **extra},
    )
    return run_client([str(npm_cli(*KILO)), *args], cwd=cwd, env=environ)


def as_json(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-3000:]
    return json.loads(done.stdout[done.stdout.index(next(c for c in done.stdout if c in "[{")) :])


def warnings(done: subprocess.CompletedProcess[str]) -> set[str]:
    """The warning and error messages of a ``--print-logs`` run (paths and times left out)."""
    found = set()
    for line in done.stderr.splitlines():
        match = WARNING.search(line)
        if match:
            found.add(match.group(1) + " " + re.sub(r"(duration|time|run)=\S+", "", match.group(2)).strip())
    return found


class Synced:
    """The team setup synced (every kind), copied for Kilo, and how to run Kilo on it."""

    def __init__(self, runner, **environ: str):
        runner.env.environ.update(environ)
        self.runner = runner
        self.environ = environ
        self.project = runner.team()
        self.outputs = runner.outputs(self.project, kinds=KINDS)
        runner.run(self.project, kinds=KINDS)
        self.home, self.copy = copy_for_client(runner.env, self.project)

    def kilo(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return kilo(self.home, self.copy, *args, **self.environ, **extra)

    def json(self, *args: str, **extra: str) -> Any:
        return as_json(self.kilo(*args, **extra))

    def files(self, kind: str) -> list[FileOutput]:
        return [o for o in self.outputs.values() if isinstance(o, FileOutput) and o.kind == kind]

    def servers(self) -> list[JsonEntry]:
        return [o for o in self.outputs.values() if isinstance(o, JsonEntry) and o.kind == "mcp"]


@pytest.fixture
def synced(runner) -> Synced:
    return Synced(runner)


def body_of(content: str) -> str:
    return content.split("\n---\n", 1)[1] if content.startswith("---\n") else content


def kilo_name(output: FileOutput, directory: str) -> str:
    parts = output.path.parts
    return "/".join(parts[len(parts) - parts[::-1].index(directory) :]).removesuffix(".md")


def baseline(tmp_path: Path) -> set[str]:
    """Kilo's warnings on an empty home and project (telemetry, file watcher)."""
    home, project = tmp_path / "empty-home", tmp_path / "empty-project"
    project.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    return warnings(kilo(home, project, "debug", "skill", "--pure", "--print-logs"))


def test_config_check_passes_without_new_warnings(synced, tmp_path):
    check = synced.kilo("config", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No config warnings." in check.stdout
    logged = warnings(synced.kilo("debug", "skill", "--pure", "--print-logs"))
    assert logged - baseline(tmp_path) == set()


def test_debug_config_has_every_server_agent_and_command(synced):
    config = synced.json("debug", "config", "--pure")
    servers = config["mcp"]
    synced_names = {o.key[1] for o in synced.servers()}
    # api-gateway (project, ${API_HOST}) and postgres-local (local, ${DATABASE_URL}) are skipped
    assert synced_names == {"github", "context7", "acme-docs", "filesystem", "sentry", "legacy-search"}
    for output in synced.servers():
        server = servers[output.key[1]]
        assert server["type"] == output.value["type"]
    assert servers["github"]["environment"]["GITHUB_LOG_LEVEL"] == "sentinel-log-level"
    assert servers["context7"]["headers"]["Authorization"] == "Bearer sentinel-context7"
    assert servers["legacy-search"]["enabled"] is False
    assert servers["my-notes"]["command"] == ["notes-mcp", "--dir", "~/notes"]
    assert servers["team-search"]["url"] == "https://search.acme.dev/mcp"
    assert config["snapshot"] is True
    agents = synced.files("agents")
    assert len(agents) == 5
    for output in agents:
        agent = config["agent"][kilo_name(output, "agent")]
        assert agent["mode"] == "subagent"
        assert agent["prompt"] == body_of(output.content).strip()
    commands = synced.files("commands")
    assert len(commands) == 6
    for output in commands:
        command = config["command"][kilo_name(output, "command")]
        assert command["template"] == body_of(output.content).strip()
    assert "goal" not in config["command"]
    assert next(iter(config["permission"]["bash"])) == "*"


def test_agent_list_and_debug_agent(synced):
    listed = synced.kilo("agent", "list")
    assert listed.returncode == 0, listed.stderr
    names = set(re.findall(r"^(\S+) \((?:subagent|primary|all)\)$", listed.stdout, re.MULTILINE))
    assert {"code-reviewer", "researcher", "test-runner", "sql-expert", "acme-tools/linter"} <= names
    reviewer = synced.json("debug", "agent", "code-reviewer", "--pure")
    tools = reviewer["tools"]
    assert tools["read"] and tools["grep"] and tools["glob"]
    for tool in ("edit", "write", "bash", "task", "webfetch", "skill", "background_process", "suggest"):
        assert tools.get(tool, False) is False, tool
    runner_agent = synced.json("debug", "agent", "test-runner", "--pure")
    assert runner_agent["tools"]["bash"] and runner_agent["tools"].get("background_process", True)
    researcher = synced.json("debug", "agent", "researcher", "--pure")
    assert researcher["tools"]["edit"] is False
    sql = synced.json("debug", "agent", "sql-expert", "--pure")
    assert sql["model"] == {"providerID": "anthropic", "modelID": "claude-sonnet-4-5"}


def test_debug_skill_lists_claude_skills_hsync_did_not_write(synced):
    skills = {s["name"]: s["location"] for s in synced.json("debug", "skill", "--pure")}
    assert Path(skills["pdf-tools"]) == synced.home / ".claude/skills/pdf-tools/SKILL.md"
    assert Path(skills["commit-helper"]) == synced.home / ".claude/skills/commit-helper/SKILL.md"
    assert Path(skills["release-notes"]) == synced.copy / ".claude/skills/release-notes/SKILL.md"
    assert Path(skills["lint-fix"]) == synced.home / ".config/kilo/skill/lint-fix/SKILL.md"
    assert not (synced.copy / ".kilo/skill").exists()


def test_skills_are_linked_when_kilo_skips_claude_skills(runner):
    synced = Synced(runner, KILO_DISABLE_CLAUDE_CODE_SKILLS="1")
    skills = {s["name"]: s["location"] for s in synced.json("debug", "skill", "--pure")}
    user_skills = synced.home / ".config/kilo/skill"
    assert Path(skills["pdf-tools"]) == user_skills / "pdf-tools/SKILL.md"
    assert Path(skills["lint-fix"]) == user_skills / "lint-fix/SKILL.md"
    assert Path(skills["release-notes"]) == synced.copy / ".kilo/skill/release-notes/SKILL.md"


def test_kilo_s_first_start_is_not_drift(runner):
    """Kilo rewrites ~/.config/kilo/kilo.json on its first start; hsync sees no drift after it."""
    project = runner.team()
    (runner.home / ".config/kilo/kilo.json").unlink()  # hsync creates the file
    runner.run(project, kinds=KINDS)
    before = (runner.home / ".config/kilo/kilo.json").read_text(encoding="utf-8")
    done = kilo(runner.home, project, "debug", "config", "--pure")
    assert done.returncode == 0, done.stderr
    after = (runner.home / ".config/kilo/kilo.json").read_text(encoding="utf-8")
    assert after != before and '"$schema"' in after, "Kilo no longer rewrites its config"
    plan = runner.plan(project, kinds=KINDS)
    assert [c for c in plan.changes if c.action != "unchanged"] == []


# -- what the adapter encodes, checked against the CLI ---------------------------------------------


def scratch(tmp_path: Path, files: dict[str, str]) -> tuple[Path, Path]:
    home, project = tmp_path / "home", tmp_path / "project"
    project.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return home, project


def test_kilo_drops_a_project_config_with_a_variable(tmp_path):
    server = {"type": "local", "command": ["echo"], "environment": {"T": "{env:GITHUB_TOKEN}"}}
    config = {"mcp": {"needs-token": server, "plain": {"type": "local", "command": ["true"]}}}
    home, project = scratch(tmp_path, {"project/kilo.json": json.dumps(config)})
    check = kilo(home, project, "config", "check")
    assert check.returncode == 1 and "environment references are not allowed" in check.stderr
    assert "plain" not in as_json(kilo(home, project, "debug", "config", "--pure")).get("mcp", {})


def test_kilo_drops_invalid_agents(tmp_path):
    agent = "---\ndescription: d\nmode: subagent\n{}\n---\nbody\n"
    home, project = scratch(
        tmp_path,
        {
            "project/.kilo/agent/red.md": agent.format("color: red"),
            "project/.kilo/agent/listed.md": agent.format("tools: Read, Grep"),
            "project/.kilo/agent/themed.md": agent.format("color: accent"),
            "project/.opencode/agent/elsewhere.md": agent.format("color: '#ff0000'"),
        },
    )
    check = kilo(home, project, "config", "check")
    assert check.returncode == 1
    assert "red.md" in check.stderr and "listed.md" in check.stderr and "themed.md" not in check.stderr
    agents = as_json(kilo(home, project, "debug", "config", "--pure"))["agent"]
    assert "themed" in agents and not {"red", "listed", "elsewhere"} & set(agents)


def test_a_custom_goal_command_breaks_kilo_s_commands(tmp_path):
    home, project = scratch(
        tmp_path,
        {"project/.kilo/command/goal.md": "Work on $ARGUMENTS\n", "project/.kilo/command/hello.md": "Hi\n"},
    )
    assert kilo(home, project, "config", "check").returncode == 0, "config check does not notice"
    done = kilo(home, project, "run", "--command", "hello", "--print-logs", "go")
    assert done.returncode != 0
    assert "The /goal command is reserved for session goals" in done.stderr


def test_a_duplicate_skill_name_is_only_a_log_warning(tmp_path):
    skill = "---\nname: twin\ndescription: {}\n---\nbody\n"
    home, project = scratch(
        tmp_path,
        {
            "project/.claude/skills/twin/SKILL.md": skill.format("claude"),
            "project/.kilo/skill/twin/SKILL.md": skill.format("kilo"),
        },
    )
    done = kilo(home, project, "debug", "skill", "--pure", "--print-logs")
    assert done.returncode == 0
    # the one in Kilo's own directory is kept
    assert [s["description"] for s in as_json(done) if s["name"] == "twin"] == ["kilo"]
    assert any("duplicate skill name" in w for w in warnings(done))


def test_with_the_opencode_target_kilo_drops_opencode_s_project_file(runner):
    """Kilo reads a project's opencode.json too, and refuses the {env:VAR} OpenCode's file holds."""
    runner.extra.append(hsync_opencode)
    synced = Synced(runner)
    assert "{env:API_GATEWAY_KEY}" in (synced.copy / "opencode.json").read_text(encoding="utf-8")
    check = synced.kilo("config", "check")
    assert check.returncode == 1 and "opencode.json" in check.stderr
    assert "environment references are not allowed" in check.stderr
    servers = synced.json("debug", "config", "--pure")["mcp"]
    assert "api-gateway" not in servers and "filesystem" in servers, "kilo.jsonc still counts"
