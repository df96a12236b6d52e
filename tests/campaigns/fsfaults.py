"""Folders that refuse writes, for the campaigns and tests, even when they run as root (who may
write into a 0555 folder): a read-only or tiny tmpfs mounted over the folder where the machine
allows mounting, else ``chmod`` (enough for other users), else the injected fault."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = Path(tempfile.mkdtemp(prefix="hsync-mount-probe-"))
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(probe)], capture_output=True
        )
        if done.returncode != 0:
            return False
        subprocess.run(["umount", str(probe)], capture_output=True)
        return True
    finally:
        with contextlib.suppress(OSError):
            probe.rmdir()


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """``folder`` (with its files) refuses every write inside the block; yields how."""
    folder.mkdir(parents=True, exist_ok=True)
    if can_mount():
        saved = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], check=True)
        try:
            for name, data in saved.items():
                (folder / name).write_bytes(data)
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            yield "read-only mount"
        finally:
            subprocess.run(["umount", str(folder)], check=True)
        return
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield "chmod 0555"
        finally:
            folder.chmod(mode)
        return
    yield "unsupported"


@contextlib.contextmanager
def full_disk(folder: Path) -> Iterator[dict[str, str]]:
    """Writes inside ``folder`` fail with ENOSPC inside the block; yields extra environment."""
    folder.mkdir(parents=True, exist_ok=True)
    if can_mount():
        saved = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(folder)], check=True)
        try:
            for name, data in saved.items():
                (folder / name).write_bytes(data)
            filler = folder / "filler"
            with contextlib.suppress(OSError), open(filler, "wb") as handle:
                while True:
                    handle.write(b"\0" * 4096)
                    handle.flush()
            yield {}
        finally:
            subprocess.run(["umount", str(folder)], check=True)
        return
    yield {"HSYNC_TEST_ENOSPC": "1"}
