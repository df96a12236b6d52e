"""The daemon as a user runs it: ``hsync daemon start`` in a real background process with a
temporary ``HOME`` and ``HSYNC_HOME``, real file watching, the real control socket."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hsync_core.daemon.client import DaemonClient, daemon_pid
from hsync_core.daemon.control import MAX_LINE
from hsync_core.daemon.paths import socket_address
from hsync_core.testing import write_sample_setup

DEBOUNCE_MS = 300
QUIET = {"working": None, "pending": [], "changes_waiting": 0}
PATIENCE = 600.0  # how long a test waits for an event before calling it lost (never a speed goal:
# latencies are measured by benchmarks/daemon.py; how edits coalesce is tested on a fake clock)


def wait_for(predicate, timeout: float = PATIENCE, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class Daemon:
    def __init__(self, env):
        self.env = env
        self.client = DaemonClient(env.hsync_home)

    def start(self, *extra: str):
        done = self.env.run("daemon", "start", "--debounce", str(DEBOUNCE_MS), *extra)
        assert done.returncode == 0, done.stderr
        return done

    def status(self) -> dict:
        reply = self.client.request({"cmd": "status"}, timeout=PATIENCE)
        assert reply["ok"], reply
        return reply["data"]

    def syncs(self, scope: str) -> int:
        data = self.status()
        if scope == "user":
            return data["user"]["daemon_syncs"]
        return next(p["daemon_syncs"] for p in data["projects"] if p["path"] == scope)

    def idle(self, scope: str) -> int:
        """Wait until the daemon says it has nothing to do — no job running, none waiting for its
        debounce window, no batch of changes unread — and return the syncs of ``scope`` so far.
        An event the daemon reports, not a quiet spell on the clock."""
        settled = wait_for(lambda: self.status()["activity"] == QUIET)
        assert settled, self.status()["activity"]
        return self.syncs(scope)

    def stop(self) -> None:
        pid = daemon_pid(self.env.hsync_home)
        self.env.run("daemon", "stop")
        if pid and pid > 0 and alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def project(env):
    project = env.project()
    write_sample_setup(env, project)
    return project


@pytest.fixture
def daemon(env, project):
    assert env.run("projects", "add", str(project)).returncode == 0
    running = Daemon(env)
    yield running
    running.stop()


def fake_md(project: Path) -> str:
    path = project / ".fake" / "FAKE.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_an_edit_of_a_registered_project_is_synced(env, project, daemon):
    daemon.start()
    assert wait_for(lambda: "Run `npm test`" in fake_md(project))
    daemon.idle(str(project))
    (project / "CLAUDE.md").write_text("# Acme\n\nDeploy on Fridays never.\n", encoding="utf-8")
    assert wait_for(lambda: "Deploy on Fridays never." in fake_md(project))
    # and through the same engine: state records it, `check` agrees nothing is left to do
    assert env.run("check", project=project).returncode == 0


def test_a_burst_of_edits_ends_with_the_last_edit_synced(env, project, daemon):
    daemon.start()
    assert wait_for(lambda: "Run `npm test`" in fake_md(project))
    before = daemon.idle(str(project))
    claude_md = project / "CLAUDE.md"
    for number in range(50):
        claude_md.write_text(f"# Acme\n\nEdit number {number}.\n", encoding="utf-8")
    assert wait_for(lambda: "Edit number 49." in fake_md(project))
    assert (
        daemon.idle(str(project)) > before
    )  # how many syncs a burst makes: test_a_burst_coalesces_on_a_fake_clock
    assert env.run("check", project=project).returncode == 0


def test_a_user_level_change_syncs_the_user_scope_once(env, project, daemon):
    daemon.start()
    user_md = env.home / ".fake" / "FAKE.md"
    assert wait_for(lambda: user_md.exists())
    users, projects = daemon.idle("user"), daemon.idle(str(project))
    env.write(".claude/CLAUDE.md", "# Personal preferences\n\n- Prefer tiny commits.\n")
    assert wait_for(lambda: "Prefer tiny commits." in user_md.read_text(encoding="utf-8"))
    assert daemon.idle("user") > users
    assert daemon.syncs(str(project)) == projects  # a user-level change never syncs a project


def test_a_hand_edit_of_an_owned_output_raises_a_notification(env, project, daemon):
    daemon.start()
    agent = project / ".fake" / "agents" / "sql-expert.md"
    assert wait_for(agent.exists)
    daemon.idle(str(project))
    agent.write_text(agent.read_text(encoding="utf-8") + "my own line\n", encoding="utf-8")

    def drift_notes():
        listed = json.loads(env.run("notifications", "--json").stdout)["notifications"]
        return [n for n in listed if n["kind"] == "drift"]

    notes = wait_for(drift_notes)
    assert notes and notes[0]["path"] == str(agent)
    assert "edited by hand" in notes[0]["message"]
    # other commands mention it, in one line on stderr (not with --json)
    status = env.run("status", project=project)
    assert "1 notification waiting" in status.stderr
    assert "notification" not in env.run("status", "--json", project=project).stderr
    # the hand edit stays
    assert "my own line" in agent.read_text(encoding="utf-8")


def test_registry_changes_take_effect_without_a_restart(env, project, daemon):
    daemon.start()
    other = env.project("other")
    env.write(other / "CLAUDE.md", "# Other\n\nBe brief.\n")
    assert env.run("projects", "add", str(other)).returncode == 0
    assert wait_for(lambda: "Be brief." in fake_md(other))
    daemon.idle(str(other))
    env.write(other / "CLAUDE.md", "# Other\n\nBe briefer.\n")
    assert wait_for(lambda: "Be briefer." in fake_md(other))


def test_a_vanished_project_is_reported_not_a_crash(env, project, daemon):
    gone = env.project("gone")
    assert env.run("projects", "add", str(gone)).returncode == 0
    daemon.start()
    daemon.idle(str(project))
    for path in sorted(gone.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    gone.rmdir()  # noticed from its own deletion events, with no other change
    notes = wait_for(
        lambda: [
            n
            for n in json.loads(env.run("notifications", "--json").stdout)["notifications"]
            if n["kind"] == "vanished"
        ]
    )
    assert notes and notes[0]["project"] == str(gone)
    assert daemon.client.ping(timeout=PATIENCE)
    listed = json.loads(env.run("projects", "list", "--json").stdout)["projects"]
    assert {"path": str(gone), "exists": False} == {
        k: v for k, v in listed[1].items() if k in ("path", "exists")
    }


def test_one_daemon_per_hsync_home_and_a_crash_leaves_nothing_stale(env, project, daemon):
    daemon.start()
    pid = daemon_pid(env.hsync_home)
    assert pid and alive(pid)
    sock = env.hsync_home / "daemon.sock"
    assert stat.S_IMODE(sock.stat().st_mode) == 0o600
    again = env.run("daemon", "start")
    assert again.returncode == 0 and f"already running (pid {pid})" in again.stdout
    second = env.run("daemon", "run", "--no-console", timeout=PATIENCE)
    assert second.returncode == 1 and "already running" in second.stderr
    assert daemon.client.ping(timeout=PATIENCE)

    os.kill(pid, signal.SIGKILL)
    assert wait_for(lambda: not alive(pid))
    assert sock.exists()  # left by the crash
    assert daemon_pid(env.hsync_home) is None
    down = env.run("daemon", "status", "--json")
    assert json.loads(down.stdout)["running"] is False
    daemon.start()
    new_pid = daemon_pid(env.hsync_home)
    assert new_pid and new_pid != pid and daemon.client.ping(timeout=PATIENCE)


def raw_exchange(env, payload: bytes) -> list[dict]:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(PATIENCE)
        with socket_address(env.hsync_home / "daemon.sock") as address:
            sock.connect(address)
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return [json.loads(line) for line in data.splitlines()]


def test_protocol_errors_are_answered_and_the_daemon_keeps_running(env, project, daemon):
    daemon.start()
    replies = raw_exchange(
        env,
        b'not json\n{"cmd": "launch-missiles"}\n[1, 2]\n{"cmd": "sync", "project": "relative/path"}\n'
        b'{"cmd": "sync", "targets": ["nope"]}\n{"cmd": "ping"}\n',
    )
    assert [r["ok"] for r in replies] == [False, False, False, False, False, True]
    assert "invalid JSON" in replies[0]["error"]
    assert "unknown command 'launch-missiles'" in replies[1]["error"]
    assert "absolute path" in replies[3]["error"]
    assert "unknown target nope" in replies[4]["error"]
    oversized = raw_exchange(env, b'{"cmd": "ping", "pad": "' + b"x" * (MAX_LINE + 10) + b'"}\n')
    assert oversized == [{"ok": False, "error": f"request longer than {MAX_LINE} bytes"}]
    assert daemon.client.ping(timeout=PATIENCE)


def test_sync_via_daemon_and_status(env, project, daemon):
    daemon.start()
    daemon.idle(str(project))
    (project / "CLAUDE.md").write_text("# Acme\n\nNew rule via the daemon.\n", encoding="utf-8")
    done = env.run("sync", "--via-daemon", "--json", project=project)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["via_daemon"] is True
    assert [r["scope"] for r in document["results"]] == ["user", str(project)]
    assert "New rule via the daemon." in fake_md(project)
    human = env.run("sync", "--via-daemon", project=project)
    assert "fakeharness [user]: unchanged (no changes) via the daemon" in human.stdout

    status = json.loads(env.run("daemon", "status", "--json").stdout)
    assert status["running"] is True and status["pid"] == daemon_pid(env.hsync_home)
    assert status["socket"] == str(env.hsync_home / "daemon.sock")
    assert status["uptime_seconds"] >= 0
    assert status["projects"][0]["path"] == str(project)
    assert status["projects"][0]["result"] == "unchanged" and status["projects"][0]["last_sync"]
    assert "running (pid" in env.run("daemon", "status").stdout
    assert f"daemon: running (pid {status['pid']})" in env.run("status", project=project).stdout
    assert "synced " in env.run("daemon", "logs", "-n", "50").stdout

    queued = daemon.client.request(
        {"cmd": "sync", "project": str(project), "scope": "project", "wait": False}, timeout=PATIENCE
    )
    assert queued == {"ok": True, "data": {"queued": True, "scopes": [str(project)]}}


def test_sync_via_daemon_without_a_daemon_syncs_here(env, project):
    refused = env.run("sync", "--via-daemon", "--dry-run", project=project)
    assert refused.returncode == 2 and "cannot be combined with --dry-run" in refused.stderr
    done = env.run("sync", "--via-daemon", project=project)
    assert done.returncode == 0
    assert "no daemon is running; syncing here" in done.stderr
    assert "Run `npm test`" in fake_md(project)


def test_a_missed_drift_check_runs_at_start(env, project, daemon):
    assert env.run("sync", project=project).returncode == 0
    agent = project / ".fake" / "agents" / "sql-expert.md"
    agent.write_text("edited while the daemon was down\n", encoding="utf-8")
    env.write(
        env.hsync_home / "schedule.json",
        json.dumps({"version": 1, "jobs": {"drift-check": {"next_run": "2020-01-01T00:00:00Z"}}}),
    )
    daemon.start()
    notes = wait_for(lambda: json.loads(env.run("notifications", "--json").stdout)["notifications"])
    assert notes[0]["kind"] == "drift" and notes[0]["path"] == str(agent)
    job = json.loads((env.hsync_home / "schedule.json").read_text())["jobs"]["drift-check"]
    assert job["last_run"] > "2020" and job["next_run"] > job["last_run"]
    assert job["last_result"] == "1 drifted output(s)"


def hook_payload(env, where: Path, claude_md: Path) -> dict:
    return {
        "session_id": "00000000-0000-4000-8000-000000000001",
        "transcript_path": str(env.home / ".claude/projects/-unregistered/1.jsonl"),
        "cwd": str(where),
        "hook_event_name": "PostToolUse",
        "tool_name": "Write",
        "tool_input": {"file_path": str(claude_md), "content": claude_md.read_text()},
        "tool_response": {"type": "create", "filePath": str(claude_md), "content": "", "structuredPatch": []},
    }


def test_the_daemon_syncs_registered_projects_only(env, project, daemon):
    """Any client of the same user may talk to the socket: it cannot make the daemon write into
    a folder nobody registered. The hook then syncs such a project itself."""
    daemon.start()
    stranger = env.project("stranger")
    claude_md = env.write(stranger / "CLAUDE.md", "# Stranger\n\nSynced by the hook itself.\n")
    reply = daemon.client.request(
        {"cmd": "sync", "project": str(stranger), "scope": "project"}, timeout=PATIENCE
    )
    assert reply["ok"] is False and "not a registered project" in reply["error"]
    assert not (stranger / ".fake").exists()
    done = env.run(
        "hook",
        "post-tool-use",
        input=json.dumps(hook_payload(env, stranger, claude_md)),
        cwd=stranger,
        env={"CLAUDE_PROJECT_DIR": str(stranger)},
    )
    assert done.returncode == 0, done.stderr
    assert wait_for(lambda: "Synced by the hook itself." in fake_md(stranger))
    assert "--trigger hook" in (env.hsync_home / "logs" / "hook.log").read_text()
    via = env.run("sync", "--via-daemon", project=stranger)  # the CLI syncs it here instead
    assert via.returncode == 0 and "the daemon syncs registered projects only; syncing here" in via.stderr


def test_the_claude_code_hook_hands_the_sync_to_the_daemon(env, project, daemon):
    daemon.start()
    daemon.idle(str(project))
    unregistered = env.project("unregistered")
    claude_md = env.write(unregistered / "CLAUDE.md", "# Side project\n\nHanded over.\n")
    assert env.run("projects", "add", str(unregistered)).returncode == 0
    hook_input = {
        "session_id": "00000000-0000-4000-8000-000000000001",
        "transcript_path": str(env.home / ".claude/projects/-unregistered/1.jsonl"),
        "cwd": str(unregistered),
        "hook_event_name": "PostToolUse",
        "tool_name": "Write",
        "tool_input": {"file_path": str(claude_md), "content": "# Side project\n\nHanded over.\n"},
        "tool_response": {"type": "create", "filePath": str(claude_md), "content": "", "structuredPatch": []},
    }
    done = env.run(
        "hook",
        "post-tool-use",
        input=json.dumps(hook_input),
        cwd=unregistered,
        env={"CLAUDE_PROJECT_DIR": str(unregistered)},
    )
    assert done.returncode == 0, done.stderr
    assert wait_for(lambda: "Handed over." in fake_md(unregistered))
    assert not (env.hsync_home / "logs" / "hook.log").exists(), "the hook started no sync of its own"
    assert "synced " + str(unregistered) in env.run("daemon", "logs", "-n", "100").stdout


def test_a_configured_sync_interval_syncs_without_changes(env, project, daemon):
    env.write(env.hsync_home / "config.toml", "[daemon]\nsync_minutes = 0.02\ndrift_check_minutes = 0\n")
    daemon.start()
    assert wait_for(lambda: daemon.syncs(str(project)) >= 3), "the 1.2 s full sync did not repeat"

    def recorded() -> dict | None:  # the job's result is recorded just after its sync is counted
        jobs = json.loads((env.hsync_home / "schedule.json").read_text())["jobs"]
        return jobs if "last_result" in jobs["sync"] else None

    jobs = wait_for(recorded)
    assert jobs, "the sync job's result was never recorded"
    assert jobs["sync"]["every_seconds"] == 1.2 and jobs["sync"]["last_result"] == "ok"
    assert jobs["drift-check"]["next_run"] is None


def test_logs_follow_prints_new_lines(env, project, daemon):
    daemon.start()
    follower = subprocess.Popen(
        [sys.executable, "-m", "hsync_core.cli", "daemon", "logs", "-n", "0", "--follow"],
        env=env.environ,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        # edit until the project's sync is followed: the follower may start reading after the
        # first one, and other lines (the user scope's syncs) may come first
        deadline = time.monotonic() + PATIENCE
        followed: list[str] = []
        number = 0
        while not any(f"synced {project}" in line for line in followed) and time.monotonic() < deadline:
            number += 1
            (project / "CLAUDE.md").write_text(f"# Acme\n\nFollowed {number}.\n", encoding="utf-8")
            while select.select([follower.stdout], [], [], 2)[0]:
                followed.append(follower.stdout.readline())
        assert any(f"synced {project}" in line for line in followed), followed
    finally:
        follower.kill()
        follower.wait()


def test_a_broken_config_stops_the_start_with_one_line_naming_the_file(env, project):
    config = env.write(env.hsync_home / "config.toml", "[daemon]\ndebounce_ms = -5\n")
    done = env.run("daemon", "start")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"hsync: error: the daemon exited at start (code 2): hsync: error: {config}: "
        "daemon.debounce_ms: must not be negative, not -5"
    ]
    assert daemon_pid(env.hsync_home) is None
    assert not (env.hsync_home / "daemon.sock").exists()


def test_a_corrupt_schedule_is_set_aside_and_the_daemon_starts(env, project, daemon):
    schedule = env.write(env.hsync_home / "schedule.json", '{"version": 1, "jobs": []}')
    daemon.start()
    assert (env.hsync_home / "schedule.json.corrupt").read_text() == '{"version": 1, "jobs": []}'
    jobs = json.loads(schedule.read_text())["jobs"]
    assert jobs["drift-check"]["every_seconds"] == 900 and jobs["drift-check"]["next_run"]
