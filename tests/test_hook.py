"""The Claude Code hooks of hsync's plugin, fed the payloads Claude Code sends, through the real
``hsync`` executable: ``hsync hook post-tool-use`` and ``hsync hook session-start``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hsync_core.integrations.claude.post_tool_use import classify, sync_command
from hsync_core.testing import write_sample_setup

T = "fakeharness"
HSYNC = Path(sys.executable).with_name("hsync")  # the console script, as Claude Code runs it
DEBOUNCE = 0.5  # [daemon] debounce_ms = 500, the default
PATIENCE = 600.0  # how long a test waits for an event before calling it lost (never a speed goal:
# the hook's and the sync's timings are measured by benchmarks/run.py, not asserted here)


@pytest.fixture
def project(env):
    project = env.project()
    write_sample_setup(env, project)
    return project


def payload(env, project: Path, path: Path | str, tool: str = "Edit") -> dict:
    """A PostToolUse payload as Claude Code sends it for ``tool`` on ``path``."""
    file_path = str(path)
    tool_input: dict = {"file_path": file_path}
    if tool == "Write":
        tool_input["content"] = "# new\n"
        response: dict = {
            "type": "update",
            "filePath": file_path,
            "content": "# new\n",
            "structuredPatch": [],
        }
    elif tool == "MultiEdit":
        tool_input["edits"] = [{"old_string": "a", "new_string": "b", "replace_all": False}]
        response = {"filePath": file_path, "edits": tool_input["edits"], "structuredPatch": []}
    else:
        tool_input.update(old_string="a", new_string="b", replace_all=False)
        response = {"filePath": file_path, "oldString": "a", "newString": "b", "userModified": False}
    return {
        "session_id": "6f1c2d3e-0000-4000-8000-000000000001",
        "transcript_path": str(env.home / ".claude/projects/-project/6f1c2d3e.jsonl"),
        "cwd": str(project),
        "permission_mode": "default",
        "hook_event_name": "PostToolUse",
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_response": response,
    }


def hook(env, event: str, stdin: str, project: Path | None = None, **extra: str):
    """Run ``hsync hook EVENT`` as Claude Code does; return (completed process, seconds)."""
    environ = {**env.environ, **extra}
    if project is not None:
        environ["CLAUDE_PROJECT_DIR"] = str(project)
    started = time.monotonic()
    done = subprocess.run(
        [str(HSYNC), "hook", event],
        input=stdin,
        capture_output=True,
        text=True,
        env=environ,
        cwd=project or env.root,
        timeout=PATIENCE,  # a hang, not a speed goal (the hook never waits: tested by holding the lock)
        check=False,
    )
    return done, time.monotonic() - started


def post_tool_use(env, project: Path, path, tool: str = "Edit"):
    done, _ = hook(env, "post-tool-use", json.dumps(payload(env, project, path, tool)), project)
    assert done.returncode == 0, done.stderr
    return done


def spawned_pids(env) -> list[int]:
    log = env.hsync_home / "logs" / "hook.log"
    return [int(p) for p in re.findall(r": pid (\d+): ", log.read_text())] if log.exists() else []


def wait_for(condition, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.fixture
def spawned(env):
    """Wait, after the test, for every sync the hooks started (they outlive the hook)."""
    yield
    for pid in spawned_pids(env):
        wait_for(lambda pid=pid: not running(pid), timeout=PATIENCE)


def fake_md(project: Path) -> str:
    path = project / ".fake" / "FAKE.md"
    return path.read_text() if path.exists() else ""


# --------------------------------------------------------------------------------- decisions


def test_which_edits_are_sources(env, tmp_path):
    project = env.project()
    home, hhome = env.home, env.hsync_home

    def scope(path, cwd=project):
        return classify(str(path), cwd=cwd, home=home, hsync_home=hhome, project=project)

    assert scope(project / "CLAUDE.md") == "project"
    assert scope("CLAUDE.local.md") == "project"  # relative to the payload's cwd
    assert scope(project / ".mcp.json") == "project"
    assert scope(project / ".hsync.toml") == "project"
    assert scope(project / ".claude/skills/deploy/SKILL.md") == "project"
    assert scope(project / ".claude/settings.local.json") == "project"
    assert scope(home / ".claude/agents/reviewer.md") == "user"
    assert scope(home / ".claude.json") == "user"
    assert scope(hhome / "config.toml") == "all"
    assert scope(project / "src/main.py") is None
    assert scope(project / "docs/CLAUDE.md") == "project"  # a nested CLAUDE.md is read too
    assert scope(project / "node_modules/x/CLAUDE.md") is None  # not in a dependency folder
    assert scope(home / ".claude/projects/-p/session.jsonl") is None  # Claude Code's own runtime files
    assert scope(home / ".claude/todos/x.json") is None
    assert scope(tmp_path / "elsewhere" / "CLAUDE.md") is None
    # ~/.claude kept in a dotfiles repository and linked: an edit through the real path counts
    dotfiles = tmp_path / "dotfiles" / "claude"
    (dotfiles / "agents").mkdir(parents=True)
    linked_home = tmp_path / "linked-home"
    linked_home.mkdir()
    (linked_home / ".claude").symlink_to(dotfiles)
    assert (
        classify(
            str(linked_home / ".claude/agents/a.md"),
            cwd=project,
            home=linked_home,
            hsync_home=hhome,
            project=project,
        )
        == "user"
    )


def test_the_detached_sync_is_a_debounced_hook_sync():
    command = sync_command("project", Path("/p"), 0.5)
    assert command[:4] == [sys.executable, "-P", "-m", "hsync_core.cli"]
    assert command[4:] == [
        "--project",
        "/p",
        "sync",
        "--scope",
        "project",
        "--debounce",
        "0.5",
        "-q",
        "--trigger",
        "hook",
    ]
    assert "--debounce" in sync_command("user", None, 0)  # 0 ms still debounces (never exit 3)
    assert sync_command("user", None, 0)[sync_command("user", None, 0).index("--debounce") + 1] == "0.05"


# ------------------------------------------------------------------------------ post-tool-use


def test_source_edit_is_synced(env, project, spawned):
    assert env.run("sync", project=project).returncode == 0
    for tool, text in (("Edit", "# edited by Claude\n"), ("Write", "# written by Claude\n")):
        (project / "CLAUDE.md").write_text(text)
        done = post_tool_use(env, project, project / "CLAUDE.md", tool)
        assert done.stdout == "" and done.stderr == ""
        assert wait_for(lambda text=text: text.strip() in fake_md(project), PATIENCE), fake_md(project)
    # a user-level skill edited through MultiEdit syncs the user level
    state = env.hsync_home / "state.json"

    def user_digest() -> str:
        return json.loads(state.read_text())["scopes"]["user"]["targets"][T]["sources_digest"]

    before = user_digest()
    skill = env.home / ".claude/skills/pdf-tools/SKILL.md"
    skill.write_text(skill.read_text().replace("Extract text", "Pull text"))
    post_tool_use(env, project, skill, "MultiEdit")
    assert wait_for(lambda: user_digest() != before, PATIENCE)
    log = (env.hsync_home / "logs" / "hook.log").read_text()
    assert "sync --scope user --debounce 0.5 -q --trigger hook" in log
    assert f"--project {project} sync --scope project" in log


def test_other_files_do_nothing(env, project):
    for path in (
        project / "src" / "main.py",
        project / "README.md",
        env.home / ".claude/projects/-project/6f1c2d3e.jsonl",
        env.root / "elsewhere" / "CLAUDE.md",
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")
        done = post_tool_use(env, project, path, "Write")
        assert done.stdout == "" and done.stderr == ""
    # a sync the hook started is logged (with its pid) before the hook returns: none was
    assert not env.hsync_home.exists(), list(env.hsync_home.rglob("*"))
    assert not (project / ".fake").exists()


def test_a_burst_of_twenty_edits_ends_with_the_last_one_synced(env, project, spawned):
    assert env.run("sync", project=project).returncode == 0
    for n in range(20):
        (project / "CLAUDE.md").write_text(f"# edit {n}\n")
        post_tool_use(env, project, project / "CLAUDE.md")
    assert wait_for(lambda: "# edit 19" in fake_md(project), PATIENCE), fake_md(project)
    for pid in spawned_pids(env):
        assert wait_for(lambda pid=pid: not running(pid), PATIENCE)
    assert "# edit 19" in fake_md(project)
    assert env.run("check", project=project).returncode == 0


@pytest.mark.parametrize(
    "stdin",
    ["", "   \n", "{not json", "[1, 2]", '"text"'],
    ids=["empty", "blank", "malformed", "array", "string"],
)
def test_bad_stdin_exits_0_with_one_line(env, project, stdin):
    done, _ = hook(env, "post-tool-use", stdin, project)
    assert done.returncode == 0
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("hsync hook: ")
    assert not (env.hsync_home / "logs").exists()


def test_payload_without_a_file_or_of_another_event_does_nothing(env, project):
    for text in ('{"hook_event_name": "PostToolUse", "tool_name": "Edit"}', '{"tool_input": "x"}'):
        done, _ = hook(env, "post-tool-use", text, project)
        assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
    before = payload(env, project, project / "CLAUDE.md")
    done, _ = hook(env, "post-tool-use", json.dumps({**before, "hook_event_name": "PreToolUse"}), project)
    assert (
        done.returncode == 0
        and done.stderr == "hsync hook: post-tool-use got a PreToolUse payload; nothing done\n"
    )
    assert not env.hsync_home.exists()


def test_a_broken_source_becomes_a_notification(env, project, spawned):
    assert env.run("sync", project=project).returncode == 0
    mcp = project / ".mcp.json"
    good = mcp.read_text()
    mcp.write_text('{"mcpServers": {"a": {"command": "x",}}\n')
    post_tool_use(env, project, mcp)
    store = env.hsync_home / "notifications.json"

    def failed() -> list:
        if not store.exists():
            return []
        return [
            n for n in json.loads(store.read_text())["notifications"] if n["key"] == f"invalid:{project}:run"
        ]

    assert wait_for(failed, PATIENCE)
    note = failed()[0]
    assert note["kind"] == "failed" and str(mcp) in note["message"] and note["project"] == str(project)
    # the next session hears of it
    started, _ = hook(env, "session-start", "", project)
    assert "1 notification waiting" in started.stdout
    # fixed: the next hook-triggered sync clears it
    mcp.write_text(good)
    post_tool_use(env, project, mcp)
    assert wait_for(lambda: not failed(), PATIENCE)


def test_a_broken_config_is_one_line_and_a_notification(env, project):
    env.write(project / ".hsync.toml", "kinds = [\n")
    done = post_tool_use(env, project, project / ".hsync.toml")
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(project / ".hsync.toml") in lines[0]
    notes = json.loads((env.hsync_home / "notifications.json").read_text())["notifications"]
    assert [(n["kind"], n["key"]) for n in notes] == [("failed", f"invalid:{project}:run")]
    assert not (env.hsync_home / "logs").exists(), "no sync was started"


def test_an_unexpected_failure_is_one_line_and_exit_0(env, project):
    # HSYNC_HOME is a file: nothing can be written there, not even the log
    env.root.joinpath("not-a-dir").write_text("")
    done, _ = hook(
        env,
        "post-tool-use",
        json.dumps(payload(env, project, project / "CLAUDE.md")),
        project,
        HSYNC_HOME=str(env.root / "not-a-dir"),
    )
    assert done.returncode == 0
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


# ------------------------------------------------------------------------------ session-start


def test_session_start_is_silent_when_in_sync_and_one_line_otherwise(env, project):
    start_payload = json.dumps(
        {
            "session_id": "6f1c2d3e-0000-4000-8000-000000000002",
            "transcript_path": str(env.home / ".claude/projects/-project/x.jsonl"),
            "cwd": str(project),
            "hook_event_name": "SessionStart",
            "source": "startup",
        }
    )
    never, _ = hook(env, "session-start", start_payload, project)
    assert never.returncode == 0
    assert never.stdout == f"hsync: {T} out of date (never synced) — run /hsync:status\n"
    assert env.run("sync", project=project).returncode == 0
    quiet, _ = hook(env, "session-start", start_payload, project)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    (project / "CLAUDE.md").write_text("# changed\n")
    (env.home / ".fake/agents/code-reviewer.md").write_text("edited by hand\n")
    store = env.hsync_home / "notifications.json"
    store.write_text(
        json.dumps(
            {
                "version": 1,
                "next_id": 3,
                "notifications": [
                    {"id": 1, "kind": "drift", "message": "m", "key": "k1", "time": "t", "dismissed": False},
                    {"id": 2, "kind": "drift", "message": "m", "key": "k2", "time": "t", "dismissed": True},
                ],
            }
        )
    )
    stale, _ = hook(env, "session-start", start_payload, project)
    assert stale.returncode == 0
    assert stale.stdout == (
        f"hsync: {T} out of date (sources changed since last sync); 1 drifted output ({T}); "
        "1 notification waiting — run /hsync:status\n"
    )
    # no payload at all (stdin closed) works the same; the project comes from the environment
    again, _ = hook(env, "session-start", "", project)
    assert again.stdout == stale.stdout


def test_session_start_with_nothing_installed_or_a_broken_source(env, project):
    none, _ = hook(env, "session-start", "", project, HSYNC_LOAD_PLUGINS="")
    assert none.returncode == 0 and none.stdout == ""
    (project / ".mcp.json").write_text("{ nope")
    broken, _ = hook(env, "session-start", "", project)
    assert broken.returncode == 0
    lines = broken.stdout.splitlines()
    assert len(lines) == 1 and "cannot tell what is in sync" in lines[0] and ".mcp.json" in lines[0]


def test_hooks_do_not_wait_on_an_open_stdin(env, project):
    """A pipe nobody closes must not hang a hook (Claude Code closes it; others may not)."""
    proc = subprocess.Popen(
        [str(HSYNC), "hook", "session-start"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**env.environ, "CLAUDE_PROJECT_DIR": str(project)},
        cwd=project,
    )
    try:
        assert proc.wait(timeout=PATIENCE) == 0  # stdin is still open
    finally:
        proc.kill()
        proc.communicate()


def test_an_edit_in_the_claude_config_dir_folder_syncs_the_user_level(env, project, spawned):
    """With CLAUDE_CONFIG_DIR set (Claude Code runs its hooks with it), an edit there is a source."""
    alt = env.home / "alt-claude"
    env.write(alt / "CLAUDE.md", "# Moved preferences\n")
    done, _ = hook(
        env,
        "post-tool-use",
        json.dumps(payload(env, project, alt / "CLAUDE.md", "Write")),
        project,
        CLAUDE_CONFIG_DIR=str(alt),
    )
    assert done.returncode == 0, done.stderr
    pids = spawned_pids(env)
    assert pids, "no sync started"
    for pid in pids:
        assert wait_for(lambda pid=pid: not running(pid), timeout=PATIENCE)
    assert "Moved preferences" in (env.home / ".fake" / "FAKE.md").read_text()
    ignored, _ = hook(env, "post-tool-use", json.dumps(payload(env, project, alt / "CLAUDE.md")), project)
    assert ignored.returncode == 0 and spawned_pids(env) == pids  # without the variable: not a source


def test_the_hook_never_waits_for_the_sync_it_starts(env, project, spawned):
    """Proved by an event, not a stopwatch: the hook returns while the sync it started is still
    waiting for the run lock this test holds; the edit lands once the lock is let go."""
    from hsync_core.store.lock import RunLock

    assert env.run("sync", project=project).returncode == 0
    (project / "CLAUDE.md").write_text("# edited while the lock was held\n")
    with RunLock(env.hsync_home):
        post_tool_use(env, project, project / "CLAUDE.md")  # returns: it did not wait
        pids = spawned_pids(env)
        assert pids and any(running(pid) for pid in pids)  # the sync waits for the lock
        assert "edited while the lock was held" not in fake_md(project)
    assert wait_for(lambda: "edited while the lock was held" in fake_md(project), PATIENCE)


def test_session_start_trusts_an_output_whose_stat_is_as_recorded(env, project):
    """Through the API: after a sync, the hook reads none of the whole files hsync wrote (their
    recorded ``[mtime_ns, size, ctime_ns, inode]`` vouches for them); a hand edit is still seen."""
    from hsync_core.files.witness import witness
    from hsync_core.integrations.claude.session_start import session_summary

    assert env.run("sync", project=project).returncode == 0
    state = json.loads((env.hsync_home / "state.json").read_text())
    owned = {
        record["path"]
        for scope in state["scopes"].values()
        for target in scope["targets"].values()
        for record in target["outputs"].values()
        if record["style"] == "file"
    }
    where = {"home": env.home, "hsync_home": env.hsync_home, "project": project, "environ": env.environ}
    with witness() as seen:
        assert session_summary(**where) is None
    assert owned and not owned & seen, sorted(owned & seen)
    agent = env.home / ".fake/agents/code-reviewer.md"
    assert str(agent) in owned
    agent.write_text("edited by hand\n")
    assert session_summary(**where) == f"hsync: 1 drifted output ({T}) — run /hsync:status"
