"""Desktop notifications on a real D-Bus session bus: the test starts its own ``dbus-daemon``, a
notification service on it (written with dbus-fast, the library desktop-notifier talks D-Bus
with) that owns ``org.freedesktop.Notifications`` and records every ``Notify``, then a real hsync
daemon with ``[notifications] desktop = true``; a hand edit the daemon finds reaches the service.
Without a session bus, or with a bus but no notification service, hsync says so once and keeps
the notification in its file."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from test_daemon import Daemon, wait_for

from hsync_core.testing import write_sample_setup

LISTENER = """
import asyncio, json, sys
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal

RECORD = sys.argv[1]

class Notifications(ServiceInterface):
    def __init__(self):
        super().__init__("org.freedesktop.Notifications")
        self.count = 0

    @method()
    def Notify(self, app_name: "s", replaces_id: "u", app_icon: "s", summary: "s", body: "s",
               actions: "as", hints: "a{sv}", expire_timeout: "i") -> "u":
        self.count += 1
        with open(RECORD, "a", encoding="utf-8") as out:
            out.write(json.dumps({"app": app_name, "summary": summary, "body": body}) + "\\n")
        return self.count

    @method()
    def GetCapabilities(self) -> "as":
        return ["body"]

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["hsync-test", "hsync", "1", "1.2"]

    @method()
    def CloseNotification(self, id: "u"):
        pass

    @signal()
    def NotificationClosed(self) -> "uu":
        return [0, 0]

    @signal()
    def ActionInvoked(self) -> "us":
        return [0, ""]

async def main():
    bus = await MessageBus().connect()
    bus.export("/org/freedesktop/Notifications", Notifications())
    await bus.request_name("org.freedesktop.Notifications")
    print("ready", flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"""


@pytest.fixture
def session_bus(tmp_path):
    """A private session bus: (its address, how to stop it)."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (.ci/run installs the dbus package with apt-get)")
    done = subprocess.run(
        ["dbus-daemon", "--session", "--print-address=1", "--print-pid=1", "--fork"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode != 0:
        pytest.skip(f"dbus-daemon cannot start a session bus here: {done.stderr.strip()}")
    address, pid = done.stdout.split()[:2]
    yield address
    os.kill(int(pid), signal.SIGTERM)


@pytest.fixture
def listener(session_bus, tmp_path):
    record = tmp_path / "notify.jsonl"
    script = tmp_path / "listener.py"
    script.write_text(LISTENER, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(record)],
        env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": session_bus},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    yield record
    process.terminate()
    process.wait(timeout=60)


@pytest.fixture
def project(env):
    project = env.project()
    write_sample_setup(env, project)
    assert env.run("projects", "add", str(project)).returncode == 0
    env.write(env.hsync_home / "config.toml", "[notifications]\ndesktop = true\n")
    return project


def hand_edit(env, project: Path, daemon: Daemon) -> Path:
    agent = project / ".fake" / "agents" / "sql-expert.md"
    assert wait_for(agent.exists)
    daemon.idle(str(project))
    agent.write_text(agent.read_text(encoding="utf-8") + "my own line\n", encoding="utf-8")
    return agent


def notifications(env) -> list[dict]:
    return json.loads(env.run("notifications", "--json").stdout)["notifications"]


def test_a_drift_found_by_the_daemon_reaches_the_desktop(env, project, session_bus, listener):
    env.environ["DBUS_SESSION_BUS_ADDRESS"] = session_bus
    daemon = Daemon(env)
    try:
        daemon.start()
        agent = hand_edit(env, project, daemon)

        def recorded():
            lines = listener.read_text(encoding="utf-8").splitlines() if listener.exists() else []
            return [json.loads(line) for line in lines]

        calls = wait_for(recorded)
        assert calls, "no Notify reached the notification service"
        [call] = calls
        assert call["app"] == "hsync" and call["summary"] == "hsync: edited by hand"
        assert agent.name in call["body"] and "edited by hand" in call["body"]
        kinds = [n["kind"] for n in notifications(env)]
        assert kinds == ["drift"]  # still in the file too; no "desktop unavailable" note
    finally:
        daemon.stop()


@pytest.mark.parametrize("bus", ["none", "no-service"])
def test_without_a_desktop_it_says_so_once_and_keeps_the_file(env, project, bus, request):
    env.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
    if bus == "no-service":
        env.environ["DBUS_SESSION_BUS_ADDRESS"] = request.getfixturevalue("session_bus")
    daemon = Daemon(env)
    try:
        daemon.start()
        hand_edit(env, project, daemon)
        notes = wait_for(
            lambda: (n := notifications(env)) and {"drift", "desktop"} <= {x["kind"] for x in n} and n
        )
        assert notes, notifications(env)
        [desktop] = [n for n in notes if n["kind"] == "desktop"]
        why = "DBUS_SESSION_BUS_ADDRESS is not set" if bus == "none" else "no notification service"
        assert why in desktop["message"] and "hsync notifications" in desktop["message"]
        second = env.home / ".fake" / "agents" / "code-reviewer.md"
        second.write_text(second.read_text(encoding="utf-8") + "another edit\n", encoding="utf-8")
        assert wait_for(lambda: sum(n["kind"] == "drift" for n in notifications(env)) == 2)
        assert sum(n["kind"] == "desktop" for n in notifications(env)) == 1  # said once
        log = env.run("daemon", "logs", "-n", "200").stdout
        assert log.count("desktop notifications are on, but") == 1
    finally:
        daemon.stop()
