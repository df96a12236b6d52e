"""Where the daemon keeps its files in ``$HSYNC_HOME``, and how to reach a Unix socket whose path
is longer than the kernel allows (108 bytes on Linux) through ``/proc/self/fd``."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

SOCKET = "daemon.sock"
PID_FILE = "daemon.pid"
LOG_DIR = "logs"
LOG_FILE = "daemon.log"
STDERR_FILE = "daemon.stderr"
MAX_SOCKET_PATH = 100


def socket_path(hsync_home: Path) -> Path:
    return hsync_home / SOCKET


def pid_path(hsync_home: Path) -> Path:
    return hsync_home / PID_FILE


def log_path(hsync_home: Path) -> Path:
    return hsync_home / LOG_DIR / LOG_FILE


@contextlib.contextmanager
def socket_address(path: Path) -> Iterator[str]:
    """A string to ``bind``/``connect`` for ``path``: the path itself when short enough, else
    ``/proc/self/fd/<dir fd>/<name>`` (Linux) with the directory held open meanwhile."""
    if len(os.fsencode(str(path))) <= MAX_SOCKET_PATH or not sys.platform.startswith("linux"):
        yield str(path)
        return
    fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        yield f"/proc/self/fd/{fd}/{path.name}"
    finally:
        os.close(fd)
