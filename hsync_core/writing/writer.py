"""The default ``write_target``: stage a target's file writes into the run's batch.

The engine computes, for every path a run touches, the complete new bytes (or the link, or the
deletion) from all the changes to it, whichever targets asked for them. This writer stages those
into one :class:`Transaction` for the whole run, so that a file two targets share is written
once, and so that the flushes to disk are batched (see :mod:`hsync_core.files.atomicio`).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..files.atomicio import COPY_MARKER, Batch
from ..hookspecs import hookimpl
from ..models import Context, FileWrite, TargetPlan
from ..planning.disk import outside_root
from ..planning.secrets import holds_secret


class Transaction:
    """Every write of one run, deduplicated by path; applied by :meth:`commit`."""

    def __init__(self, secrets: frozenset[str] = frozenset()) -> None:
        self.writes: dict[Path, FileWrite] = {}
        self.failed: dict[Path, str] = {}  # path -> why it was not written
        self.secrets = secrets  # a file holding one is written owner-only

    def stage(self, write: FileWrite) -> None:
        self.writes.setdefault(write.path, write)

    def commit(self) -> set[Path]:
        """Write everything staged; fill ``failed`` with what could not be written."""
        batch = Batch()
        checked: dict[str, str | None] = {}
        for path, write in self.writes.items():
            problem = outside_root(write.root, path, checked)
            if problem:
                self.failed[path] = problem
                continue
            if write.link_source is not None:
                batch.link(path, write.link_source)
            elif write.content is None:
                if os.path.lexists(path):
                    if path.is_dir() and not path.is_symlink() and not (path / COPY_MARKER).exists():
                        self.failed[path] = f"{path} is a directory hsync did not create"
                        continue
                    batch.delete(path)
            elif write.content != write.old or not path.exists():
                private = holds_secret(write.content, self.secrets)
                batch.write(path, write.content, executable=write.executable, private=private)
        try:
            batch.commit()
        except OSError as exc:  # renames stopped: what was not renamed is still old
            done = set(batch.changed)
            for path in self.writes:
                if path not in done and path not in batch.failed:
                    self.failed[path] = f"write failed: {exc}"
        for path, exc in batch.failed.items():
            self.failed[path] = f"write failed: {exc.strerror or exc}"
        for path, write in self.writes.items():
            if write.content is None and write.link_source is None and path not in self.failed:
                _remove_empty_parents(path.parent, write.root)
        return set(batch.changed)


def _remove_empty_parents(directory: Path, root: Path) -> None:
    """Remove directories left empty by a removal, up to (not including) ``root``."""
    while directory != root and root in directory.parents:
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent


@hookimpl(trylast=True)
def write_target(target: str, plan: TargetPlan, ctx: Context) -> list[str]:
    """Stage ``plan.writes`` in the run's transaction; the engine commits it once for all targets."""
    if ctx.transaction is None:
        raise RuntimeError("write_target called without a transaction (the engine sets one)")
    for write in plan.writes:
        ctx.transaction.stage(write)
    return [change.id for change in plan.changes if change.action in ("create", "update", "remove")]


__all__ = ["Transaction", "write_target"]
