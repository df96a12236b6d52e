"""Start-up cost: ``hsync --help``, ``hsync status`` and the two Claude Code hooks import neither
tomlkit nor PyYAML nor the daemon's own modules (watcher, control socket server, schedule,
service). Each command runs in a real subprocess with every installed adapter, on a synced
sample setup, and reports the modules it imported when it exits.

The daemon's client (``hsync_core.daemon.client`` and ``.paths``: the standard library only) is
allowed: the PostToolUse hook hands its sync to a running daemon through it, and ``status``
reads the daemon's pid through it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hsync_core.testing import HsyncEnv, write_sample_setup

#: runs the CLI as the console script does, then writes the names of every imported module
PROBE = """
import atexit, json, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
from hsync_core.cli import main
sys.argv[0] = "hsync"
main()
"""
FORBIDDEN_ROOTS = ("tomlkit", "yaml", "_yaml")
DAEMON_ALLOWED = {"hsync_core.daemon", "hsync_core.daemon.client", "hsync_core.daemon.paths"}
PATIENCE = 120.0  # how long to wait for a sync the hook started to end (not a speed goal)


def forbidden(modules: list[str]) -> list[str]:
    return [
        m
        for m in modules
        if m.split(".")[0] in FORBIDDEN_ROOTS
        or (m.startswith("hsync_core.daemon") and m not in DAEMON_ALLOWED)
        or m.split(".")[0] == "watchdog"
    ]


def imported(env: HsyncEnv, project: Path, *args: str, stdin: str = "") -> list[str]:
    out = env.root / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**env.environ, "CLAUDE_PROJECT_DIR": str(project)},
        cwd=project,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    modules = json.loads(out.read_text())
    assert "hsync_core.cli" in modules
    return modules


@pytest.fixture
def synced(hsync_env: HsyncEnv) -> Path:
    project = hsync_env.project()
    write_sample_setup(hsync_env, project)
    done = hsync_env.run("sync", "-q", project=project)
    assert done.returncode in (0, 1), done.stderr
    return project


def test_help_imports_no_format_library_and_no_daemon(hsync_env: HsyncEnv, synced: Path) -> None:
    modules = imported(hsync_env, synced, "--help")
    assert forbidden(modules) == []
    assert not any(m.startswith("hsync_core.engine") or m.startswith("hsync_codex") for m in modules)


def test_status_imports_no_format_library_and_no_daemon(hsync_env: HsyncEnv, synced: Path) -> None:
    modules = imported(hsync_env, synced, "--project", str(synced), "status")
    assert "hsync_core.operations.status" in modules, "status ran"
    assert forbidden(modules) == []


def test_session_start_imports_no_format_library_and_no_daemon(hsync_env: HsyncEnv, synced: Path) -> None:
    (hsync_env.home / ".claude" / "CLAUDE.md").write_text("# Changed\n", encoding="utf-8")  # out of date
    stdin = json.dumps({"hook_event_name": "SessionStart", "source": "startup", "cwd": str(synced)})
    modules = imported(hsync_env, synced, "hook", "session-start", stdin=stdin)
    assert "hsync_core.integrations.claude.session_start" in modules
    assert forbidden(modules) == []


def test_post_tool_use_imports_no_format_library_and_no_daemon(hsync_env: HsyncEnv, synced: Path) -> None:
    source = hsync_env.home / ".claude" / "CLAUDE.md"
    source.write_text(source.read_text() + "- One more.\n", encoding="utf-8")
    stdin = json.dumps(
        {
            "hook_event_name": "PostToolUse",
            "cwd": str(synced),
            "tool_name": "Edit",
            "tool_input": {"file_path": str(source), "old_string": "a", "new_string": "b"},
            "tool_response": {"filePath": str(source)},
        }
    )
    modules = imported(hsync_env, synced, "hook", "post-tool-use", stdin=stdin)
    assert "hsync_core.integrations.claude.post_tool_use" in modules
    assert forbidden(modules) == []
    # the hook started a detached sync: wait until it ended before the home is removed
    log = hsync_env.hsync_home / "logs" / "hook.log"
    pids = [int(p) for p in re.findall(r": pid (\d+): ", log.read_text())] if log.exists() else []
    assert pids, "the hook started a sync"
    for pid in pids:
        deadline = time.monotonic() + PATIENCE
        while Path(f"/proc/{pid}").exists() and _state(pid) != "Z" and time.monotonic() < deadline:
            time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "gone"
