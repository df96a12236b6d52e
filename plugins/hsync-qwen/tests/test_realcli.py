"""What the real Qwen Code (installed from the npm registry, pinned) makes of what hsync wrote.

Always on copies of the synced home and project, with a throwaway HOME and stdin from
/dev/null. Qwen's headless mode (``qwen -o stream-json PROMPT``) prints, before it asks any
model, a ``system``/``init`` event listing the agents, the slash commands (custom commands and
skills) and the MCP servers it loaded: that is the oracle. The model endpoint is a closed local
port, so the run ends there with a connection error; nothing reaches the network and no MCP
server, hook or shell command of the fixtures does anything (the stdio servers name commands
that do not exist). ``qwen mcp list`` lists every server with its state; ``--debug`` writes the
files Qwen refused to its debug log.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hsync_core.testing import CLIENT_PATIENCE, HsyncEnv, RunResult, client_environ, copy_for_client, npm_cli

pytestmark = pytest.mark.realcli

PACKAGE, VERSION, BINARY = "@qwen-code/qwen-code", "0.24.4", "qwen"
#: a port nothing listens on: the model request fails at once, offline
OFFLINE_MODEL = [
    "--auth-type",
    "openai",
    "--openai-api-key",
    "x",
    "--openai-base-url",
    "http://127.0.0.1:9/v1",
    "-m",
    "hsync-test",
]
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def qwen() -> Path:
    return npm_cli(PACKAGE, VERSION, BINARY)


def run_client(home: Path, cwd: Path, *args: str, env: HsyncEnv) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(qwen()), *args],
        cwd=cwd,
        env=client_environ(env, home),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=CLIENT_PATIENCE,
        check=False,
    )


def init_event(env: HsyncEnv, project: Path) -> tuple[dict[str, Any], str]:
    """Qwen's ``init`` event for copies of the synced home and project, and its ``--debug`` log."""
    home, copied = copy_for_client(env, project)
    done = run_client(home, copied, "-o", "stream-json", "--debug", *OFFLINE_MODEL, "hello", env=env)
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    init = [e for e in events if e.get("type") == "system" and e.get("subtype") == "init"]
    assert init, done.stdout[-3000:] + done.stderr[-3000:]
    logs = sorted(home.joinpath(".qwen").rglob("debug/*.txt"))
    assert logs, "qwen --debug wrote no debug log"
    return init[0], "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)


def mcp_list(env: HsyncEnv, project: Path) -> str:
    home, copied = copy_for_client(env, project)
    done = run_client(home, copied, "mcp", "list", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return _ANSI.sub("", done.stdout + done.stderr)


def test_qwen_loads_every_agent_command_skill_and_server(
    hsync_env: HsyncEnv, team: Path, sync: Callable[..., RunResult]
) -> None:
    assert sync(team).targets["qwen"].counts["failed"] == 0
    init, log = init_event(hsync_env, team)
    assert {"code-reviewer", "test-runner", "Issue_Triager", "sql-expert"} <= set(init["agents"])
    commands = {"explain", "review", "regex", "git:commit", "deploy", "db:migrate"}
    skills = {"pdf-tools", "commit-helper", "release-notes"}
    assert commands | skills <= set(init["slash_commands"])
    assert "legacy-notes" not in init["slash_commands"]  # skipped: no name in its front matter
    servers = {s["name"] for s in init["mcp_servers"]}
    # the user's own, hsync's, and the project's .mcp.json read natively
    assert servers == {"my-search", "github", "context7", "filesystem", "sentry", "issue_tracker"}
    for broken in ("Skipped invalid file", "Failed to parse", "invalid color", "Dropping field"):
        assert broken not in log, [line for line in log.splitlines() if broken in line]
    # the only clash: the user's /review command over Qwen's bundled review skill (reported as info)
    clashes = [line.split("] ", 2)[-1] for line in log.splitlines() if "replaced by" in line]
    assert clashes == [
        'Slash command "/review" from skill command "review" is replaced by file command "review"'
    ]


def test_mcp_list_shows_user_servers_and_the_native_project_ones(
    hsync_env: HsyncEnv, team: Path, sync: Callable[..., RunResult]
) -> None:
    sync(team)
    text = mcp_list(hsync_env, team)
    lines = dict(re.findall(r"^\S (\S+): (.*)$", text, re.M))
    assert set(lines) == {"my-search", "github", "context7", "filesystem", "sentry", "issue_tracker"}
    assert lines["github"].startswith("hsync-inert-github-mcp --stdio (stdio)")
    assert lines["context7"].startswith("https://mcp.context7.com/mcp (http)")
    for native in ("filesystem", "sentry", "issue_tracker"):  # from .mcp.json, never written by hsync
        assert lines[native].endswith("Pending approval"), lines[native]
    assert "(sse)" in lines["sentry"]
    assert "Warning" not in text and "Invalid" not in text


def test_settings_qwen_rewrites_on_start_are_not_drift(
    hsync_env: HsyncEnv, team: Path, sync: Callable[..., RunResult]
) -> None:
    """Qwen adds ``"$version"`` to (and reformats) the settings files it finds, even one hsync created."""
    (hsync_env.home / ".qwen" / "settings.json").unlink()
    first = sync(team, kinds=("rules", "skills", "agents", "commands", "mcp", "settings", "hooks"))
    assert first.targets["qwen"].counts["failed"] == 0
    created = (hsync_env.home / ".qwen" / "settings.json").read_text(encoding="utf-8")
    done = run_client(hsync_env.home, team, "mcp", "list", env=hsync_env)  # in the temporary home itself
    assert done.returncode == 0, done.stdout + done.stderr
    rewritten = (hsync_env.home / ".qwen" / "settings.json").read_text(encoding="utf-8")
    assert rewritten != created and '"$version"' in rewritten
    assert '"$version"' in (team / ".qwen" / "settings.json").read_text(encoding="utf-8")
    again = sync(team, kinds=("rules", "skills", "agents", "commands", "mcp", "settings", "hooks")).targets[
        "qwen"
    ]
    assert again.counts["conflicts"] == 0 and again.counts["failed"] == 0
    assert {c.action for c in again.changes} == {"unchanged"}, [
        (c.action, c.id) for c in again.changes if c.action != "unchanged"
    ]


def test_a_command_replaces_the_slash_command_of_a_skill_of_the_same_name(
    hsync_env: HsyncEnv, make_project: Callable[..., Path]
) -> None:
    """Qwen offers skills as slash commands: a command file of the same name replaces the skill's."""
    project = make_project()
    hsync_env.write(
        ".qwen/skills/notes/SKILL.md", "---\nname: notes\ndescription: Take notes.\n---\nWrite notes.\n"
    )
    hsync_env.write(".qwen/commands/notes.md", "---\ndescription: Notes\n---\nTake notes about {{args}}\n")
    _, log = init_event(hsync_env, project)
    assert 'Slash command "/notes" from skill command "notes" is replaced by file command "notes"' in log


def test_a_skill_without_name_is_refused_only_in_the_debug_log(
    hsync_env: HsyncEnv, make_project: Callable[..., Path]
) -> None:
    project = make_project()
    hsync_env.write(".qwen/skills/nameless/SKILL.md", "---\ndescription: No name.\n---\nBody.\n")
    init, log = init_event(hsync_env, project)
    assert "nameless" not in init["slash_commands"]
    assert "nameless" in log
