"""Talking to a running daemon: one JSON object per line over ``$HSYNC_HOME/daemon.sock``."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import socket
from pathlib import Path
from typing import Any

from ..errors import HsyncError
from .paths import pid_path, socket_address, socket_path


class DaemonUnavailable(HsyncError):
    """No daemon answers on the socket."""

    exit_code = 1


def daemon_pid(hsync_home: Path) -> int | None:
    """The pid of the daemon running for ``hsync_home``, or None.

    The daemon holds an exclusive lock on its pid file for its whole life; the kernel drops the
    lock when the process dies, so a pid file left by a crash reads as "not running".
    """
    path = pid_path(hsync_home)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.read(fd, 32).decode("ascii", "replace").strip()
            return int(text) if text.isdigit() else -1
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


class DaemonClient:
    def __init__(self, hsync_home: Path):
        self.hsync_home = hsync_home
        self.path = socket_path(hsync_home)

    def request(self, message: dict[str, Any], *, timeout: float = 5.0) -> dict[str, Any]:
        """Send one request and return the daemon's reply (``{"ok": ..., "data"|"error": ...}``)."""
        if not self.path.exists():
            raise DaemonUnavailable(f"no daemon is running (no socket at {self.path})")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            with socket_address(self.path) as address:
                sock.connect(address)
            sock.sendall(json.dumps(message).encode("utf-8") + b"\n")
            reader = sock.makefile("rb")
            line = reader.readline()
        except TimeoutError:
            raise DaemonUnavailable(f"the daemon did not answer within {timeout:g} s ({self.path})") from None
        except OSError as exc:
            if exc.errno in (errno.ECONNREFUSED, errno.ENOENT):
                raise DaemonUnavailable(f"no daemon is running (stale socket {self.path})") from None
            raise DaemonUnavailable(
                f"cannot reach the daemon at {self.path}: {exc.strerror or exc}"
            ) from None
        finally:
            with contextlib.suppress(OSError):
                sock.close()
        if not line:
            raise DaemonUnavailable(f"the daemon closed the connection without answering ({self.path})")
        return json.loads(line)

    def ping(self, *, timeout: float = 1.0) -> bool:
        try:
            return bool(self.request({"cmd": "ping"}, timeout=timeout).get("ok"))
        except (DaemonUnavailable, ValueError):
            return False
