"""``hsync drift``: review hand edits of hsync's outputs and entries added on the harness side;
keep, overwrite or adopt them, one by one (``--review``) or by name (``--keep``, ``--overwrite``;
``hsync adopt`` for adopting)."""

from __future__ import annotations

import sys
from typing import Any

import click

from .common import build, echo, fail, handle_errors, print_json, styled
from .sync import scope_option, target_option


def _selects(selector: str, candidate: Any, ctx: Any) -> bool:
    from ..operations.diff import display_path

    change = candidate.change if hasattr(candidate, "change") else None
    path = change.path if change else candidate.entry.path
    ident = change.id if change else candidate.entry.id
    return selector in (ident, candidate.name, display_path(path, ctx.home, ctx.project), str(path))


def _show(candidate: Any, ctx: Any) -> None:
    from ..operations.diff import display_path

    if hasattr(candidate, "change"):
        change = candidate.change
        what = "no longer rendered, but edited by hand" if change.output is None else "edited by hand"
        echo(
            f"{styled('!', fg='red')} {styled(candidate.target, bold=True)} [{change.level}] "
            f"{display_path(change.path, ctx.home, ctx.project)}: {change.kind} {change.item} {what}"
            + ("" if candidate.adoptable else " (keep or overwrite only)")
        )
        echo(candidate.diff.rstrip("\n") or "  (no textual difference: the file's metadata changed)")
    else:
        entry = candidate.entry
        echo(
            f"{styled('+', fg='green')} {styled(candidate.target, bold=True)} [{entry.item.level}] "
            f"{display_path(entry.path, ctx.home, ctx.project)}: {entry.item.kind} {candidate.name} "
            f"added by hand; adopt with `hsync adopt {candidate.target} {candidate.name}`"
        )
        for line in candidate.text.rstrip("\n").splitlines():
            echo(f"    {line}")


@click.command()
@scope_option
@target_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@click.option(
    "--review", is_flag=True, help="Go through each change in the terminal: keep, overwrite, adopt or skip."
)
@click.option(
    "--keep",
    "keep",
    multiple=True,
    metavar="WHAT",
    help="Keep this hand edit (file, item or id); stop listing it until the source changes.",
)
@click.option(
    "--overwrite",
    "overwrite",
    multiple=True,
    metavar="WHAT",
    help="Back up this hand edit, then write hsync's version.",
)
@click.pass_context
@handle_errors
def drift(
    click_ctx: click.Context,
    scope: str,
    targets: tuple[str, ...],
    as_json: bool,
    review: bool,
    keep: tuple[str, ...],
    overwrite: tuple[str, ...],
) -> None:
    """List every drifted output with its diff and every harness-side addition.

    Exit 0 when there is nothing to review, 4 when something is listed.
    """
    from ..operations.drift import collect_drift, to_json

    plugins, ctx = build(click_ctx, scope=scope)
    report = collect_drift(plugins, ctx, targets, include_kept=bool(overwrite))  # a kept edit can be given up
    candidates: list[Any] = [*report.drifted, *report.additions]
    if keep or overwrite:
        _decide(plugins, ctx, candidates, keep, overwrite)
        return
    if review:
        _review(plugins, ctx, candidates)
        return
    if as_json:
        print_json(to_json(report, ctx))
        sys.exit(4 if candidates else 0)
    for candidate in candidates:
        _show(candidate, ctx)
    if report.kept:
        echo(f"hsync: {report.kept} kept hand edit(s) not shown (they come back when the source changes)")
    if not candidates:
        echo("hsync: no drift and nothing added on the harness side")
    sys.exit(4 if candidates else 0)


def _pick(selectors: tuple[str, ...], candidates: list[Any], ctx: Any) -> list[Any]:
    chosen = []
    for selector in selectors:
        found = [c for c in candidates if _selects(selector, c, ctx)]
        if not found:
            fail(f"nothing drifted or added matches {selector!r} (see `hsync drift`)", 2)
        chosen.extend(found)
    return chosen


def _keep(candidate: Any, ctx: Any) -> None:
    from ..files.hashing import digest_bytes
    from ..store.audit import AuditLog
    from ..store.kept import KeptDrift
    from ..store.state import now_iso

    kept = KeptDrift(ctx.hsync_home)
    if hasattr(candidate, "change"):
        change = candidate.change
        kept.keep(change.id, candidate.target, change.old_hash, change.new_hash)
        kind, path = change.kind, change.path
    else:
        kept.keep(candidate.entry.id, candidate.target, digest_bytes(candidate.text.encode()), None)
        kind, path = candidate.entry.item.kind, candidate.entry.path
    audit = AuditLog(ctx.hsync_home, trigger=ctx.trigger, project=ctx.project, time=now_iso())
    audit.record(
        target=candidate.target,
        kind=kind,
        item=candidate.name,
        action="kept",
        reason="hand edit kept (hsync drift --keep); left until the source changes",
        path=str(path),
    )
    audit.flush()


def _overwrite(plugins: Any, ctx: Any, chosen: list[Any]) -> int:
    from ..operations.decisions import overwrite_chosen
    from .report import print_run

    ids = [c.change.id for c in chosen]
    targets = sorted({c.target for c in chosen})
    result = overwrite_chosen(plugins, ctx, ids, targets)
    print_run(result, ctx.home, project=ctx.project)
    return result.exit_code


def _decide(
    plugins: Any, ctx: Any, candidates: list[Any], keep: tuple[str, ...], overwrite: tuple[str, ...]
) -> None:
    for candidate in _pick(keep, candidates, ctx):
        _keep(candidate, ctx)
        echo(f"kept {candidate.target} {candidate.name}: hsync leaves it until the source changes")
    chosen = _pick(overwrite, candidates, ctx)
    if any(not hasattr(c, "change") for c in chosen):
        fail("--overwrite applies to hsync's outputs; an entry added by hand can be kept or adopted", 2)
    sys.exit(_overwrite(plugins, ctx, chosen) if chosen else 0)


def _review(plugins: Any, ctx: Any, candidates: list[Any]) -> None:
    from attrs import evolve

    from ..operations.adopt import AdoptDenied, apply_adoption, plan_adoption

    if not candidates:
        echo("hsync: no drift and nothing added on the harness side")
        return
    to_overwrite: list[Any] = []
    adopted = 0
    for number, candidate in enumerate(candidates, 1):
        echo(f"[{number}/{len(candidates)}]")
        _show(candidate, ctx)
        is_output = hasattr(candidate, "change")
        adoptable = not is_output or candidate.adoptable
        choices = ["k", *(["o"] if is_output else []), *(["a"] if adoptable else []), "s", "q"]
        labels = {"k": "keep", "o": "overwrite", "a": "adopt", "s": "skip", "q": "quit"}
        answer = click.prompt(
            " / ".join(f"[{c}]{labels[c][1:]}" for c in choices),
            type=click.Choice(choices),
            show_choices=False,
        )
        if answer == "q":
            break
        if answer == "k":
            _keep(candidate, ctx)
            echo("kept")
        elif answer == "o":
            to_overwrite.append(candidate)
            echo("will overwrite (a backup is kept)")
        elif answer == "a":
            try:
                plan = plan_adoption(plugins, ctx, candidate.target, (candidate.name,))
            except AdoptDenied as exc:
                echo(f"hsync: cannot adopt: {exc}", err=True)
                continue
            for refused in plan.refused:
                echo(f"hsync: not adopted: {refused}", err=True)
            if not plan.files:
                continue
            echo(plan.diff(ctx).rstrip("\n"))
            if click.confirm("Write this change to the Claude Code source?", default=True):
                apply_adoption(plan, ctx)
                _variables(plan)
                adopted += 1
        else:
            echo("skipped")
    code = 0
    if to_overwrite:
        code = _overwrite(plugins, ctx, to_overwrite)
    if adopted:
        from ..operations.runner import sync_once
        from .report import print_run

        echo("syncing every target with the adopted source")
        result = sync_once(plugins, evolve(ctx, dry_run=False, force=False))
        print_run(result, ctx.home, project=ctx.project)
        code = max(code, result.exit_code)
    sys.exit(code)


def _variables(plan: Any) -> None:
    for adoption in plan.adoptions:
        for variable in adoption.variables:
            echo(
                f"hsync: {adoption.name}: the credential found in {adoption.target} is now read from "
                f"${{{variable}}}; set {variable} in the environment Claude Code runs in"
            )
