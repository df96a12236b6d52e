"""The digest of the sources of each level, and a memo of it for a caller that needs nothing else.

The session-start hook only asks whether the sources changed since the last sync: it compares
these digests with those ``state.json`` recorded per target. Reading the whole setup for that
costs what the read of a sync costs, so every read by the core's reader in a sync that may write
or in the hook itself (a dry run such as ``check`` or ``diff`` writes nothing, not even this; nor
is ``$HSYNC_HOME`` ever made for it) keeps the digests in ``$HSYNC_HOME/memo/`` (:mod:`hsync_core.store.memo`) with the
stat of every path the reader opened, listed or looked for (:mod:`hsync_core.files.witness`) and
of the code that read them, under a key of everything else a read depends on: hsync's version,
the home and project, the config, and the environment variables the reader and the ``git`` it
runs consult (:data:`READER_ENVIRONMENT`, ``GIT_*``). The next caller stats those paths; when none changed it takes the
digests without reading a source.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..files.witness import witness
from ..store.memo import MEMO_FORMAT, Memo, code_paths, enabled

if TYPE_CHECKING:
    from ..models import Context

#: every environment variable the reader reads (from the run's environment or the process's;
#: PATH finds the ``git`` it runs); a test reads real setups with a recording environment to hold
#: this list to the code. Every ``GIT_*`` variable counts too: that ``git`` reads them.
READER_ENVIRONMENT = ("CLAUDE_CONFIG_DIR", "HOME", "XDG_CONFIG_HOME", "PATH")
GIT_PREFIX = "GIT_"
#: the digest of a level without any item
EMPTY = "_empty"


def level_digests(items: Iterable[object], project: Path | None) -> dict[str, str]:
    """``{"user": …, "project": …, "_empty": …}`` as a sync records them per target."""
    from ..models import Item, sources_digest  # here: a remembered answer needs no model

    read = [i for i in items if isinstance(i, Item)]
    levels = ["user"] + (["project"] if project is not None else [])
    digests = {level: sources_digest(i for i in read if i.level == level) for level in levels}
    digests[EMPTY] = sources_digest(())
    return digests


def _memo(
    hsync_home: Path, home: Path, project: Path | None, config: object, environ: Mapping[str, str]
) -> Memo:
    from .. import __version__

    consulted = [(name, environ.get(name), os.environ.get(name)) for name in READER_ENVIRONMENT]
    consulted.append(sorted((k, v) for k, v in os.environ.items() if k.startswith(GIT_PREFIX)))
    parts = [MEMO_FORMAT, "sources", __version__, str(home), str(project), repr(config), consulted]
    return Memo(
        hsync_home, "sources-" + hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()
    )


def remembered(
    hsync_home: Path, home: Path, project: Path | None, config: object, environ: Mapping[str, str]
) -> dict[str, str] | None:
    """The digests of the last read, when nothing it looked at changed since; else None."""
    if not enabled(environ):
        return None
    found = _memo(hsync_home, home, project, config, environ).lookup()
    data = found["data"] if found else None
    return data if isinstance(data, dict) else None


def read_remembered(ctx: Context, read: Callable[[], list[Iterable[object]]]) -> list[Iterable[object]]:
    """Run ``read`` (the core's reader alone: another reader's sources may not be files), keep
    the digests of what it read with what it looked at, and return what it read."""
    if not enabled(ctx.environ):
        return read()
    started_ns = time.time_ns()
    with witness() as seen:
        contributed = [list(batch or ()) for batch in read()]
    items = [item for batch in contributed for item in batch]
    _memo(ctx.hsync_home, ctx.home, ctx.project, ctx.config, ctx.environ).save(
        code=0,
        lines=[],
        audit=[],
        follow={*seen, *code_paths()},
        nofollow=[],
        written={},
        started_ns=started_ns,
        data=level_digests(items, ctx.project),
    )
    return contributed
