"""The one error hierarchy of hsync. The CLI turns each into one line on stderr and an exit code."""

from __future__ import annotations


class HsyncError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class UsageError(HsyncError):
    """The command line was wrong (exit 2)."""

    exit_code = 2


class InvalidInput(HsyncError):
    """A source or hsync config file is malformed; nothing was written (exit 2).

    ``path`` names the file, ``line`` the line where the parser knows it.
    """

    exit_code = 2

    def __init__(self, path, problem: str, line: int | None = None):
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {problem}")


class StateError(HsyncError):
    """``state.json`` cannot be used (written by a newer hsync); left untouched (exit 2)."""

    exit_code = 2


class LockHeld(HsyncError):
    """Another hsync holds the run lock (exit 3)."""

    exit_code = 3

    def __init__(self, lock_path, pid: int | None):
        self.lock_path = lock_path
        self.pid = pid
        holder = f"pid {pid}" if pid else "another process"
        super().__init__(
            f"{lock_path}: another hsync run ({holder}) holds the lock; retry, or pass --wait SECONDS"
        )


class PluginError(HsyncError):
    """Adapters are installed in a way hsync cannot use (two claim one target) (exit 2)."""

    exit_code = 2


class TargetFileError(HsyncError):
    """A target file hsync must edit cannot be parsed; it is left as it was."""

    exit_code = 1

    def __init__(self, path, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
