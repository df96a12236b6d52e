"""``hsync monitor`` in a real terminal (tmux) against a real daemon: it says when no daemon runs
and keeps retrying, shows the projects, each target's last sync, pending notifications and the
audit log as they change, quits with exit 0 on ``q``, and writes no colour codes under
``NO_COLOR``. The daemon's read-only ``snapshot`` request is tested directly too."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from test_daemon import Daemon, wait_for

from hsync_core.daemon.client import DaemonClient
from hsync_core.testing import write_sample_setup

SGR = re.compile(r"\x1b\[[0-9;:]*m")  # colour and style sequences


@pytest.fixture
def project(env):
    project = env.project()
    write_sample_setup(env, project)
    assert env.run("projects", "add", str(project)).returncode == 0
    return project


@pytest.fixture
def daemon(env, project):
    running = Daemon(env)
    yield running
    running.stop()


class Tmux:
    """One monitor running in its own tmux server, 120 x 40."""

    def __init__(self, env, tmp_path: Path, extra: dict[str, str]):
        self.server = f"hsync-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.rc = tmp_path / "monitor.rc"
        script = tmp_path / "monitor.sh"
        variables = {**env.environ, "TERM": "xterm-256color", **extra}
        lines = ["#!/bin/sh", "trap true INT  # Ctrl-C is for the monitor; this shell records its exit code"]
        lines += [f"export {k}={shlex.quote(v)}" for k, v in variables.items() if re.fullmatch(r"\w+", k)]
        lines += [
            f"{shlex.quote(sys.executable)} -m hsync_core.cli monitor --interval 0.3",
            f"echo $? > {shlex.quote(str(self.rc))}",
        ]
        script.write_text("\n".join(lines) + "\n", encoding="utf-8")
        script.chmod(0o755)
        self.tmux("new-session", "-d", "-x", "120", "-y", "40", str(script))

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.server, *args], capture_output=True, text=True, timeout=60)
        return done.stdout

    def screen(self, escapes: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if escapes else []))

    def wait_for_text(self, *texts: str, escapes: bool = False) -> str:
        found = wait_for(lambda: (s := self.screen(escapes)) and all(t in s for t in texts) and s)
        assert found, f"{texts} never appeared; the screen was:\n{self.screen()}"
        return found

    def quit(self) -> int:
        self.tmux("send-keys", "q")
        assert wait_for(lambda: self.rc.exists() and self.rc.read_text().strip()), self.screen()
        return int(self.rc.read_text())

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal(env, tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (.ci/run installs it with apt-get)")
    opened: list[Tmux] = []

    def start(**extra: str) -> Tmux:
        opened.append(Tmux(env, tmp_path, extra))
        return opened[-1]

    yield start
    for one in opened:
        one.close()


def test_the_monitor_follows_the_daemon_and_quits_on_q(env, project, daemon, terminal):
    view = terminal()
    view.wait_for_text("No daemon is running", "retrying")  # and it keeps asking:
    daemon.start()
    view.wait_for_text("Last sync per target", project.name, "fakeharness", "daemon pid")
    view.wait_for_text("Recent activity", "create")  # the daemon's first sync, from the audit log
    assert "Pending notifications (0)" in view.screen()
    agent = project / ".fake" / "agents" / "sql-expert.md"
    assert wait_for(agent.exists)
    daemon.idle(str(project))
    agent.write_text(agent.read_text(encoding="utf-8") + "my own line\n", encoding="utf-8")
    view.wait_for_text("Pending notifications (1)", "drift")
    coloured = view.screen(escapes=True)
    assert SGR.search(coloured), "with colours allowed the view has some (so the NO_COLOR check can fail)"
    assert view.quit() == 0


def test_no_color_means_no_colour_codes(env, project, daemon, terminal):
    daemon.start()
    view = terminal(NO_COLOR="1")
    shown = view.wait_for_text("Last sync per target", project.name, "fakeharness", escapes=True)
    assert not SGR.search(shown), repr(shown[:400])
    assert view.quit() == 0


def test_ctrl_c_also_ends_it_with_exit_0(env, project, terminal):
    view = terminal()
    view.wait_for_text("No daemon is running")
    view.tmux("send-keys", "C-c")
    assert wait_for(lambda: view.rc.exists() and view.rc.read_text().strip())
    assert view.rc.read_text().strip() == "0"


def test_once_prints_the_view_or_says_no_daemon(env, project, daemon):
    none = env.run("monitor", "--once", env={"NO_COLOR": "1"})
    assert none.returncode == 1 and "No daemon is running" in none.stdout
    daemon.start()
    assert wait_for(lambda: "fakeharness" in env.run("monitor", "--once").stdout)
    shown = env.run("monitor", env={"NO_COLOR": "1"}).stdout  # not a terminal: printed once, as --once
    assert project.name in shown and "fakeharness" in shown and not SGR.search(shown)


def test_the_snapshot_request_is_read_only_and_complete(env, project, daemon):
    daemon.start()
    client = DaemonClient(env.hsync_home)
    assert wait_for(lambda: client.ping())

    def synced():
        data = client.request({"cmd": "snapshot", "activity": 5})["data"]
        scope = next(s for s in data["scopes"] if s["scope"] == str(project))
        return data if scope["targets"].get("fakeharness", {}).get("result") == "success" else None

    data = wait_for(synced)
    assert data and [s["scope"] for s in data["scopes"]] == ["user", str(project)]
    assert 0 < len(data["activity"]) <= 5 and data["notifications"] == []
    assert data["daemon"]["pid"] > 0
    bad = client.request({"cmd": "snapshot", "activity": "all"})
    assert not bad["ok"] and "activity" in bad["error"]


def test_rich_is_not_imported_by_other_commands(env):
    code = (
        "import sys\n"
        "from hsync_core.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('rich' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env.environ)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stdout + done.stderr
