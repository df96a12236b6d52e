"""The daemon's socket: garbage, oversized and half-closed messages, 100 requests at once, a
stale socket left by a killed daemon, and (when running as root) another user connecting. The
daemon must answer every well-formed request, never crash, refuse every other user, and start
again over a stale socket."""

from __future__ import annotations

import os
import random
import signal
import socket
import threading
from collections.abc import Callable

from hsync_core.daemon.client import DaemonClient, daemon_pid
from hsync_core.daemon.control import MAX_LINE
from hsync_core.daemon.paths import socket_address

from . import otheruser
from .common import Home, Outcome


def raw(home: Home, payload: bytes, *, half_close: bool = True) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(120)
        with socket_address(home.hsync_home / "daemon.sock") as address:
            sock.connect(address)
        try:
            sock.sendall(payload)
            if half_close:
                sock.shutdown(socket.SHUT_WR)
            data = b""
            while half_close and (chunk := sock.recv(65536)):
                data += chunk
        except OSError:
            return b""  # the daemon may close an oversized request: fine, as long as it lives
        return data


def garbage(rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000)))
    if kind == 1:
        return b'{"cmd": "ping", "pad": "' + b"x" * (MAX_LINE + rng.randrange(1, 5000)) + b'"}\n'
    if kind == 2:
        return b'{"cmd": "sync", "project": "' + rng.choice([b"relative", b"/nonexistent", b"/"]) + b'"}\n'
    if kind == 3:
        return b'{"cmd": "ping"'  # half a message, then the write side closes
    if kind == 4:
        return rng.choice([b"[]\n", b"null\n", b'{"cmd": 5}\n', b'{"cmd": "stop"x\n', b"\n\n\n"])
    return b'{"cmd": "status"}\n' * rng.randrange(1, 20)


def other_user(home: Home, client: DaemonClient) -> tuple[str, list[str]]:
    """Another user (uid/gid 65534, from a forked child that drops root) connects to the 0600
    socket: once as the folders are (0700 ``$HSYNC_HOME``), once with every folder on the way
    open to all, so that the socket's own mode must refuse it, and once with the socket itself
    opened to all, so that the daemon's own check of the peer's uid must refuse it. The daemon
    then still serves its owner. Returns (what happened, problems); a skip when no other user
    can be made."""
    reason = otheruser.unavailable()
    if reason:
        return f"skipped: {reason}", []
    problems = []
    sock = home.hsync_home / "daemon.sock"
    outcomes = [otheruser.connect_as_nobody(sock)]
    opened = otheruser.open_path_to(sock)
    try:
        outcomes.append(otheruser.connect_as_nobody(sock))
        sock.chmod(0o666)  # as if the mode were lost: the daemon itself must still refuse
        try:
            served = otheruser.connect_as_nobody(sock)
        finally:
            sock.chmod(0o600)
    finally:
        otheruser.restore(opened)
    for where, outcome in zip(("behind its folder", "with every folder open"), outcomes, strict=True):
        if outcome != "refused: EACCES":
            problems.append(f"uid {otheruser.NOBODY} connecting {where}: {outcome}, not refused (EACCES)")
    if '"ok": false' not in served or "not the daemon's user" not in served:
        problems.append(
            f"uid {otheruser.NOBODY} on a socket opened to all: {served}, not refused by the daemon"
        )
    if not client.ping(timeout=120):
        problems.append("the daemon stopped answering its owner after another user tried")
    return "refused" if not problems else "NOT refused", problems


def run(trials: int, seed: int = 0, log: Callable[[str], None] = print) -> Outcome:
    outcome = Outcome("socket")
    rng = random.Random(seed)
    home = Home(size=2, seed=seed)
    client = DaemonClient(home.hsync_home)
    try:
        assert home.hsync("projects", "add", str(home.proj)).returncode == 0
        started = home.hsync("daemon", "start")
        if started.returncode != 0:
            outcome.violation(0, f"the daemon did not start: {started.stderr.strip()}")
            return outcome
        for trial in range(1, trials + 1):
            outcome.trials = trial
            raw(home, garbage(rng), half_close=rng.random() < 0.8)
            if not client.ping(timeout=120):
                outcome.violation(trial, "the daemon stopped answering after a bad message")
                home.hsync("daemon", "start")
        outcome.trials += 1
        stranger, problems = other_user(home, client)
        log(f"socket: another user: {stranger}")
        for problem in problems:
            outcome.violation(outcome.trials, problem)
        replies: list[bool] = []

        def one() -> None:
            try:
                replies.append(
                    bool(DaemonClient(home.hsync_home).request({"cmd": "ping"}, timeout=300).get("ok"))
                )
            except Exception:
                replies.append(False)

        threads = [threading.Thread(target=one) for _ in range(100)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        outcome.trials += 1
        if replies.count(True) != 100:
            outcome.violation(
                outcome.trials, f"{100 - replies.count(True)} of 100 concurrent requests failed"
            )
        pid = daemon_pid(home.hsync_home)
        if pid:
            os.kill(pid, signal.SIGKILL)
        outcome.trials += 1
        again = home.hsync("daemon", "start")
        if again.returncode != 0 or not client.ping(timeout=120):
            outcome.violation(outcome.trials, f"no restart over a stale socket: {again.stderr.strip()[:200]}")
    finally:
        home.hsync("daemon", "stop")
        home.cleanup()
    outcome.figures.update(concurrent_requests=100, other_user=stranger)
    return outcome
