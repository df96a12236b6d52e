"""Fault injection for the crash and bad-input campaigns (``tests/campaigns/``).

Nothing happens unless the environment asks for it:

- ``HSYNC_TEST_KILL_AT=<point>:<n>`` kills this process with SIGKILL the ``n``-th time it passes
  ``point`` (``stage``: a temp file written; ``rename``: a file renamed into place; ``save``:
  before the state is saved). The crash campaign uses it to stop a sync at every write boundary.
- ``HSYNC_TEST_ENOSPC=1`` makes every staged temp file fail with ``ENOSPC`` (a full disk) where
  the machine cannot mount a small filesystem.
- ``HSYNC_TEST_NO_SYMLINKS=1`` makes every directory link fail, as on a filesystem without links,
  so skills go out as marked copies.
"""

from __future__ import annotations

import errno
import os
import signal

_counts: dict[str, int] = {}


def point(name: str) -> None:
    """A write boundary: die here when ``HSYNC_TEST_KILL_AT`` names it and its count is reached."""
    wanted = os.environ.get("HSYNC_TEST_KILL_AT")
    if not wanted:
        return
    where, _, count = wanted.partition(":")
    if where != name:
        return
    _counts[name] = _counts.get(name, 0) + 1
    if _counts[name] >= int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)


def check_space() -> None:
    """Raise ``ENOSPC`` when ``HSYNC_TEST_ENOSPC`` is set (an injected full disk)."""
    if os.environ.get("HSYNC_TEST_ENOSPC"):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def check_links() -> None:
    """Raise ``EPERM`` when ``HSYNC_TEST_NO_SYMLINKS`` is set (a filesystem that refuses links)."""
    if os.environ.get("HSYNC_TEST_NO_SYMLINKS"):
        raise OSError(errno.EPERM, "links are refused here (HSYNC_TEST_NO_SYMLINKS)")
