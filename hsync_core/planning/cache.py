"""The render cache: what did not change is neither rendered, planned nor written again.

After every run that ended clean for a target (no conflict, no failure), state keeps, per
target and scope, a *key* of what the render was made from (:meth:`RenderCache.key`: the items
the target received, the adapter's package and version, hsync's version, the config, the run's
levels, the ``HOME``/``*_HOME``/``XDG_*`` environment, and what the adapter declares through
the ``render_inputs`` hook), the report it gave, and the ``[mtime_ns, size, ctime_ns, inode]``
of every path it owns, taken after the writes.

The next run computes the keys again. Each *unit* — one target at one level — whose key and
owned paths' stats are unchanged replays from state: every owned output ``unchanged``. The
others render and are planned as in a full run, with two rules that keep a cached run equal to
a full one: a target renders whole when any of its units must (its replayed units' outputs are
then left out of planning, and are not candidates for removal); and a replayable unit that owns
a path some planned unit renders or owns is planned too (repeated until nothing more joins),
so a file two targets write is always decided with every writer present. A run where every unit
replays renders, plans and writes nothing.

A hand edit always changes ``ctime_ns`` (which no program can set back), so an edit that keeps
size and mtime is still seen. Copies of skill directories (where links are refused) are never
cached: their contents are not covered by one stat. ``HSYNC_NO_CACHE=1`` renders everything
(and still remembers, for the next run).
"""

from __future__ import annotations

import hashlib
import os
import stat as stat_module
from pathlib import Path
from typing import Any

from attrs import asdict, frozen

from ..hookspecs import RENDER_ALWAYS
from ..models import Change, Context, Output, ReportEntry, Rule, Sources, sources_digest
from ..store.state import State
from .results import TargetResult, scope_key

#: bump when the key's recipe changes
CACHE_FORMAT = 1
ENV_SWITCH = "HSYNC_NO_CACHE"

#: what is cached and replayed: one target at one level (``user`` or ``project``)
Unit = tuple[str, str]


@frozen
class Replay:
    """One unit's remembered result: every owned output ``unchanged``, the target's report, and
    the owned paths (a unit sharing one with a unit that is planned is planned too)."""

    target: str
    changes: list[Change]
    recorded: list[dict[str, Any]]  # the report as state keeps it (read only when replayed whole)
    paths: frozenset[str]

    @property
    def report(self) -> list[ReportEntry]:
        return [_report_entry(r) for r in self.recorded]


def stat_key(st: os.stat_result) -> list[int]:
    """What a file looked like: ``[mtime_ns, size, ctime_ns, inode]``."""
    return [st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino]


def path_key(path: Path | str) -> list[int] | None:
    try:
        return stat_key(os.lstat(path))
    except OSError:
        return None


class RenderCache:
    """Keys and replays the renders of one run (see the module docstring)."""

    def __init__(self, plugins: Any, ctx: Context, levels: list[str]):
        self.plugins = plugins
        self.ctx = ctx
        self.levels = levels
        self.enabled = ctx.environ.get(ENV_SWITCH, "") in ("", "0")
        self._reported: dict[str, int] = {}  # target -> report entries made before its render
        #: every path a key was made from (declared by adapters or read by the core's helpers)
        self.declared: set[str] = set()

    def allowed(self, target: str, result: TargetResult) -> None:
        """Note that ``result``'s report so far came before the render (not the adapter's)."""
        self._reported[target] = len(result.report)

    # -- the key ---------------------------------------------------------------------------------
    def key(self, target: str, allowed: Sources) -> str | None:
        """The key of ``target``'s render from ``allowed``; None when it must always render."""
        ctx = self.ctx
        from .. import __version__

        sha = hashlib.sha256()

        def add(*parts: object) -> None:
            for part in parts:
                sha.update(repr(part).encode("utf-8", "surrogateescape") + b"\0")

        package, version = self.plugins.adapter_version(target)
        add(CACHE_FORMAT, __version__, target, package, version, self.levels, ctx.scope)
        add(str(ctx.home), str(ctx.project), repr(ctx.config))
        add(sorted((k, v) for k, v in ctx.environ.items() if _relevant(k)))
        add(sources_digest(allowed.items), sources_digest(allowed.native))
        for answer in self.plugins.hook.render_inputs(target=target, ctx=ctx):
            for value in answer or ():
                if value == RENDER_ALWAYS:
                    return None
                if isinstance(value, Path):
                    self.declared.add(str(value))
                    value = _fold(value)
                add(value)
        add(*self._core_inputs(allowed))
        return sha.hexdigest()

    def _core_inputs(self, allowed: Sources) -> list[object]:
        """What the core's own rendering helpers read: directories of path-scoped rules, and the
        git index when a personal item's destination depends on what git tracks."""
        from ..rendering.instructions import static_directory

        found: list[object] = []
        project = self.ctx.project
        for item in allowed.items:
            if isinstance(item, Rule) and item.paths and project is not None:
                directory = static_directory(item.paths)
                if directory:
                    self.declared.add(str(project / directory))
                    found.append((directory, (project / directory).is_dir()))
        if project is not None and any(i.scope == "local" for i in allowed.items):
            self.declared.update((str(project / ".git"), str(project / ".git" / "index")))
            found.append(_fold(project / ".git"))
            found.append(path_key(project / ".git" / "index"))
        return found

    # -- replay ----------------------------------------------------------------------------------
    def replayable(self, state: State, keys: dict[str, str | None]) -> dict[Unit, Replay]:
        """Every (target, level) whose key and owned files are unchanged, with what it replays."""
        if not self.enabled:
            return {}
        found: dict[Unit, Replay] = {}
        for target, key in keys.items():
            if key is None:
                continue
            for level in self.levels:
                replay = self._replay_unit(state, target, level, key)
                if replay is not None:
                    found[(target, level)] = replay
        return found

    def pull_in(
        self, state: State, replays: dict[Unit, Replay], rendered: dict[str, list[Output]]
    ) -> set[Unit]:
        """Take out of ``replays`` (and return) each unit that shares a file with a unit being
        planned: a file two targets write is planned whole, as a full run plans it."""
        touched: set[str] = set()
        for target, outputs in rendered.items():
            touched.update(str(o.path) for o in outputs if (target, o.level) not in replays)
            for level in self.levels:
                if (target, level) not in replays:
                    owned = state.peek(scope_key(self.ctx, level), target)
                    touched.update(r.path for r in (owned.outputs.values() if owned else ()))
        pulled = {unit for unit, replay in replays.items() if not touched.isdisjoint(replay.paths)}
        for unit in pulled:
            del replays[unit]
        return pulled

    def _replay_unit(self, state: State, target: str, level: str, key: str) -> Replay | None:
        owned = state.peek(scope_key(self.ctx, level), target)
        entry = owned.cache if owned else None
        if not entry or entry.get("key") != key:
            return None
        paths: dict[str, Any] = entry.get("paths") or {}
        scopes: dict[str, str] = entry.get("scopes") or {}
        for path, recorded in paths.items():
            if path_key(path) != recorded:
                return None
        changes: list[Change] = []
        as_path: dict[str, Path] = {}
        for output_id, record in owned.outputs.items():
            if record.path not in paths:
                return None
            changes.append(
                Change(
                    id=output_id,
                    path=as_path.get(record.path) or as_path.setdefault(record.path, Path(record.path)),
                    action="unchanged",
                    kind=record.kind,
                    item=record.item,
                    level=level,
                    scope=scopes.get(output_id),
                    old_hash=record.hash,
                    new_hash=record.hash,
                    adopted=record.adopted,
                )
            )
        return Replay(
            target=target, changes=changes, recorded=entry.get("report") or [], paths=frozenset(paths)
        )

    # -- remember --------------------------------------------------------------------------------
    def remember(
        self,
        state: State,
        results: dict[str, TargetResult],
        allowed: dict[str, Sources],
        keys: dict[str, str | None],
        planned: set[str],
    ) -> None:
        """After a run's writes: keep each clean target's key, report and owned files' stats.

        Only when the key computed after the writes is the one the render started from: a
        render that reads what this run wrote (an ``AGENTS.md`` another target filled) is
        confirmed by one more full run before it is replayed.
        """
        for target, result in results.items():
            if target not in planned:
                continue  # replayed whole: its entries still hold
            clean = not result.error and not any(
                c.action in ("conflict", "failed", "kept") for c in result.changes
            )
            key = self.key(target, allowed[target]) if clean else None
            if key != keys.get(target):
                key = None
            if key is not None and _has_copies(state, self.ctx, self.levels, target):
                key = None
            for level in self.levels:
                owned = state.target(scope_key(self.ctx, level), target)
                if key is None:
                    owned.cache = None
                    continue
                watched = {r.path for r in owned.outputs.values()} | {str(p) for p in result.shared}
                paths = {p: path_key(p) for p in watched}
                owned.cache = {
                    "key": key,
                    "paths": paths,
                    "scopes": {c.id: c.scope for c in result.changes if c.scope and c.id in owned.outputs},
                    "report": [_report_dict(r) for r in result.report[self._reported.get(target, 0) :]],
                }


def _has_copies(state: State, ctx: Context, levels: list[str], target: str) -> bool:
    """True when a skill went out as a copy (links refused): one stat cannot vouch for it."""
    for level in levels:
        owned = state.peek(scope_key(ctx, level), target)
        for record in owned.outputs.values() if owned else ():
            if record.style == "link" and not os.path.islink(record.path) and os.path.isdir(record.path):
                return True
    return False


def _relevant(name: str) -> bool:
    return name == "HOME" or name.endswith("_HOME") or name.startswith("XDG_")


def _fold(path: Path) -> tuple[str, str, str | None]:
    """A declared path as a key part: what is there, and a file's content digest."""
    try:
        st = os.lstat(path)
    except OSError:
        return (str(path), "missing", None)
    if stat_module.S_ISLNK(st.st_mode):
        return (str(path), "link", os.readlink(path))
    if stat_module.S_ISDIR(st.st_mode):
        return (str(path), "dir", None)
    try:
        return (str(path), "file", hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError as exc:
        return (str(path), "unreadable", str(exc))


def _report_dict(entry: ReportEntry) -> dict[str, Any]:
    data = asdict(entry, recurse=False)
    data["path"] = None if entry.path is None else str(entry.path)
    return data


def _report_entry(data: dict[str, Any]) -> ReportEntry:
    values = dict(data)
    if values.get("path") is not None:
        values["path"] = Path(values["path"])
    return ReportEntry(**values)
