"""``hsync sync``, ``hsync diff`` and ``hsync check``: the pipeline, applied or only shown."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Any

import click

from .common import build, echo, handle_errors, print_json

SCOPES = click.Choice(["user", "project", "all"])


def target_option(func: Any) -> Any:
    return click.option(
        "--target", "-t", "targets", multiple=True, metavar="T", help="Only this target (repeatable)."
    )(func)


def scope_option(func: Any) -> Any:
    return click.option(
        "--scope",
        type=SCOPES,
        default="all",
        show_default=True,
        help="Sync the harnesses' user-level files, the project's files, or both.",
    )(func)


def strict_option(func: Any) -> Any:
    return click.option(
        "--strict", is_flag=True, help="Exit 1 when an item was skipped (by default a skip exits 0)."
    )(func)


def run(
    click_ctx: click.Context,
    *,
    targets: tuple[str, ...],
    scope: str,
    dry_run: bool,
    force: bool = False,
    wait: float = 0.0,
    debounce: float | None = None,
    trigger: str = "cli",
) -> tuple[Any, Any]:
    """Run the engine (under the lock unless it is a dry run); return (result, context)."""
    from ..operations.runner import sync_once

    plugins, ctx = build(click_ctx, dry_run=dry_run, force=force, scope=scope, trigger=trigger)
    return sync_once(plugins, ctx, targets=targets, wait=wait, debounce=debounce), ctx


@click.command()
@scope_option
@target_option
@click.option("--dry-run", is_flag=True, help="Print the changes as diffs; write nothing, not even state.")
@click.option("--force", is_flag=True, help="Overwrite outputs edited by hand (a backup is kept).")
@click.option("--wait", type=float, default=0.0, metavar="S", help="Wait up to S seconds for the lock.")
@click.option(
    "--debounce",
    type=float,
    default=None,
    metavar="S",
    help="For editor and hook triggers: wait out a sync less than S seconds old, then sync.",
)
@click.option(
    "--via-daemon", is_flag=True, help="Ask the running daemon to sync (syncs here when none runs)."
)
@click.option("--trigger", type=click.Choice(["cli", "daemon", "hook"]), default="cli", hidden=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
@click.option("-v", "--verbose", is_flag=True, help="Also list unchanged outputs and notes.")
@strict_option
@click.pass_context
@handle_errors
def sync(
    click_ctx: click.Context,
    scope: str,
    targets: tuple[str, ...],
    dry_run: bool,
    force: bool,
    wait: float,
    debounce: float | None,
    via_daemon: bool,
    trigger: str,
    as_json: bool,
    quiet: bool,
    verbose: bool,
    strict: bool,
) -> None:
    """Render every target, apply the changes atomically and record what hsync owns."""
    from .memoized import Memoized

    memo = None
    if not (via_daemon or dry_run or force or debounce) and trigger == "cli":
        memo = Memoized.for_invocation(click_ctx)  # kept when this run changes nothing
    from .report import print_diff, print_errors, print_run, to_json

    if via_daemon:
        if dry_run or force:
            raise click.UsageError("--via-daemon cannot be combined with --dry-run or --force")
        code = sync_via_daemon(click_ctx, scope=scope, targets=targets, as_json=as_json, quiet=quiet)
        if isinstance(code, int):
            sys.exit(code)
        if not quiet:
            echo(f"hsync: {code}; syncing here", err=True)

    with memo.watching() if memo is not None else nullcontext():
        try:
            result, ctx = run(
                click_ctx,
                targets=targets,
                scope=scope,
                dry_run=dry_run,
                force=force,
                wait=wait,
                debounce=debounce,
                trigger=trigger,
            )
        except Exception as exc:
            if trigger == "hook":  # nobody reads a hook's output: a failure becomes a notification
                from ..integrations.claude.post_tool_use import note_sync_failure

                note_sync_failure(click_ctx.find_root().obj.get("project"), scope, exc)
            raise
        if result is None:
            if not quiet:
                echo("hsync: a sync that started after this request already covered it")
            return
        if as_json:
            print_errors(result, ctx.home, ctx.project)
            print_json(to_json(result, ctx.home))
        else:
            if dry_run:
                print_diff(result, ctx.home, ctx.project)
            print_run(result, ctx.home, project=ctx.project, quiet=quiet, verbose=verbose)
        code = result.code(strict)
    if memo is not None:
        memo.keep(result, code)
    sys.exit(code)


def sync_via_daemon(
    click_ctx: click.Context, *, scope: str, targets: tuple[str, ...], as_json: bool, quiet: bool
) -> int | str:
    """Have the running daemon sync; print its results and return the exit code (or, when the
    daemon cannot do it, why)."""
    from ..daemon.client import DaemonClient, DaemonUnavailable, daemon_pid
    from ..errors import HsyncError
    from .common import find_project, home_dir, hsync_home

    home = home_dir()
    hhome = hsync_home(home)
    if daemon_pid(hhome) is None:
        return "no daemon is running"
    project = find_project(click_ctx.find_root().obj.get("project"), home)
    request: dict = {"cmd": "sync", "scope": scope, "targets": list(targets)}
    if project is not None:
        request["project"] = str(project)
    elif scope == "project":
        raise click.UsageError("--scope project needs a project (run inside one, or pass --project)")
    else:
        request["scope"] = "user"
    try:
        reply = DaemonClient(hhome).request(request, timeout=900)
    except DaemonUnavailable:
        return "no daemon is running"
    if not reply.get("ok"):
        if "not a registered project" in str(reply.get("error")):
            return "the daemon syncs registered projects only"
        raise HsyncError(f"the daemon refused: {reply.get('error')}")
    results = reply["data"]["results"]
    code = max([0, *(r.get("exit_code", 1) for r in results)])
    if as_json:
        print_json({"ok": code == 0, "via_daemon": True, "results": results})
        return code
    for result in results:
        if not result.get("ok") and "report" not in result:
            echo(f"hsync: daemon: {result['scope']}: {result.get('error')}", err=True)
            continue
        for name, target in result["report"]["targets"].items():
            counts = target["counts"]
            if quiet and target["status"] in ("success", "unchanged"):
                continue
            changed = (
                ", ".join(f"{n} {k}" for k, n in counts.items() if n and k != "unchanged") or "no changes"
            )
            echo(f"{name} [{result['scope']}]: {target['status']} ({changed}) via the daemon")
    return code


@click.command()
@scope_option
@target_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@strict_option
@click.pass_context
@handle_errors
def diff(click_ctx: click.Context, scope: str, targets: tuple[str, ...], as_json: bool, strict: bool) -> None:
    """Show what ``sync`` would change (the same as ``sync --dry-run``); writes nothing."""
    from .report import print_diff, print_errors, print_run, to_json

    result, ctx = run(click_ctx, targets=targets, scope=scope, dry_run=True)
    if as_json:
        print_errors(result, ctx.home, ctx.project)
        print_json(to_json(result, ctx.home))
    else:
        print_diff(result, ctx.home, ctx.project)
        print_run(result, ctx.home, project=ctx.project, quiet=True)
    sys.exit(result.code(strict))


@click.command()
@scope_option
@target_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@strict_option
@click.pass_context
@handle_errors
def check(
    click_ctx: click.Context, scope: str, targets: tuple[str, ...], as_json: bool, strict: bool
) -> None:
    """Exit 4 when any target would change (listing what), 0 when everything is in sync, whatever
    skips and notes the sources carry (1 on an error, or on a skip with ``--strict``)."""
    from .memoized import Memoized

    memo = Memoized.for_invocation(click_ctx)
    with memo.watching() if memo is not None else nullcontext():
        result, code = _check(click_ctx, scope, targets, as_json, strict)
    if memo is not None:
        memo.keep(result, code)
    sys.exit(code)


def _check(
    click_ctx: click.Context, scope: str, targets: tuple[str, ...], as_json: bool, strict: bool
) -> tuple[Any, int]:
    """Run ``check`` and print its findings; return the result and the exit code."""
    from .report import print_errors, print_problems, to_json

    result, ctx = run(click_ctx, targets=targets, scope=scope, dry_run=True)
    code = 4 if result.pending else result.code(strict)
    if as_json:
        print_errors(result, ctx.home, ctx.project)
        document = to_json(result, ctx.home)
        document["in_sync"] = not result.pending
        print_json(document)
        return result, code
    print_problems(result, ctx.home, ctx.project)
    from ..operations.diff import display_path

    for name, target in result.targets.items():
        for change in target.changes:
            if change.action in ("create", "update", "remove", "conflict", "failed"):
                reason = f": {change.reason}" if change.reason else ""
                echo(
                    f"{name}: would {change.action} {change.kind} {change.item} -> "
                    f"{display_path(change.path, ctx.home, ctx.project)}{reason}"
                )
        if target.error:
            echo(f"{name}: {target.error}", err=True)
    if code == 0:
        echo("hsync: every target is in sync")
    elif code == 4:
        echo("hsync: out of sync; run `hsync sync`", err=True)
    return result, code
