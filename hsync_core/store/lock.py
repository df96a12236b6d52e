"""One exclusive run lock per ``$HSYNC_HOME`` (``sync.lock``), held for a whole run.

``fcntl.flock`` is released by the kernel when the holder dies, so a crash never leaves a stale
lock. The holder's pid is written into the file so that a refused run can name it.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from ..errors import LockHeld


class RunLock:
    def __init__(self, hsync_home: Path, *, wait: float = 0.0):
        self.path = hsync_home / "sync.lock"
        self.wait = wait
        self._fd: int | None = None

    def holder(self) -> int | None:
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def acquire(self) -> RunLock:
        from .home import ensure_home

        ensure_home(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockHeld(self.path, self.holder()) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
