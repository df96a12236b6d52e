"""``$HSYNC_HOME/daemon.pid``: one daemon per ``$HSYNC_HOME``.

The daemon holds an exclusive ``flock`` on the file for its whole life. The kernel releases it
when the process dies, however it dies, so a pid file left by ``kill -9`` is recognised as stale
(:func:`hsync_core.daemon.client.daemon_pid` reads it the same way).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from ..errors import HsyncError


class AlreadyRunning(HsyncError):
    exit_code = 1

    def __init__(self, pid: int | None, path: Path):
        self.pid = pid
        super().__init__(f"the hsync daemon is already running (pid {pid or '?'}; {path})")


class PidFile:
    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> PidFile:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            raise AlreadyRunning(int(text) if text.isdigit() else None, self.path) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            os.close(self._fd)
            self._fd = None
