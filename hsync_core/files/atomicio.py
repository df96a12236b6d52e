"""Atomic, durable file replacement, one file at a time or batched for a whole run.

A file is written to a temp file in its own directory and renamed over the old one with
``os.replace``, so a reader (or a crash) sees either the old bytes or the new, never half. The
batch writes every temp file first, flushes them to disk in one go (``syncfs`` on Linux,
``sync`` elsewhere), renames them all, and flushes once more so the renames are durable: two
flushes per run instead of one per file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import faults

TEMP_PREFIX = ".hsync-tmp-"
COPY_MARKER = ".hsync-copy"


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_libc = None


def flush_filesystem(path: Path) -> None:
    """Flush every dirty page of the filesystem holding ``path`` (one call for many files)."""
    global _libc
    if _libc is None:
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("c")
        _libc = ctypes.CDLL(name, use_errno=True) if name else False
    if _libc and hasattr(_libc, "syncfs"):
        fd = os.open(path, os.O_RDONLY)
        try:
            if _libc.syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    os.sync()


def flush_filesystems(directories, devices: dict[Path, int] | None = None) -> None:
    """One flush per filesystem that holds any of ``directories``.

    ``devices`` remembers each directory's device between calls (a batch flushes twice)."""
    devices = {} if devices is None else devices
    seen: dict[int, Path] = {}
    for directory in set(directories):
        device = devices.get(directory)
        if device is None:
            try:
                device = devices[directory] = os.stat(directory).st_dev
            except OSError:
                continue
        seen.setdefault(device, Path(directory))
    for directory in seen.values():
        flush_filesystem(directory)


def current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _mode_for(path: Path, executable: bool, umask: int | None = None) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)  # keep the permissions of an existing file
    except OSError:
        return (0o777 if executable else 0o666) & ~(current_umask() if umask is None else umask)


def _temp_prefix() -> str:
    return f"{TEMP_PREFIX}{os.getpid()}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def clean_stale_temps(directory: Path) -> list[Path]:
    """Remove the temp files and folders in ``directory`` whose writing process is gone."""
    removed: list[Path] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        if not name.startswith(TEMP_PREFIX):
            continue
        pid_text = name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and _alive(int(pid_text)):
            continue
        path = Path(directory) / name
        with contextlib.suppress(OSError):
            remove_tree(path)
            removed.append(path)
    return removed


def _is_real_dir(path: Path) -> bool:
    """A directory, not a link to one (one ``lstat``)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _open_temp(path: Path, prefix: str, mode: int) -> tuple[int, str, bool]:
    """A new temp file beside ``path``: ``<prefix><pid>-<name>`` (no random name to draw, the
    common case), or a random one when that name is taken; and whether it was made with
    ``mode`` (after the umask) already."""
    temp = os.path.join(path.parent, prefix + path.name)
    try:
        return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode), temp, True
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENAMETOOLONG):
            raise
        return (*tempfile.mkstemp(prefix=prefix, dir=path.parent), False)


def _temp_for(
    path: Path, data: bytes, mode: int, *, fsync: bool, prefix: str | None = None, umask: int | None = None
) -> Path:
    """Write ``data`` to a new temp file beside ``path``, with permissions ``mode``.

    The file is made owner-only (0600) unless ``mode`` is what ``umask`` makes of 0666 anyway (a
    new file's usual mode); it is changed to ``mode`` only when it was not made with it, so that
    most temp files need no ``fchmod``."""
    opened = 0o666 if umask is not None and mode == 0o666 & ~umask else 0o600
    fd, temp, made = _open_temp(path, prefix or _temp_prefix(), opened)
    try:
        try:
            faults.check_space()
            view = memoryview(data)
            while view:  # a plain descriptor: no buffered file object per file
                view = view[os.write(fd, view) :]
            if fsync:
                os.fsync(fd)
            if not (made and umask is not None and opened & ~umask == mode):
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        faults.point("stage")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return Path(temp)


def write_atomic(
    path: Path, data: bytes, *, executable: bool = False, private: bool = False, durable: bool = True
) -> None:
    """Replace ``path`` with ``data`` atomically and durably (for single files such as state).

    ``private``: owner-only (0600), whatever the umask or the old file's mode. ``durable=False``
    skips the flushes, for files whose loss costs nothing but time (a crash may then leave the
    old version or an empty file, never a mix)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = 0o600 if private else _mode_for(path, executable)
    temp = _temp_for(path, data, mode, fsync=durable)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        _fsync_dir(path.parent)


def remove_tree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _make_or_clean(directory: Path) -> None:
    """Make ``directory``; when it was there already, remove the stale temp files in it (a
    folder just made holds none, so it is not listed)."""
    try:
        os.mkdir(directory)
    except FileExistsError:
        clean_stale_temps(directory)
    except FileNotFoundError:
        directory.parent.mkdir(parents=True, exist_ok=True)
        _make_or_clean(directory)


class Batch:
    """Many replacements, flushed together. ``commit()`` applies them; ``abort()`` cleans up."""

    def __init__(self) -> None:
        self._files: list[tuple[Path, bytes, bool]] = []
        self._links: list[tuple[Path, Path]] = []
        self._copies: list[tuple[Path, Path]] = []
        self._deletes: list[Path] = []
        self._temps: list[tuple[Path, Path]] = []
        self.fell_back_to_copy: list[Path] = []
        self.changed: list[Path] = []
        self.failed: dict[Path, OSError] = {}
        self._cleaned: set[Path] = set()
        self._private: set[Path] = set()

    def write(self, path: Path, data: bytes, *, executable: bool = False, private: bool = False) -> None:
        """Stage ``data`` for ``path``; ``private``: owner-only (0600), for content with secrets."""
        self._files.append((path, data, executable))
        if private:
            self._private.add(path)

    def link(self, path: Path, source: Path) -> None:
        """Make ``path`` a symlink to the directory ``source`` (a marked copy where links fail).

        A relative ``source`` is relative to ``path``'s directory, as in a symlink."""
        self._links.append((path, source))

    def delete(self, path: Path) -> None:
        self._deletes.append(path)

    def __len__(self) -> int:
        return len(self._files) + len(self._links) + len(self._deletes)

    def _stage_link(self, path: Path, source: Path, prefix: str) -> Path:
        temp = path.parent / f"{prefix}{path.name}"
        remove_tree(temp) if os.path.lexists(temp) else None
        try:
            faults.check_links()
            os.symlink(source, temp, target_is_directory=True)
        except OSError:
            shutil.copytree(path.parent / source, temp, symlinks=True)  # source may be relative
            (temp / COPY_MARKER).write_text(f"copied by hsync from {source}\n", encoding="utf-8")
            self.fell_back_to_copy.append(path)
        return temp

    def commit(self) -> list[Path]:
        """Apply everything; return the paths changed.

        A path that cannot be staged (an unwritable directory, a full disk) or renamed is
        recorded in ``failed`` with its own error, and the others go on: each file is old or
        new, ``changed`` says which are new, and no temp file is left behind.
        """
        if not len(self):
            return []
        directories: set[Path] = set()
        devices: dict[Path, int] = {}
        umask, prefix = current_umask(), _temp_prefix()  # once per batch
        try:
            for path, data, executable in self._files:
                mode = 0o600 if path in self._private else _mode_for(path, executable, umask)
                self._stage(
                    path,
                    lambda p=path, d=data, m=mode: _temp_for(
                        p, d, m, fsync=False, prefix=prefix, umask=umask
                    ),
                )
            files = len(self._temps)  # the temps after these are links (or copies)
            for path, source in self._links:
                self._stage(path, lambda p=path, s=source: self._stage_link(p, s, prefix))
            flush_filesystems((temp.parent for temp, _ in self._temps), devices)
            done = 0  # temps renamed (or failed and removed): abort() must not see them
            try:
                for index, (temp, path) in enumerate(self._temps):
                    try:
                        if index >= files and _is_real_dir(path):
                            shutil.rmtree(path)  # an owned copy being replaced by a fresh link or copy
                        os.replace(temp, path)
                    except OSError as exc:
                        self.failed[path] = exc
                        with contextlib.suppress(OSError):
                            remove_tree(temp)
                    else:
                        faults.point("rename")
                        self.changed.append(path)
                        directories.add(path.parent)
                    done += 1
            finally:
                del self._temps[:done]
            for path in self._deletes:
                try:
                    if os.path.lexists(path):
                        remove_tree(path)
                        self.changed.append(path)
                        directories.add(path.parent)
                except OSError as exc:
                    self.failed[path] = exc
        finally:
            self.abort()
        flush_filesystems(directories, devices)
        return self.changed

    def directories(self) -> set[Path]:
        """Every directory this batch will stage a temp file into."""
        return {path.parent for path, _, _ in self._files} | {path.parent for path, _ in self._links}

    def _stage(self, path: Path, make_temp: Callable[[], Path]) -> None:
        try:
            if path.parent not in self._cleaned:  # once per directory: made, or cleaned
                _make_or_clean(path.parent)
                self._cleaned.add(path.parent)
            self._temps.append((make_temp(), path))
        except OSError as exc:
            self.failed[path] = exc

    def abort(self) -> None:
        for temp, _ in self._temps:
            with contextlib.suppress(OSError):
                remove_tree(temp)
        self._temps.clear()
