"""The no-op memo at the command line (:mod:`hsync_core.store.memo`): serve an invocation from
it, or watch a run (what it read, what it printed) to keep one for the next identical call."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from typing import Any

import click

from ..store.memo import Memo, enabled, memo_key, replay_audit
from .common import echo, find_project, home_dir, hsync_home, recording


class Memoized:
    """One invocation of ``command`` with ``options`` and its memo."""

    def __init__(self, click_ctx: click.Context, command: str, options: Mapping[str, object]):
        home = home_dir()
        self.hsync_home = hsync_home(home)
        project = find_project(click_ctx.find_root().obj.get("project"), home)
        self.memo = Memo(self.hsync_home, memo_key(command, options, project))
        self.seen: set[str] = set()
        self.lines: list[tuple[str, bool]] = []
        self.started_ns = 0

    @classmethod
    def for_invocation(
        cls, click_ctx: click.Context, command: str, options: Mapping[str, object]
    ) -> Memoized | None:
        return cls(click_ctx, command, options) if enabled() else None

    def serve(self) -> None:
        """When the memo answers: print what the remembered run printed and exit with its code."""
        found = self.memo.lookup()
        if found is None:
            return
        for text, err in found["lines"]:
            echo(text, err=err)
        replay_audit(self.hsync_home, found["audit"])
        sys.exit(found["code"])

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
