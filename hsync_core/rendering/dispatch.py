"""The render step: give a target's adapter the items its config allows, and check what it
returns (one answer, absolute paths inside each output's root, only the levels this run syncs).
An adapter's exception fails its own target, never the run.
"""

from __future__ import annotations

from typing import Any

from ..errors import HsyncError
from ..kinds import KINDS
from ..models import Change, Context, Item, McpServer, Output, Plugin, Rendered, ReportEntry, Sources
from ..planning.disk import outside_root
from ..planning.results import TargetResult
from ..store.audit import AuditLog
from .shared import take_out_shared
from .variables import unsupported_variable_reason


class Dispatcher:
    """Renders targets for one run; remembers checked directories across targets."""

    def __init__(self, plugins: Any, ctx: Context, levels: list[str], audit: AuditLog):
        self.plugins = plugins
        self.ctx = ctx
        self.levels = levels
        self.audit = audit
        self._checked_dirs: dict[str, str | None] = {}

    def allowed(self, target: str, sources: Sources, result: TargetResult) -> Sources:
        """The items ``target`` may receive (config kinds, levels, exclusions; native ones apart),
        each denial logged and reported."""
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
        native = self._split_native(target, Sources(items=kept, problems=sources.problems), result)
        nested = self._withhold_nested(target, native, result)
        return self._drop_unsupported(self._plugins_whole(target, nested, result), result)

    def _drop_unsupported(self, sources: Sources, result: TargetResult) -> Sources:
        """Take out MCP servers whose values use a variable form no harness carries
        (``rendering.variables``), each reported with the one reason every target gives."""
        kept: list[Item] = []
        for item in sources.items:
            reason = unsupported_variable_reason(item) if isinstance(item, McpServer) else None
            if reason:
                result.report.append(ReportEntry.for_item(item, reason, path=item.origin))
                continue
            kept.append(item)
        if len(kept) == len(sources.items):
            return sources
        return Sources(items=kept, problems=sources.problems, native=sources.native)

    def _plugins_whole(self, target: str, sources: Sources, result: TargetResult) -> Sources:
        """With the ``plugins`` kind, a target whose harness installs Claude Code plugins gets the
        ``Plugin`` items and not the plugins' parts (never both: each part is reported as installed
        through its plugin); a target that cannot (``plugins`` not among its ``TargetInfo.kinds``,
        as ``hsync targets`` shows) gets the parts, as without the kind."""
        plugins = {i.name: i for i in sources.items if isinstance(i, Plugin)}
        if not plugins:
            return sources
        info = self.plugins.declared(target)
        if info is None or "plugins" not in info.kinds:
            return Sources(
                items=[i for i in sources.items if not isinstance(i, Plugin)],
                problems=sources.problems,
                native=sources.native,
            )
        kept: list[Item] = []
        for item in sources.items:
            if not isinstance(item, Plugin) and item.scope == "plugin" and item.plugin in plugins:
                reason = f"installed through the plugin {item.plugin} (kind plugins)"
                result.report.append(ReportEntry.for_item(item, reason, action="info", path=item.origin))
                continue
            kept.append(item)
        return Sources(items=kept, problems=sources.problems, native=sources.native)

    def _withhold_nested(self, target: str, sources: Sources, result: TargetResult) -> Sources:
        """Take out the items of project subfolders (``item.folder``) of a kind the adapter does
        not declare in ``TargetInfo.nested``, and report each: written at the project's root they
        would apply to the whole project."""
        info = self.plugins.declared(target)
        handled = info.nested if info is not None else ()
        harness = (info.harness if info is not None else "") or target
        kept: list[Item] = []
        for item in sources.items:
            folder = getattr(item, "folder", "")
            if folder and item.kind not in handled:
                reason = (
                    f"{item.kind} of a project subfolder ({folder}/) are not written for {harness}: "
                    "at the project's root they would apply to the whole project"
                )
                result.report.append(ReportEntry.for_item(item, reason, path=item.origin))
                continue
            kept.append(item)
        if len(kept) == len(sources.items):
            return sources
        return Sources(items=kept, problems=sources.problems, native=sources.native)

    def _split_native(self, target: str, sources: Sources, result: TargetResult) -> Sources:
        """Take out what the target's harness reads by itself, and report each such item once."""
        info = self.plugins.declared(target)
        rows = info.reads_natively if info is not None else ()
        if not rows:
            return sources
        harness = info.harness or target
        kept: list[Item] = []
        native: list[Item] = []
        for item in sources.items:
            row = next((r for r in rows if r.matches(item, self.ctx)), None)
            if row is None:
                kept.append(item)
                continue
            native.append(item)
            result.report.append(ReportEntry.read_natively(item, harness, row.where, path=item.origin))
        return Sources(items=kept, problems=sources.problems, native=native)

    def render(self, target: str, sources: Sources, result: TargetResult) -> list[Output]:
        return self.render_allowed(target, self.allowed(target, sources, result), result)

    def render_allowed(self, target: str, allowed: Sources, result: TargetResult) -> list[Output]:
        """``target``'s checked outputs from what :meth:`allowed` gave it."""
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
                result.changes.append(Change.for_output(output, "failed", reason=problem))
                continue
            outputs.append(output)
        info = self.plugins.declared(target)
        harness = (info.harness if info is not None else None) or target
        outputs, shared_report, result.shared = take_out_shared(outputs, allowed, harness)
        result.report.extend(shared_report)
        return outputs
