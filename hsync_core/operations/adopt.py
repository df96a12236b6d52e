"""``hsync adopt``: turn a change made on the harness side into a change of the Claude Code source.

- a server the user added to a harness file (or an hsync server they edited there) becomes a
  server in ``~/.claude.json`` (user level) or ``.mcp.json`` (project level);
- an edit inside the managed instructions block becomes a patch to the ``CLAUDE.md`` (or rules
  file) the edited text came from;
- an edited copy of a skill (written as a copy where the harness's folder refused a link) becomes
  the same edit of the skill's own files (changed, added or removed; see :mod:`.skill_copies`).

Literal credentials never reach a Claude Code file: they become ``${VAR}`` references and the
plan says which variable to set. Adoption is allowed per target (``[targets.<name>] adopt =
true``); a denied one raises :class:`AdoptDenied`. The plan is made first (:func:`plan_adoption`)
so it can be shown as a diff; :func:`apply_adoption` writes every changed source file
atomically, records each adoption in the audit log, and the caller then syncs every target.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from attrs import define, field

from ..errors import HsyncError
from ..files import jsonc, markdown
from ..files.atomicio import write_atomic
from ..models import Context, McpServer
from ..rendering.readback import looks_secret, secret_variable
from ..store.audit import AuditLog
from ..store.state import now_iso
from .diff import display_path
from .drift import Addition, Drifted, collect_drift
from .skill_copies import edits as copy_edits


class AdoptDenied(HsyncError):
    """Adoption is not allowed, or not possible, for this target or item (exit 1)."""

    exit_code = 1


@define(kw_only=True)
class Adoption:
    """One harness-side change, and what it becomes in the source."""

    target: str
    kind: str
    name: str
    source: Path  # the Claude Code file it changes
    what: str  # "added server", "edited server", "edited instructions"
    variables: list[str] = field(factory=list)  # variables the user must set (secrets)


@define(kw_only=True)
class AdoptPlan:
    target: str
    adoptions: list[Adoption] = field(factory=list)
    refused: list[str] = field(factory=list)  # "name: reason"
    files: dict[Path, tuple[str | None, str | None]] = field(factory=dict)  # path -> (old, new; None: remove)

    def diff(self, ctx: Context) -> str:
        out = []
        for path, (old, new) in self.files.items():
            shown = display_path(path, ctx.home, ctx.project)
            out.extend(
                difflib.unified_diff(
                    (old or "").splitlines(keepends=True),
                    (new or "").splitlines(keepends=True),
                    fromfile=shown if old is not None else "/dev/null",
                    tofile=shown if new is not None else "/dev/null",
                )
            )
        text = "".join(out)
        return text if not text or text.endswith("\n") else text + "\n"


def check_allowed(plugins: Any, ctx: Context, target: str) -> None:
    """Raise :class:`AdoptDenied` (and log it) unless ``target`` may be adopted from. An adapter
    that cannot read its files back still offers its edited skill copies (the core reads those)."""
    reason = None
    info = plugins.targets.get(target)
    if info is None:
        reason = f"unknown target {target!r} (installed: {', '.join(plugins.target_names) or 'none'})"
    elif not ctx.config.target(target).adopt:
        reason = (
            f"adopting from {target} is off; allow it with `[targets.{target}] adopt = true` "
            f"in {ctx.hsync_home / 'config.toml'}"
        )
    if reason:
        deny(ctx, target, reason)


def deny(ctx: Context, target: str, reason: str) -> None:
    """Log a denied adoption, then raise :class:`AdoptDenied`."""
    audit = AuditLog(ctx.hsync_home, trigger=ctx.trigger, project=ctx.project, time=now_iso())
    audit.record(target=target, kind=None, item=None, action="denied", reason=f"adopt: {reason}")
    audit.flush()
    raise AdoptDenied(reason)


def claude_server(server: McpServer) -> tuple[dict[str, Any], list[str]]:
    """The ``mcpServers`` value for ``server`` and the variables its credentials now name."""
    variables: list[str] = []

    def hide(key: str, value: str, *, bearer: bool = False) -> str:
        if not looks_secret(key, value):
            return value
        variable = secret_variable(server.name, "token" if bearer else key)
        variables.append(variable)
        if bearer or value.lower().startswith("bearer "):
            return "Bearer ${" + variable + "}"
        return "${" + variable + "}"

    spec: dict[str, Any]
    if server.transport == "stdio":
        spec = {"type": "stdio", "command": server.command or ""}
        if server.args:
            spec["args"] = list(server.args)
        if server.env:
            spec["env"] = {k: hide(k, v) for k, v in server.env.items()}
        if server.cwd:
            spec["cwd"] = server.cwd
    else:
        spec = {"type": server.transport, "url": server.url or ""}
        if server.headers:
            spec["headers"] = {
                k: hide(k, v, bearer=k.lower() == "authorization") for k, v in server.headers.items()
            }
        if isinstance(server.extra.get("headersHelper"), str):  # a command, never a credential
            spec["headersHelper"] = server.extra["headersHelper"]
    if not server.enabled:
        spec["disabled"] = True
    return spec, variables


def _source_file(ctx: Context, level: str) -> Path:
    if level == "project":
        if ctx.project is None:
            raise AdoptDenied("a project-level server needs a project (run inside one or pass --project)")
        return ctx.project / ".mcp.json"
    return ctx.home / ".claude.json"


def _text(files: dict[Path, tuple[str | None, str]], path: Path) -> str | None:
    if path in files:
        return files[path][1]
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _existing(text: str | None, name: str) -> bool:
    if not text:
        return False
    try:
        value = jsonc.parse(text).value
    except jsonc.JsoncError as exc:
        raise AdoptDenied(str(exc)) from exc
    servers = value.get("mcpServers") if isinstance(value, dict) else None
    return isinstance(servers, dict) and name in servers


def _put_server(
    plan: AdoptPlan, ctx: Context, server: McpServer, name: str, what: str, *, replace: bool
) -> None:
    path = _source_file(ctx, server.level)
    old = _text(plan.files, path)
    if not replace and _existing(old, name):
        plan.refused.append(
            f"{name}: {display_path(path, ctx.home, ctx.project)} already has a server of that name"
        )
        return
    spec, variables = claude_server(server)
    try:
        new = jsonc.set_value(old if old and old.strip() else "{}\n", ("mcpServers", name), spec)
    except jsonc.JsoncError as exc:
        raise AdoptDenied(f"{path}: {exc}") from exc
    original = plan.files.get(path, (old, ""))[0]
    plan.files[path] = (original, new)
    plan.adoptions.append(
        Adoption(target=plan.target, kind="mcp", name=name, source=path, what=what, variables=variables)
    )


def _patch_rules(plan: AdoptPlan, ctx: Context, drifted: Drifted, rule_files: list[Path]) -> None:
    """Apply the edit of a managed block (hsync's text → the text on disk) to the rules file
    the edited lines came from; refuse when they are not found there exactly once."""
    desired = markdown.inner(markdown.render(drifted.change.output.content)) if drifted.change.output else ""
    current = drifted.readback.item.text if drifted.readback else ""
    old_lines = (desired or "").splitlines(keepends=True)
    new_lines = (current or "").splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    hunks = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    name = display_path(drifted.change.path, ctx.home, ctx.project)
    for _tag, i1, i2, j1, j2 in hunks:
        before = old_lines[max(i1 - 1, 0) : i1]
        after = old_lines[i2 : i2 + 1]
        anchor = "".join(before + old_lines[i1:i2] + after)
        replacement = "".join(before + new_lines[j1:j2] + after)
        found = [p for p in rule_files if anchor and (_text(plan.files, p) or "").count(anchor) == 1]
        if len(found) != 1:
            plan.refused.append(
                f"{name}: the edit near line {i1 + 1} of the block does not match the text of exactly one "
                "Claude Code rules file (it changes text hsync generated); edit CLAUDE.md instead"
            )
            return
        path = found[0]
        old = _text(plan.files, path) or ""
        original = plan.files.get(path, (old, ""))[0]
        plan.files[path] = (original, old.replace(anchor, replacement, 1))
    if hunks:
        sources = sorted({str(p) for p in plan.files if p in rule_files})
        plan.adoptions.append(
            Adoption(
                target=plan.target,
                kind="rules",
                name=drifted.change.item,
                source=Path(sources[0]) if sources else drifted.change.path,
                what="edited instructions",
            )
        )


def _patch_skill(plan: AdoptPlan, ctx: Context, drifted: Drifted, skills: list[Any]) -> None:
    """The edits of a skill's copy, as the same edits of the skill's own files."""
    change = drifted.change
    found = [s for s in skills if s.name == change.item and s.origin is not None]
    origin = getattr(change.output, "source", None)
    if not found or origin is None or found[0].origin != origin or found[0].scope == "plugin":
        where = display_path(found[0].origin, ctx.home, ctx.project) if found else "elsewhere"
        plan.refused.append(
            f"{change.item}: the skill comes from {where}, which hsync does not edit; change it there"
        )
        return
    edits = copy_edits(origin, change.path)
    binary = [e.rel for e in edits if e.binary]
    if binary:
        plan.refused.append(f"{change.item}: {', '.join(binary)} is not text; copy it into {origin} yourself")
        return
    for edit in edits:
        path = origin / edit.rel
        plan.files[path.resolve() if path.is_symlink() else path] = (edit.old, edit.new)
    if edits:
        plan.adoptions.append(
            Adoption(target=plan.target, kind="skills", name=change.item, source=origin, what="edited skill")
        )


def plan_adoption(plugins: Any, ctx: Context, target: str, names: tuple[str, ...] = ()) -> AdoptPlan:
    """What adopting ``names`` (default: everything adoptable) from ``target`` would change."""
    check_allowed(plugins, ctx, target)
    report = collect_drift(plugins, ctx, (target,), include_kept=True)
    plan = AdoptPlan(target=target)
    candidates: list[Drifted | Addition] = [
        d
        for d in report.drifted
        if d.skill_copy or (d.readback is not None and d.change.kind in ("mcp", "rules"))
    ]
    candidates += report.additions
    if not plugins.targets[target].reads_back and not candidates:
        deny(
            ctx,
            target,
            f"the {target} adapter cannot read its files back (only edited skill copies can be adopted "
            "from it); use `hsync drift --keep` or `--overwrite`",
        )
    wanted = set(names)
    matched: set[str] = set()
    from ..engine import Engine

    sources = Engine(plugins, ctx, targets=(target,)).read()
    for candidate in candidates:
        labels = {candidate.name}
        if isinstance(candidate, Drifted):
            labels.add(candidate.change.path.name)
        if wanted and not labels & wanted:
            continue
        matched |= labels & wanted
        if isinstance(candidate, Addition):
            if candidate.entry.item.kind == "mcp":
                _put_server(plan, ctx, candidate.entry.item, candidate.name, "added server", replace=False)
            continue
        if candidate.skill_copy:
            _patch_skill(plan, ctx, candidate, sources.of("skills", level=candidate.change.level))
        elif candidate.change.kind == "mcp":
            claude = [
                s
                for s in sources.of("mcp", level=candidate.change.level)
                if s.qualified_name == candidate.name
            ]
            origin = claude[0].origin if claude else None
            if (
                not claude
                or origin != _source_file(ctx, candidate.change.level)
                or claude[0].scope == "local"
            ):
                plan.refused.append(
                    f"{candidate.name}: the server comes from "
                    f"{display_path(origin, ctx.home, ctx.project) if origin else 'elsewhere'}, "
                    "which hsync does not edit; change it there"
                )
                continue
            _put_server(plan, ctx, candidate.readback.item, candidate.name, "edited server", replace=True)
        else:
            rule_files = [
                r.origin for r in sources.of("rules", level=candidate.change.level) if r.origin is not None
            ]
            _patch_rules(plan, ctx, candidate, rule_files)
    missing = sorted(wanted - matched)
    if missing:
        raise AdoptDenied(f"nothing to adopt from {target} named {', '.join(missing)} (see `hsync drift`)")
    return plan


def apply_adoption(plan: AdoptPlan, ctx: Context) -> None:
    """Write each changed source file atomically (remove those removed); log every adoption."""
    for path, (_old, new) in plan.files.items():
        if new is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, new.encode("utf-8"))
    audit = AuditLog(ctx.hsync_home, trigger=ctx.trigger, project=ctx.project, time=now_iso())
    for adoption in plan.adoptions:
        reason = f"adopt: {adoption.what} from {adoption.target} into {adoption.source}"
        if adoption.variables:
            reason += f"; credentials now read from {', '.join(adoption.variables)}"
        audit.record(
            target=adoption.target, kind=adoption.kind, item=adoption.name, action="adopted", reason=reason
        )
    audit.flush()
