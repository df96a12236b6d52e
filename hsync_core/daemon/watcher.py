"""File watching for the daemon (watchfiles): a set of directories watched recursively and a
set watched flat (only their direct entries), each in its own thread, feeding one callback with
batches of changed paths. ``watch()`` replaces the sets; unchanged sets keep their thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

log = logging.getLogger("hsync.daemon")

# watchfiles groups a burst for at most DEBOUNCE_MS and yields once nothing changed for STEP_MS;
# the daemon's own debounce window comes on top of that. STEP_MS is also how often each watching
# thread wakes while idle: 20 ms keeps an edit's wait short and the idle daemon under 1 % CPU
# (benchmarks/daemon.py: 50 ms gave debounce + 0.22 s and 0.2 %, 10 ms + 0.19 s and 0.8 %)
DEBOUNCE_MS = 200
STEP_MS = 20


class _Watch:
    def __init__(self, paths: frozenset[Path], recursive: bool, emit: Callable[[set[Path]], None]):
        self.paths = paths
        self.recursive = recursive
        self.stop_event = threading.Event()
        self.failed = False
        self.thread = threading.Thread(
            target=self._run, args=(emit,), name=f"watch-{'tree' if recursive else 'flat'}", daemon=True
        )

    def _run(self, emit: Callable[[set[Path]], None]) -> None:
        from watchfiles import watch

        try:
            for changes in watch(
                *sorted(self.paths),
                watch_filter=None,
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                stop_event=self.stop_event,
                recursive=self.recursive,
                raise_interrupt=False,
                ignore_permission_denied=True,
            ):
                emit({Path(path) for _, path in changes})
        except Exception as exc:  # a directory vanished under the watcher, say
            self.failed = True
            if not self.stop_event.is_set():
                log.warning("watcher stopped: %s; restarting it", exc)
                emit(set())


class Watcher:
    def __init__(self, on_changes: Callable[[set[Path]], None]):
        self.on_changes = on_changes
        self._watches: dict[bool, _Watch] = {}

    def watch(self, recursive: Iterable[Path], flat: Iterable[Path]) -> bool:
        """Watch these directories (those that exist); return True when anything changed."""
        changed = False
        for is_recursive, paths in ((True, recursive), (False, flat)):
            wanted = frozenset(p for p in paths if p.is_dir())
            current = self._watches.get(is_recursive)
            if (
                current is not None
                and current.paths == wanted
                and not current.failed
                and current.thread.is_alive()
            ):
                continue
            changed = True
            if current is not None:
                current.stop_event.set()
                self._watches.pop(is_recursive)
            if wanted:
                watch = _Watch(wanted, is_recursive, self.on_changes)
                watch.thread.start()
                self._watches[is_recursive] = watch
        return changed

    def watched(self) -> dict[str, list[str]]:
        return {
            ("recursive" if r else "flat"): sorted(str(p) for p in w.paths)
            for r, w in list(self._watches.items())
        }

    def stop(self) -> None:
        for watch in self._watches.values():
            watch.stop_event.set()
        for watch in self._watches.values():
            watch.thread.join(timeout=2)
        self._watches.clear()
