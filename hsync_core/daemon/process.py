"""Starting the daemon in the background, stopping it, and its log files.

``start`` runs ``python -m hsync_core.cli daemon run`` in a new session, its stdout/stderr going
to ``$HSYNC_HOME/logs/daemon.stderr`` (for anything the logging does not catch, such as a
crash), and waits until the control socket answers. The daemon logs to
``$HSYNC_HOME/logs/daemon.log`` (rotated at 1 MiB, 3 kept), and to stderr when it runs in the
foreground.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import HsyncError
from .client import DaemonClient, daemon_pid
from .control import clear_stale
from .paths import LOG_DIR, STDERR_FILE, log_path, pid_path, socket_path

LOG_BYTES = 1024 * 1024
LOG_KEEP = 3
START_TIMEOUT = 20.0
STOP_TIMEOUT = 15.0


def setup_logging(hsync_home: Path, *, console: bool, verbose: bool = False) -> None:
    logger = logging.getLogger("hsync.daemon")
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    path = log_path(hsync_home)
    path.parent.mkdir(parents=True, exist_ok=True)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%S")
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_KEEP, encoding="utf-8"
    )
    file_handler.setFormatter(formatter)
    logger.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        logger.addHandler(stream)


def _rotate(path: Path) -> None:
    try:
        if path.stat().st_size < LOG_BYTES:
            return
    except FileNotFoundError:
        return
    os.replace(path, path.with_name(path.name + ".1"))


def start(hsync_home: Path, *, extra_args: list[str] | None = None) -> tuple[int, bool]:
    """Start the daemon in the background; return (pid, started). ``started`` is False when one
    was already running. Stale pid file and socket from a crash are cleaned up first.

    Two starts at once are serialised by a start lock (``daemon.start.lock``): the second finds
    the first's daemon running, and never clears the pid file or socket of a daemon starting."""
    import fcntl

    from ..store.home import ensure_home

    ensure_home(hsync_home)
    fd = os.open(hsync_home / "daemon.start.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return _start(hsync_home, extra_args)
    finally:
        os.close(fd)


def _start(hsync_home: Path, extra_args: list[str] | None) -> tuple[int, bool]:
    running = daemon_pid(hsync_home)
    if running is not None:
        return running, False
    pid_path(hsync_home).unlink(missing_ok=True)
    try:
        clear_stale(socket_path(hsync_home))
    except RuntimeError as exc:
        raise HsyncError(str(exc)) from None
    logs = hsync_home / LOG_DIR
    logs.mkdir(parents=True, exist_ok=True)
    err_path = logs / STDERR_FILE
    _rotate(err_path)
    command = [sys.executable, "-m", "hsync_core.cli", "daemon", "run", "--no-console", *(extra_args or [])]
    with open(err_path, "ab") as err:
        child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=err,
            stderr=err,
            start_new_session=True,
            close_fds=True,
            cwd=hsync_home,  # not the caller's directory, which the daemon would keep busy
            env={**os.environ, "HSYNC_HOME": str(hsync_home.absolute())},
        )
    client = DaemonClient(hsync_home)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise HsyncError(f"the daemon exited at start (code {child.returncode}): {_last_line(err_path)}")
        if client.ping(timeout=1.0):
            return child.pid, True
        time.sleep(0.05)
    raise HsyncError(f"the daemon did not answer within {START_TIMEOUT:g} s; see {err_path}")


def _last_line(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return "no output"
    return lines[-1] if lines else "no output"


def stop(hsync_home: Path) -> int | None:
    """Stop the running daemon (asking it over the socket, else with SIGTERM); return its pid,
    or None when none was running (a stale socket or pid file is removed)."""
    pid = daemon_pid(hsync_home)
    if pid is None:
        pid_path(hsync_home).unlink(missing_ok=True)
        with contextlib.suppress(RuntimeError):
            clear_stale(socket_path(hsync_home))
        return None
    client = DaemonClient(hsync_home)
    try:
        client.request({"cmd": "stop"}, timeout=5.0)
    except HsyncError:
        if pid > 0:
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline:
        if daemon_pid(hsync_home) is None:
            return pid
        time.sleep(0.05)
    raise HsyncError(f"the daemon (pid {pid}) did not stop within {STOP_TIMEOUT:g} s")


def tail(path: Path, lines: int) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    return text.splitlines()[-lines:] if lines > 0 else []


def follow(path: Path, *, poll: float = 0.2) -> Iterator[str]:
    """Yield lines appended to ``path`` from now on, across rotations."""
    handle = None
    inode = None
    while True:
        if handle is None:
            try:
                handle = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
            except FileNotFoundError:
                time.sleep(poll)
                inode = 0
                continue
            if inode is None:  # the first file: only what is appended from now on
                handle.seek(0, os.SEEK_END)
            inode = os.fstat(handle.fileno()).st_ino
        line = handle.readline()
        if line:
            yield line.rstrip("\n")
            continue
        try:
            rotated = os.stat(path).st_ino != inode
        except FileNotFoundError:
            rotated = True
        if rotated:
            handle.close()
            handle = None
            inode = 0  # read the new file from its start
            continue
        time.sleep(poll)
