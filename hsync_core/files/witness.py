"""What a run looked at: every file opened for reading, every directory listed and every path
probed inside a :func:`witness` block, seen through Python's audit hooks.

The no-op memo (:mod:`hsync_core.store.memo`) needs the complete list of what a run's result
depends on, including what third-party readers and adapters read. Opening a file (``open``,
``Path.read_text``, ``os.open``) and listing a directory (``os.scandir``, ``os.listdir``) raise
audit events whoever does it; a check that a file *exists* raises none, so code that looks for
an optional file calls :func:`probe` first (the creation of that file changes the stat of the
path and of its folder, which the memo then records).

Nothing is recorded unless a witness is active; the hook, once installed, costs one list test
per audited event.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: the audit event :func:`probe` raises
PROBE_EVENT = "hsync.probe"
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_SYSTEM = ("/proc/", "/sys/", "/dev/")
_MODULE_SUFFIXES = (".py", ".pyc", ".so", ".pth")

_active: list[set[str]] = []
_installed = False


def probe(path: os.PathLike[str] | str) -> None:
    """Tell an active witness that ``path`` was looked for (it may be absent)."""
    sys.audit(PROBE_EVENT, os.fspath(path))


def _interpreter_dirs() -> tuple[str, ...]:
    found = {os.path.join(p, "") for p in (sys.prefix, sys.base_prefix, sys.exec_prefix) if p}
    return tuple(sorted(found))


_PYTHON: tuple[str, ...] = ()


def _hook(event: str, args: tuple) -> None:
    if not _active:
        return
    if event == "open":
        path, mode, flags = args
        if mode is not None:
            if any(c in mode for c in "wax+"):
                return
        elif flags & _WRITING:
            return
    elif event in (PROBE_EVENT, "os.scandir", "os.listdir"):
        path = args[0] if args else None
        if path is None:
            path = "."
    else:
        return
    if isinstance(path, int):
        return  # a descriptor: its file was opened (and seen) by name
    text = os.fsdecode(path)
    if not os.path.isabs(text):
        text = os.path.abspath(text)
    if (
        text.startswith(_SYSTEM)
        or text.endswith(_MODULE_SUFFIXES)
        or "__pycache__" in text
        or text.startswith(_PYTHON)
    ):
        return
    for seen in _active:  # witnesses nest: each sees everything read inside its block
        seen.add(text)


@contextmanager
def witness() -> Iterator[set[str]]:
    """Collect, until the block ends, the absolute paths opened for reading, listed or probed."""
    global _installed, _PYTHON
    if not _installed:
        _PYTHON = _interpreter_dirs()
        sys.addaudithook(_hook)
        _installed = True
    seen: set[str] = set()
    _active.append(seen)
    try:
        yield seen
    finally:
        _active.remove(seen)
