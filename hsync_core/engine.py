"""The pipeline, one call per room: read → render → plan → write → record.

``Engine.run()`` does one whole run under the caller's lock:

1. **read** (:mod:`hsync_core.sources` and any other ``read_sources`` plugin): the items.
2. **render** (:mod:`hsync_core.rendering.dispatch`): each enabled target's adapter turns the items
   its config allows into outputs, purely.
3. **plan** (:mod:`hsync_core.planning`): every output becomes a change decided against the disk
   and state — ``create``, ``update``, ``unchanged``, ``remove``, ``conflict`` (not owned, or
   edited by hand while the policy says keep) or ``failed`` (the file cannot be used).
4. **write** (:mod:`hsync_core.writing`): one atomic, durable batch for every target (not in a
   dry run).
5. **record** (:mod:`hsync_core.recording`): what each target owns goes into state, every change
   into the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import HsyncError, InvalidInput
from .files.faults import point as fault_point
from .models import Context, Item, Output, Rendered, ReportEntry, Sources, sources_digest
from .planning.cache import RenderCache, Replay, path_key
from .planning.plan import Planner
from .planning.results import CHANGING, RunResult, Settled, TargetResult, scope_key
from .plugins import Plugins
from .recording import record_run
from .rendering.dispatch import Dispatcher
from .sources.digests import read_remembered
from .store.audit import AuditLog
from .store.journal import Journal
from .store.state import State, StateStore, now_iso
from .writing.apply import apply, mark_failed
from .writing.recover import recover

__all__ = ["Engine", "RunResult", "TargetResult", "scope_key", "sources_digest"]

CORE_READER = "hsync_core.sources.reader"


class Engine:
    """One run of the pipeline for one context (home, project, config, options)."""

    def __init__(
        self, plugins: Plugins, ctx: Context, *, targets: Iterable[str] = (), store: StateStore | None = None
    ):
        self.plugins = plugins
        self.ctx = ctx
        self.store = store or StateStore(ctx.hsync_home, ctx.home)
        installed = plugins.target_names
        requested = list(targets)
        unknown = [t for t in requested if t not in installed]
        if unknown:
            known = ", ".join(installed) or "none installed"
            raise InvalidInput("--target", f"unknown target {', '.join(unknown)} (installed: {known})")
        # an explicit --target runs even a target the config switches off
        optional = plugins.dependency_only if ctx.config.targets is None and not requested else {}
        self.targets = requested or ctx.config.enabled_targets(installed, optional)
        plugins.check_conflicts(self.targets)
        self.audit = AuditLog(ctx.hsync_home, trigger=ctx.trigger, project=ctx.project, time=now_iso())
        self.levels = [
            lvl for lvl in ("user", "project") if ctx.wants_level(lvl) and (lvl == "user" or ctx.project)
        ]

    def read(self) -> Sources:
        """Every ``read_sources`` plugin's items, and what they could not read."""
        items: list[Item] = []
        problems: list[ReportEntry] = []
        for contributed in self._read_sources():
            for thing in contributed or ():
                if isinstance(thing, ReportEntry):
                    problems.append(thing)
                elif isinstance(thing, Item):
                    items.append(thing)
        return Sources(items=items, problems=problems)

    def _read_sources(self) -> list:
        """Every ``read_sources`` result; when the core's reader is the only one and the run
        may write, its digests are kept for the session-start hook
        (:mod:`hsync_core.sources.digests`; a dry run writes nothing, not even those)."""
        if self._core_reads_only() and not self.ctx.dry_run:
            return read_remembered(self.ctx, lambda: self.plugins.hook.read_sources(ctx=self.ctx))
        return self.plugins.hook.read_sources(ctx=self.ctx)

    def render(self, target: str) -> Rendered:
        """``target``'s outputs and report exactly as a sync would render them (the config's kinds,
        levels and exclusions applied, natively read items taken out), planning and writing
        nothing. For tests and previews; raises :class:`HsyncError` when the adapter failed."""
        result = TargetResult(target=target)
        outputs = Dispatcher(self.plugins, self.ctx, self.levels, self.audit).render(
            target, self.read(), result
        )
        if result.error:
            raise HsyncError(result.error)
        return Rendered(outputs=outputs, report=result.report)

    def run(self, state: State | None = None) -> RunResult:
        ctx = self.ctx
        started = now_iso()
        result = RunResult(dry_run=ctx.dry_run)
        sources = self.read()
        result.problems = list(sources.problems)
        if state is None:
            state = self.store.load()
        journal_left = Journal(ctx.hsync_home).path.exists()
        recover(state, ctx.hsync_home, clean=not ctx.dry_run)  # a killed run's outputs (and temps)
        result.warnings.extend(self.store.warnings)

        dispatcher = Dispatcher(self.plugins, ctx, self.levels, self.audit)
        cache = RenderCache(self.plugins, ctx, self.levels)
        allowed: dict[str, Sources] = {}
        for target in self.targets:
            result.targets[target] = TargetResult(target=target)
            allowed[target] = dispatcher.allowed(target, sources, result.targets[target])
            cache.allowed(target, result.targets[target])
        keys = {target: cache.key(target, allowed[target]) for target in self.targets}
        replays = cache.replayable(state, keys)  # (target, level) units that changed nothing
        rendered: dict[str, list[Output]] = {}
        pending = {t for t in self.targets if any((t, lvl) not in replays for lvl in self.levels)}
        while pending:
            for target in sorted(pending - rendered.keys()):
                rendered[target] = dispatcher.render_allowed(target, allowed[target], result.targets[target])
            pending = {target for target, _ in cache.pull_in(state, replays, rendered)}
        for replay in replays.values():
            result.targets[replay.target].changes.extend(replay.changes)
        for target in self.targets:
            if target not in rendered and self.levels:  # replayed whole: its remembered report
                result.targets[target].report.extend(replays[(target, self.levels[0])].report)
        if rendered:
            planned = {t: [o for o in outs if (t, o.level) not in replays] for t, outs in rendered.items()}
            Planner(self.plugins, ctx, self.levels).plan(state, result.targets, planned, skip=set(replays))
        for target_result in result.targets.values():
            target_result.changes.sort(key=lambda c: (str(c.path), c.id))
        settled = not rendered and cache.enabled and not journal_left and not result.warnings
        settled = settled and self._core_reads_only()
        if ctx.dry_run:
            if settled:
                result.settled = _settled(replays.values(), cache, {}, [])
            return result
        if rendered:
            self._write(result)

        record_run(state, result, sources, started, ctx=ctx, levels=self.levels, audit=self.audit)
        if rendered:
            cache.remember(state, result.targets, allowed, keys, set(rendered))
        fault_point("save")
        self.store.save(state)
        Journal(ctx.hsync_home).clear()
        if settled:
            written = {str(self.store.path): path_key(self.store.path)}
            result.settled = _settled(replays.values(), cache, written, self.audit.lines)
        self.audit.flush()
        return result

    def _core_reads_only(self) -> bool:
        """True when the core's reader is the only ``read_sources`` plugin (the memo vouches for
        what it reads; another plugin's sources may not be files)."""
        names = {impl.plugin_name for impl in self.plugins.hook.read_sources.get_hookimpls()}
        return names <= {CORE_READER}

    def _write(self, result: RunResult) -> None:
        """The write step: every write's outcome reaches the report, the exit code and state."""
        try:
            failed = apply(result.targets, plugins=self.plugins, ctx=self.ctx)
        except OSError as exc:  # e.g. the backup folder cannot be made: nothing was written
            why = f"write failed: {exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
            failed = {c.path: why for t in result.targets.values() for c in t.changes if c.action in CHANGING}
        mark_failed(result.targets, failed)


def _settled(replays: Iterable[Replay], cache: RenderCache, written: dict, audit: list[str]) -> Settled:
    outputs: set[str] = set()
    for replay in replays:
        outputs.update(replay.paths)
    return Settled(
        outputs=frozenset(outputs), declared=frozenset(cache.declared), written=written, audit=list(audit)
    )
