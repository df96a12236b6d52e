"""Another user on the same machine, for the campaigns that run as root: the unprivileged
``nobody`` (uid/gid 65534). Root reads and writes everything, so what a 0600 socket, an
unreadable file or a read-only folder does to a user can only be seen as another user.

``unavailable()`` says why no other user can be used here (not root, or this Python cannot run
hsync as that user), for a skip with a reason."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from hsync_core.daemon.paths import socket_address

NOBODY = 65534


def unavailable() -> str | None:
    """Why hsync cannot run as another user here (None: it can)."""
    if os.geteuid() != 0:
        return "not running as root: no other user can be made"
    if interpreter() is None:
        return f"no Python {sys.version_info.major}.{sys.version_info.minor} that uid {NOBODY} may run"
    probe = subprocess.run(
        command("--version"), cwd="/", capture_output=True, text=True, check=False, **as_nobody()
    )
    if probe.returncode != 0:
        tail = (probe.stderr.strip().splitlines() or ["?"])[-1]
        return f"uid {NOBODY} cannot run hsync here: {tail}"
    return None


def interpreter() -> str | None:
    """This Python, or the same version elsewhere, when uid 65534 may reach and run it (a Python
    under root's 0700 home is out of its reach)."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (sys.executable, shutil.which(version), f"/usr/bin/{version}"):
        if candidate and _reachable(Path(candidate)):
            return candidate
    return None


def _reachable(path: Path) -> bool:
    """Whether every folder on the way to ``path`` and to what it links to lets others through."""
    for folder in [*path.parents, *path.resolve().parents]:
        if not folder.stat().st_mode & 0o001:
            return False
    return bool(path.exists() and path.stat().st_mode & 0o001)


BOOT = (
    "import runpy, site, sys; site.addsitedir(sys.argv.pop(1)); sys.argv[0] = 'hsync'; "
    "runpy.run_module('hsync_core.cli', run_name='__main__', alter_sys=True)"
)


def command(*args: str) -> list[str]:
    """``hsync ARGS`` for uid 65534: a Python it may run, with this environment's packages (their
    folder added as a site folder, so editable installs and entry points are found)."""
    import sysconfig

    return [interpreter() or sys.executable, "-c", BOOT, sysconfig.get_paths()["purelib"], *args]


def as_nobody() -> dict[str, object]:
    """``subprocess`` arguments that run the child as uid/gid 65534 with no other groups."""
    return {"user": NOBODY, "group": NOBODY, "extra_groups": []}


def give_to_nobody(root: Path) -> None:
    """Make ``root`` and everything below it belong to uid/gid 65534 (a home it owns)."""
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [*dirnames, *filenames]:
            os.lchown(os.path.join(dirpath, name), NOBODY, NOBODY)
    os.lchown(root, NOBODY, NOBODY)


def connect_as_nobody(path: Path) -> str:
    """A forked child drops to uid/gid 65534 and connects to the Unix socket ``path`` (sending a
    ping); returns what happened: ``"refused: EACCES"``, ``"answered: …"``, ``"connected"``."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop every privilege, then try
        outcome = "child failed"
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(600)
                try:
                    with socket_address(path) as address:
                        sock.connect(address)
                except OSError as exc:
                    outcome = f"refused: {errno.errorcode.get(exc.errno or 0, exc.errno)}"
                else:
                    outcome = "connected"
                    with contextlib.suppress(OSError):  # a refusing daemon may have closed already
                        sock.sendall(b'{"cmd": "ping"}\n')
                        sock.shutdown(socket.SHUT_WR)
                    try:
                        reply = sock.recv(4096)
                    except OSError as exc:
                        reply, outcome = b"", f"connected, then {errno.errorcode.get(exc.errno or 0, exc)}"
                    if reply:
                        outcome = f"answered: {reply[:200].decode(errors='replace')}"
        except BaseException as exc:
            outcome = f"child failed: {exc!r}"
        finally:
            os.write(write, outcome.encode())
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        outcome = pipe.read().decode()
    os.waitpid(pid, 0)
    return outcome


def open_path_to(path: Path) -> list[tuple[Path, int]]:
    """Let every user traverse the folders down to ``path`` (so only ``path``'s own mode decides);
    returns the modes to put back with :func:`restore`."""
    changed = []
    for folder in [*reversed(path.parents)]:
        mode = folder.stat().st_mode & 0o7777
        if not mode & 0o001:
            changed.append((folder, mode))
            folder.chmod(mode | 0o011)
    return changed


def restore(changed: list[tuple[Path, int]]) -> None:
    for folder, mode in reversed(changed):
        folder.chmod(mode)
