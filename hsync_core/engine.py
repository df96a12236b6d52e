"""The pipeline: read → render (pure, per target) → plan → drift → write → record.

``Engine.run()`` does one whole run under the caller's lock. The plan compares every output
with the disk and with state:

- ``create``: not on disk; ``unchanged``: the disk already holds it;
- ``update``: on disk as hsync last wrote it, and the source changed;
- ``remove``: owned before, no longer rendered, and unchanged on disk;
- ``conflict``: on disk but not owned by hsync, or owned and edited by hand (drift) while the
  policy says keep;
- ``failed``: the file cannot be used (a user broke the TOML, a link leads out of the root…).

Outputs that two targets render identically are one write owned by both; different content for
one output is an error naming both adapters.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from attrs import define, evolve, field

from .audit import AuditLog
from .errors import HsyncError, InvalidInput
from .files import jsonc, markdown, tomlfile
from .models import (
    KINDS,
    Change,
    Context,
    Drift,
    Entry,
    FileOutput,
    FileWrite,
    Item,
    JsonEntry,
    LinkOutput,
    MarkdownBlock,
    Output,
    Rendered,
    ReportEntry,
    Sources,
    TargetPlan,
    TomlEntry,
    entry_key,
    sources_digest,
)
from .ownership import (
    DiskFile,
    desired_hash,
    link_text,
    output_key,
    outside_root,
    parse_key,
    payload,
    same_link,
)
from .plugins import Plugins
from .state import USER_SCOPE, OwnedOutput, State, StateStore, now_iso

CHANGING = ("create", "update", "remove")
STYLE_OF = {
    FileOutput: "file",
    LinkOutput: "link",
    TomlEntry: "toml",
    JsonEntry: "json",
    MarkdownBlock: "block",
}


@define
class TargetResult:
    target: str
    changes: list[Change] = field(factory=list)
    report: list[ReportEntry] = field(factory=list)
    error: str | None = None
    writes: list[FileWrite] = field(factory=list)

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "created": self.count("create"),
            "updated": self.count("update"),
            "unchanged": self.count("unchanged"),
            "removed": self.count("remove"),
            "skipped": sum(1 for r in self.report if r.action == "skipped"),
            "conflicts": self.count("conflict"),
            "failed": self.count("failed"),
        }

    @property
    def status(self) -> str:
        if self.error:
            return "failed"
        counts = self.counts
        changed = counts["created"] + counts["updated"] + counts["removed"]
        if counts["failed"] and not changed and not counts["unchanged"]:
            return "failed"
        if counts["skipped"] or counts["conflicts"] or counts["failed"]:
            return "partial"
        return "success" if changed else "unchanged"


@define
class RunResult:
    dry_run: bool
    targets: dict[str, TargetResult] = field(factory=dict)
    problems: list[ReportEntry] = field(factory=list)  # items the reader skipped
    warnings: list[str] = field(factory=list)

    @property
    def pending(self) -> bool:
        """Something would change (or conflicts): what ``check`` fails on."""
        return any(c.action in (*CHANGING, "conflict") for t in self.targets.values() for c in t.changes)

    @property
    def exit_code(self) -> int:
        troubled = any(t.error or t.counts["conflicts"] or t.counts["failed"] for t in self.targets.values())
        return 1 if troubled or self.problems else 0

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def scope_key(ctx: Context, level: str) -> str:
    return USER_SCOPE if level == "user" else str(ctx.project)


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
        self.targets = requested or ctx.config.enabled_targets(installed)
        plugins.check_conflicts(self.targets)
        self._checked_dirs: dict[str, str | None] = {}
        self.audit = AuditLog(ctx.hsync_home, trigger=ctx.trigger, project=ctx.project, time=now_iso())
        self.levels = [
            lvl for lvl in ("user", "project") if ctx.wants_level(lvl) and (lvl == "user" or ctx.project)
        ]

    # ------------------------------------------------------------------------------------ read
    def read(self) -> Sources:
        items: list[Item] = []
        problems: list[ReportEntry] = []
        for contributed in self.plugins.hook.read_sources(ctx=self.ctx):
            for thing in contributed or ():
                if isinstance(thing, ReportEntry):
                    problems.append(thing)
                elif isinstance(thing, Item):
                    items.append(thing)
        return Sources(items=items, problems=problems)

    # ---------------------------------------------------------------------------------- render
    def _allowed(self, target: str, sources: Sources, result: TargetResult) -> Sources:
        kinds = self.ctx.config.kinds_for(target)
        for kind in KINDS:
            self.audit.record(
                target=target,
                kind=kind,
                item=None,
                action="allow" if kind in kinds else "deny",
                reason="config kinds" if kind in kinds else "kind not enabled for this target in config",
            )
        kept: list[Item] = []
        for item in sources.items:
            if item.kind not in kinds or item.level not in self.levels:
                continue
            pattern = self.ctx.config.excluded_by(target, item.kind, item.qualified_name)
            if pattern:
                reason = f"excluded by config pattern {pattern!r}"
                result.report.append(ReportEntry.for_item(item, reason, action="info"))
                self.audit.record(
                    target=target, kind=item.kind, item=item.qualified_name, action="deny", reason=reason
                )
                continue
            kept.append(item)
        return Sources(items=kept, problems=sources.problems)

    def render(self, target: str, sources: Sources, result: TargetResult) -> list[Output]:
        allowed = self._allowed(target, sources, result)
        try:
            answers = [
                r
                for r in self.plugins.hook.render_target(target=target, sources=allowed, ctx=self.ctx)
                if r is not None
            ]
        except HsyncError:
            raise
        except Exception as exc:  # an adapter's bug fails its target only
            result.error = f"adapter for {target} failed while rendering: {type(exc).__name__}: {exc}"
            return []
        if not answers:
            result.error = f"no adapter rendered target {target}"
            return []
        if len(answers) > 1:
            result.error = f"{len(answers)} plugins rendered target {target}; only one may"
            return []
        rendered: Rendered = answers[0]
        result.report.extend(rendered.report)
        outputs = []
        for output in rendered.outputs:
            if output.level not in self.levels:
                continue
            problem = None if output.path.is_absolute() else f"{output.path} is not an absolute path"
            problem = problem or outside_root(output.root, output.path, self._checked_dirs)
            if problem:
                result.changes.append(self._change(output, "failed", reason=problem))
                continue
            outputs.append(output)
        return outputs

    # ------------------------------------------------------------------------------------ plan
    def _change(self, output: Output, action: str, **kw: Any) -> Change:
        return Change(
            id=output.id,
            path=output.path,
            action=action,
            kind=output.kind,
            item=output.item,
            level=output.level,
            scope=output.scope,
            output=output,
            **kw,
        )

    def plan(self, state: State, results: dict[str, TargetResult], rendered: dict[str, list[Output]]) -> None:
        ctx = self.ctx
        wanted: dict[str, tuple[Output, list[str]]] = {}
        broken: set[str] = set()
        for target, outputs in rendered.items():
            for output in outputs:
                if output.id in wanted:
                    first, owners = wanted[output.id]
                    if type(first) is not type(output) or payload(first) != payload(output):
                        broken.add(output.id)
                    owners.append(target)
                else:
                    wanted[output.id] = (output, [target])
        for output_id in broken:
            output, owners = wanted.pop(output_id)
            reason = f"{' and '.join(owners)} render different content for {output.path}"
            for target in owners:
                results[target].changes.append(self._change(output, "failed", reason=reason))

        # owned outputs no longer rendered: candidates for removal
        stale: dict[str, list[tuple[str, str, OwnedOutput]]] = {}
        for target, result in results.items():
            if result.error:
                continue
            mine = {o.id for o in rendered.get(target, ())}
            for level in self.levels:
                key = scope_key(ctx, level)
                owned = state.peek(key, target)
                for output_id, record in list((owned.outputs if owned else {}).items()):
                    if output_id in mine or output_id in broken:
                        continue
                    others = [t for t in state.owners(key, output_id) if t != target]
                    if output_id in wanted or others or record.adopted:
                        # someone else still renders or owns it, or it was there before hsync:
                        # hsync stops owning it and leaves it in place
                        del owned.outputs[output_id]
                        continue
                    stale.setdefault(output_id, []).append((target, level, record))

        by_path: dict[Path, list[str]] = {}
        for output_id, (output, _) in wanted.items():
            by_path.setdefault(output.path, []).append(output_id)
        stale_by_path: dict[Path, list[str]] = {}
        for output_id, entries in stale.items():
            stale_by_path.setdefault(Path(entries[0][2].path), []).append(output_id)

        for path in sorted(set(by_path) | set(stale_by_path), key=os.fspath):
            ids, stale_ids = by_path.get(path, []), stale_by_path.get(path, [])
            try:
                self._plan_path(path, ids, stale_ids, wanted, stale, state, results)
            except HsyncError:
                raise
            except Exception as exc:  # a bug on one path must not stop every other output
                reason = f"{path}: could not plan this file ({type(exc).__name__}: {exc})"
                for output_id in ids:
                    output, owners = wanted[output_id]
                    for target in owners:
                        results[target].changes.append(self._change(output, "failed", reason=reason))

    def _plan_path(
        self,
        path: Path,
        ids: list[str],
        stale_ids: list[str],
        wanted: dict[str, tuple[Output, list[str]]],
        stale: dict[str, list[tuple[str, str, OwnedOutput]]],
        state: State,
        results: dict[str, TargetResult],
    ) -> None:
        styles = {STYLE_OF[type(wanted[i][0])] for i in ids} | {stale[i][0][2].style for i in stale_ids}
        if len(styles) > 1:
            reason = f"{path} is rendered in more than one way ({', '.join(sorted(styles))})"
            for output_id in ids:
                output, owners = wanted[output_id]
                for target in owners:
                    results[target].changes.append(self._change(output, "failed", reason=reason))
            return
        style = styles.pop()
        disk = DiskFile(path, style)
        path_changes: list[tuple[list[str], Change]] = []
        for output_id in ids:
            output, owners = wanted[output_id]
            change = self._decide(output, owners, disk, state)
            path_changes.append((owners, change))
        for output_id in stale_ids:
            for target, level, record in stale[output_id]:
                change = self._decide_stale(output_id, target, level, record, disk)
                path_changes.append(([target], change))
        write = None
        accepted = [c for _, c in path_changes if c.action in CHANGING]
        if accepted:
            try:
                write = self._file_write(path, style, disk, accepted)
            except (ValueError, jsonc.JsoncError, markdown.BlockError, OSError) as exc:
                path_changes = [
                    (owners, evolve(c, action="failed", reason=f"{path}: {exc}"))
                    if c.action in CHANGING
                    else (owners, c)
                    for owners, c in path_changes
                ]
        writers: set[str] = set()
        for owners, change in path_changes:
            for target in owners:
                results[target].changes.append(change)
                if write is not None and change.action in CHANGING and target not in writers:
                    writers.add(target)
                    results[target].writes.append(write)

    def _recorded(self, state: State, level: str, output_id: str) -> OwnedOutput | None:
        key = scope_key(self.ctx, level)
        for target in state.owners(key, output_id):
            return state.target(key, target).outputs[output_id]
        return None

    def _decide(self, output: Output, owners: list[str], disk: DiskFile, state: State) -> Change:
        if disk.error:
            return self._change(output, "failed", reason=disk.error)
        desired = desired_hash(output)
        record = self._recorded(state, output.level, output.id)
        current = disk.current_hash(output_key(output), record)
        if disk.error:
            return self._change(output, "failed", reason=disk.error)
        detail = self._detail(output, current)
        if current is None:
            reason = "was deleted; writing it again" if record else None
            created = disk.missing_parents(output.key) if isinstance(output, Entry) else 0
            if record is not None and not created:
                created = record.created_parents
            return self._change(
                output, "create", new_hash=desired, reason=reason, detail=detail, created_parents=created
            )
        if current == desired or (isinstance(output, LinkOutput) and same_link(current, output)):
            return self._change(
                output,
                "unchanged",
                new_hash=current if isinstance(output, LinkOutput) else desired,
                old_hash=current,
                stat=disk.stat_key() if isinstance(output, FileOutput) else None,
                adopted=record.adopted if record is not None else True,
            )
        if record is None:
            what = {
                "toml": "an entry of that name",
                "json": "an entry of that name",
                "block": "an hsync block",
            }
            thing = what.get(disk.style, "a file")
            return self._change(
                output,
                "conflict",
                old_hash=current,
                new_hash=desired,
                detail=detail,
                reason=f"{thing} exists that hsync does not own; move it away (or delete it) to let hsync write it",
            )
        if current == record.hash:
            return self._change(
                output,
                "update",
                old_hash=current,
                new_hash=desired,
                detail=detail,
                created_parents=record.created_parents,
            )
        return self._drifted(output.id, owners, output.level, record, current, desired, detail, output=output)

    def _drifted(
        self,
        output_id: str,
        owners: list[str],
        level: str,
        record: OwnedOutput,
        current: str | None,
        desired: str | None,
        detail: str | None,
        *,
        output: Output | None = None,
    ) -> Change:
        removing = output is None
        base = Change(
            id=output_id,
            path=Path(record.path),
            action="update" if not removing else "remove",
            kind=record.kind,
            item=record.item,
            level=level,
            output=output,
            old_hash=current,
            new_hash=desired,
            drift=True,
            detail=detail,
            created_parents=record.created_parents,
        )
        decisions = []
        for target in owners:
            drift = Drift(target=target, change=base, recorded_hash=record.hash, current_hash=current)
            decisions.extend(
                d for d in self.plugins.hook.on_drift(target=target, drift=drift, ctx=self.ctx) if d
            )
        if "keep" in decisions:
            policy = "keep"
        elif "overwrite" in decisions or self.ctx.force:
            policy = "overwrite"
        else:
            policy = self.ctx.config.on_drift
        if policy == "overwrite":
            return evolve(base, reason="edited by hand (drift); overwriting, a backup is kept")
        what = (
            "stale output was edited by hand; left in place"
            if removing
            else "edited by hand since hsync wrote it (drift)"
        )
        return evolve(
            base, action="conflict", reason=f"{what}; run with --force to overwrite (a backup is kept)"
        )

    def _decide_stale(
        self, output_id: str, target: str, level: str, record: OwnedOutput, disk: DiskFile
    ) -> Change:
        base = Change(
            id=output_id,
            path=Path(record.path),
            action="remove",
            kind=record.kind,
            item=record.item,
            level=level,
            reason="no longer rendered",
            created_parents=record.created_parents,
        )
        if disk.error:
            return evolve(base, action="failed", reason=disk.error)
        current = disk.current_hash(parse_key(output_id), record)
        if current is None:
            return evolve(base, reason="no longer rendered (already gone)", old_hash=None)
        key = parse_key(output_id)
        detail = f"- {entry_key(key)}" if key and disk.style in ("toml", "json") else None
        if current == record.hash:
            return evolve(base, old_hash=current, detail=detail)
        return self._drifted(output_id, [target], level, record, current, None, detail)

    @staticmethod
    def _detail(output: Output, current: str | None) -> str | None:
        if isinstance(output, Entry):
            return f"{'+' if current is None else '~'} {entry_key(output.key)}"
        return None

    # ---------------------------------------------------------------------------- file contents
    def _file_write(self, path: Path, style: str, disk: DiskFile, changes: list[Change]) -> FileWrite | None:
        root = next((c.output.root for c in changes if c.output is not None), None) or self._root_for(path)
        if style == "file":
            change = changes[-1]
            old = disk.file_bytes() if disk.exists else None
            if change.action == "remove":
                return FileWrite(path=path, root=root, old=old, content=None)
            output = change.output
            assert isinstance(output, FileOutput)
            return FileWrite(
                path=path,
                root=root,
                old=old,
                content=output.content.encode("utf-8"),
                executable=output.executable,
            )
        if style == "link":
            change = changes[-1]
            if change.action == "remove":
                return FileWrite(path=path, root=root, old=None, content=None)
            output = change.output
            assert isinstance(output, LinkOutput)
            return FileWrite(
                path=path,
                root=root,
                old=None,
                content=None,
                link_source=Path(link_text(output)),
                replace_dir=disk.exists,
            )
        text = disk.text or ""
        old = disk.raw
        if style == "block":
            new: str | None = text
            for change in changes:
                if change.action == "remove":
                    new = markdown.remove(new or "")
                else:
                    assert isinstance(change.output, MarkdownBlock)
                    new = markdown.put(new, change.output.content)
        elif style == "toml":
            sets = {
                c.output.key: c.output.value for c in changes if c.action != "remove" and c.output is not None
            }
            deletes = [
                (key, c.created_parents) for c in changes if c.action == "remove" and (key := parse_key(c.id))
            ]
            new = tomlfile.apply(text, sets, deletes)
            if not new.strip():
                new = None
        else:
            sets = [
                (c.output.key, c.output.value)
                for c in changes
                if c.action != "remove" and c.output is not None
            ]
            deletes = [
                (key, c.created_parents) for c in changes if c.action == "remove" and (key := parse_key(c.id))
            ]
            new = jsonc.apply(text, sets, deletes)
            if new is not None and jsonc.parse(new).value == {} and not jsonc.has_comments(new):
                new = None
        content = None if new is None else new.encode("utf-8")
        return FileWrite(path=path, root=root, old=old, content=content)

    def _root_for(self, path: Path) -> Path:
        for base in (self.ctx.project, self.ctx.home):
            if base is not None:
                try:
                    path.relative_to(base)
                    return base
                except ValueError:
                    continue
        return path.parent

    # ----------------------------------------------------------------------------------- write
    def _backup(self, changes: Iterable[Change], stamp: str) -> None:
        for change in changes:
            if not change.drift or change.action not in CHANGING or not change.path.exists():
                continue
            rel = Path(*change.path.resolve().parts[1:])
            target = self.ctx.hsync_home / "backups" / stamp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if change.path.is_dir() and not change.path.is_symlink():
                shutil.copytree(change.path, target, symlinks=True, dirs_exist_ok=True)
            else:
                shutil.copy2(change.path, target, follow_symlinks=False)

    def write(self, results: dict[str, TargetResult]) -> dict[Path, str]:
        """Apply every target's plan in one transaction; return the paths that failed, and why."""
        from .writer import Transaction

        transaction = Transaction()
        ctx = evolve(self.ctx, transaction=transaction)
        stamp = time.strftime("%Y%m%dT%H%M%S")
        for target, result in results.items():
            if result.error:
                continue
            plan = TargetPlan(
                target=target, changes=result.changes, report=result.report, writes=result.writes
            )
            self._backup(result.changes, stamp)
            self.plugins.hook.write_target(target=target, plan=plan, ctx=ctx)
        transaction.commit()
        return transaction.failed

    # ------------------------------------------------------------------------------------ run
    def run(self, state: State | None = None) -> RunResult:
        ctx = self.ctx
        started = now_iso()
        result = RunResult(dry_run=ctx.dry_run)
        sources = self.read()
        result.problems = list(sources.problems)
        if state is None:
            state = self.store.load()
        result.warnings.extend(self.store.warnings)
        rendered: dict[str, list[Output]] = {}
        for target in self.targets:
            result.targets[target] = TargetResult(target=target)
            rendered[target] = self.render(target, sources, result.targets[target])
        self.plan(state, result.targets, rendered)
        for target_result in result.targets.values():
            target_result.changes.sort(key=lambda c: (str(c.path), c.id))
        if ctx.dry_run:
            return result
        failed_paths: set[Path] = set()
        try:
            self.write(result.targets)
        except OSError as exc:
            for target_result in result.targets.values():
                for i, change in enumerate(target_result.changes):
                    if change.action in CHANGING:
                        target_result.changes[i] = evolve(
                            change, action="failed", reason=f"write failed: {exc}"
                        )
                        failed_paths.add(change.path)
        self.record(state, result, sources, started)
        self.store.save(state)
        self.audit.flush()
        return result

    def record(self, state: State, result: RunResult, sources: Sources, started: str) -> None:
        ctx = self.ctx
        state.last_run = started
        digests = {
            level: sources_digest(i for i in sources.items if i.level == level) for level in self.levels
        }
        for target, target_result in result.targets.items():
            for change in target_result.changes:
                key = scope_key(ctx, change.level)
                owned = state.target(key, target).outputs
                if change.action in ("create", "update", "unchanged") and change.new_hash is not None:
                    output = change.output
                    assert output is not None
                    stat = (
                        (change.stat or DiskFile(change.path, "file").stat_key())
                        if isinstance(output, FileOutput)
                        else None
                    )
                    owned[change.id] = OwnedOutput(
                        hash=change.new_hash,
                        style=STYLE_OF[type(output)],
                        kind=change.kind,
                        item=change.item,
                        path=str(change.path),
                        stat=stat,
                        created_parents=change.created_parents,
                        adopted=change.adopted,
                    )
                elif change.action == "remove":
                    for owner in state.owners(key, change.id):
                        state.target(key, owner).outputs.pop(change.id, None)
                if change.action not in ("unchanged",):
                    self.audit.record(
                        target=target,
                        kind=change.kind,
                        item=change.item,
                        action=change.action,
                        reason=change.reason,
                        path=str(change.path),
                    )
            for entry in target_result.report:
                if entry.action == "skipped":
                    self.audit.record(
                        target=target, kind=entry.kind, item=entry.name, action="skipped", reason=entry.reason
                    )
            status = target_result.status
            for level in self.levels:
                ts = state.target(scope_key(ctx, level), target)
                ts.last_sync = started
                ts.result = status
                ts.sources_digest = digests[level]
