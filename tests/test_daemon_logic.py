"""The daemon's decisions without a stopwatch: how requests coalesce (on a fake clock), what it
does after a watcher restart, and how its control socket copes with many clients at once."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

import pytest

from hsync_core.daemon import control
from hsync_core.daemon.control import ControlSocket
from hsync_core.daemon.paths import socket_address
from hsync_core.daemon.runtime import MAX_DELAY_WINDOWS, Daemon


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def daemon(env) -> Daemon:
    made = Daemon(home=env.home, hsync_home=env.hsync_home, environ=env.environ, debounce=0.3)
    made.clock = FakeClock()
    made.ran = []
    made.sync_scope = lambda scope, targets=(): made.ran.append(("sync", scope))
    made.check_scope = lambda scope: made.ran.append(("check", scope))
    return made


def test_a_burst_coalesces_on_a_fake_clock(daemon):
    for _ in range(50):  # 50 edits, 20 ms apart: one sync, after the last edit's window
        daemon.request("sync:/p")
        daemon.clock.now += 0.02
        daemon._run_due()
    assert daemon.ran == []
    daemon.clock.now += 0.3
    daemon._run_due()
    assert daemon.ran == [("sync", "/p")]


def test_a_scope_that_keeps_changing_still_syncs_every_few_windows(daemon):
    for _ in range(200):  # an edit every 0.2 s for 40 s: never quiet for a whole window
        daemon.request("sync:/p")
        daemon.clock.now += 0.2
        daemon._run_due()
    # never starved, never more than one sync per MAX_DELAY_WINDOWS windows: the first request
    # of a round sets a 1.8 s limit, reached on the 0.2 s steps after 2.0 s; 40 s / 2.0 s = 20
    assert MAX_DELAY_WINDOWS == 6
    assert len(daemon.ran) == 20


def test_separate_scopes_are_separate_jobs(daemon):
    daemon.request("sync:user")
    daemon.request("sync:/p")
    daemon.request("check:/p")
    daemon.clock.now += 0.31
    daemon._run_due()
    assert sorted(daemon.ran) == [("check", "/p"), ("sync", "/p"), ("sync", "user")]


def test_activity_says_what_the_daemon_will_do_and_is_never_empty_in_between(daemon):
    """``status`` reports ``activity``; tests wait for it to be empty instead of a quiet spell."""
    quiet = {"working": None, "pending": [], "changes_waiting": 0}
    assert daemon.activity()["working"] == "starting"  # until the start-up syncs are requested
    daemon._working(None)
    assert daemon.activity() == quiet
    daemon.changed = lambda paths: daemon.request("sync:/p")  # what an edit of /p's sources does
    daemon._changes_seen({Path("/p/CLAUDE.md")})
    assert daemon.activity()["changes_waiting"] == 1  # seen by a watcher, not handled yet
    daemon._handle(daemon.queue.get_nowait())
    assert daemon.activity() == {**quiet, "pending": ["sync:/p"]}
    seen = []
    daemon.sync_scope = lambda scope, targets=(): seen.append(daemon.activity())
    daemon.clock.now += 0.31
    daemon._run_due()
    assert seen == [{**quiet, "working": "sync:/p"}]  # running: neither pending nor forgotten
    assert daemon.activity() == quiet


class FakeWatcher:
    def __init__(self) -> None:
        self.restarts = 0

    def watch(self, recursive, flat) -> bool:
        self.restarts += 1
        return True  # as when the watched set changed: a new watcher starts

    def watched(self):
        return {}


def test_every_watcher_restart_is_followed_by_a_rescan(daemon, env):
    daemon.watcher = FakeWatcher()
    daemon.projects = [env.root / "p"]
    daemon.rewatch()  # the first start: the start-up syncs cover it
    assert daemon.pending == {}
    daemon.rewatch()  # a restart: an edit made while it started must not wait for the next one
    assert set(daemon.pending) == {"sync:user", f"sync:{env.root / 'p'}"}
    daemon.clock.now += 0.31
    daemon._run_due()
    assert sorted(daemon.ran) == [("sync", str(env.root / "p")), ("sync", "user")]


# ------------------------------------------------------------------------------ the socket


@pytest.fixture
def server(tmp_path):
    release = threading.Event()
    sock = ControlSocket(
        tmp_path / "d.sock",
        {"ping": lambda r: "pong", "hold": lambda r: release.wait(30)},
    )
    sock.start()
    yield sock, release
    release.set()
    sock.stop()


def connect(path: Path) -> socket.socket:
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(60)
    with socket_address(path) as address:
        conn.connect(address)
    return conn


def ask(conn: socket.socket, request: dict) -> dict:
    conn.sendall(json.dumps(request).encode() + b"\n")
    return json.loads(conn.makefile("rb").readline())


def test_a_hundred_clients_at_once_are_all_answered(server):
    sock, _ = server
    start = threading.Barrier(100)
    replies: list[dict] = []

    def client() -> None:
        start.wait()
        with connect(sock.path) as conn:
            replies.append(ask(conn, {"cmd": "ping"}))

    threads = [threading.Thread(target=client) for _ in range(100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert replies == [{"ok": True, "data": "pong"}] * 100


def test_connections_over_the_cap_are_told_busy_and_the_daemon_serves_on(server, monkeypatch):
    sock, release = server
    monkeypatch.setattr(control, "BUSY_WAIT", 0.2)
    held = [connect(sock.path) for _ in range(control.MAX_CONNECTIONS)]
    for conn in held:  # each holds a serving thread until released
        conn.sendall(b'{"cmd": "hold"}\n')
    extra = connect(sock.path)
    reply = json.loads(extra.makefile("rb").readline())
    assert reply["ok"] is False and reply["error"].startswith("busy")
    extra.close()
    release.set()
    for conn in held:
        assert json.loads(conn.makefile("rb").readline())["ok"] is True
        conn.close()
    with connect(sock.path) as again:
        assert ask(again, {"cmd": "ping"}) == {"ok": True, "data": "pong"}
