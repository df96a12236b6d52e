"""The no-op memo at the command line (:mod:`hsync_core.store.memo`): watch a run (what it
read, what it printed) to keep a memo for the next identical call, which :mod:`.door` serves."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import click

from ..store.memo import Memo, code_paths, enabled
from .common import home_dir, hsync_home, recording
from .door import key_of


class Memoized:
    """One invocation of a command and the memo it may keep (the front door, :mod:`.door`,
    serves it to the next identical invocation before click loads)."""

    def __init__(self, click_ctx: click.Context):
        self.hsync_home = hsync_home(home_dir())
        self.memo = Memo(self.hsync_home, key_of(click_ctx.meta["hsync.argv"]))
        self.seen: set[str] = set()
        self.lines: list[tuple[str, bool]] = []
        self.started_ns = 0

    @classmethod
    def for_invocation(cls, click_ctx: click.Context) -> Memoized | None:
        """The memo of this invocation (its arguments as typed), or None when memos are off."""
        return cls(click_ctx) if enabled() else None

    @contextmanager
    def watching(self) -> Iterator[None]:
        """Run the block as the run to remember: what it reads and prints is recorded."""
        from ..files.witness import witness

        self.started_ns = time.time_ns()
        with ExitStack() as stack:
            self.seen = stack.enter_context(witness())
            self.lines = stack.enter_context(recording())
            yield

    def keep(self, result: Any, code: int) -> bool:
        """Save the memo when ``result`` changed nothing (see :class:`~hsync_core.engine.RunResult`
        ``.settled``); otherwise drop any memo of this invocation. True when saved."""
        settled = result.settled
        if settled is None:
            self.memo.forget()
            return False
        home = os.path.abspath(self.hsync_home)
        own = os.path.join(home, "")
        follow = {p for p in self.seen if p != home and not p.startswith(own)} | set(settled.declared)
        follow.update(code_paths())
        follow.add(os.path.join(home, "config.toml"))
        nofollow = set(settled.outputs)
        nofollow.update(
            os.path.join(home, name) for name in ("state.json", "pending.json", "notifications.json")
        )
        return self.memo.save(
            code=code,
            lines=self.lines,
            audit=settled.audit,
            follow=follow,
            nofollow=nofollow,
            written=settled.written,
            started_ns=self.started_ns,
        )
