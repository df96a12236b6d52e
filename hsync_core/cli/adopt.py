"""``hsync adopt TARGET [NAME...]``: bring a change made on the harness side back into the Claude
Code source (a hand-added or edited MCP server, an edit inside the managed instructions block, an
edited copy of a skill), then sync every target so that all harnesses agree."""

from __future__ import annotations

import sys

import click

from .common import build, echo, fail, handle_errors
from .drift import _variables


@click.command()
@click.argument("target")
@click.argument("names", nargs=-1)
@click.option("--dry-run", is_flag=True, help="Show the change to the Claude Code source; write nothing.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before writing (needed without a terminal).")
@click.pass_context
@handle_errors
def adopt(click_ctx: click.Context, target: str, names: tuple[str, ...], dry_run: bool, yes: bool) -> None:
    """Adopt NAME (a server, a skill, or the instructions file) from TARGET; all without NAME.

    Needs `[targets.TARGET] adopt = true` in hsync's config. Literal credentials become ${VAR}
    references. Exit 0 adopted (or nothing to adopt), 1 denied or not adopted, 2 invalid input.
    """
    from attrs import evolve

    from ..operations.adopt import apply_adoption, plan_adoption
    from ..operations.diff import display_path
    from ..operations.runner import sync_once
    from .report import print_run

    plugins, ctx = build(click_ctx)
    plan = plan_adoption(plugins, ctx, target, names)
    for refused in plan.refused:
        echo(f"hsync: not adopted: {refused}", err=True)
    if not plan.files:
        if not plan.refused:
            echo(f"hsync: nothing to adopt from {target}")
        sys.exit(1 if plan.refused else 0)
    for adoption in plan.adoptions:
        echo(
            f"adopt {adoption.kind} {adoption.name} ({adoption.what} in {target}) "
            f"-> {display_path(adoption.source, ctx.home, ctx.project)}"
        )
    echo(plan.diff(ctx).rstrip("\n"))
    if dry_run:
        echo("hsync: dry run; nothing written")
        sys.exit(0)
    if not yes:
        if not sys.stdin.isatty():
            fail("not changing the Claude Code source without --yes (no terminal to ask)", 1)
        if not click.confirm("Write this change to the Claude Code source?", default=False):
            fail("nothing adopted", 1)
    apply_adoption(plan, ctx)
    _variables(plan)
    echo("syncing every target with the adopted source")
    result = sync_once(plugins, evolve(ctx, dry_run=False, force=False))
    print_run(result, ctx.home, project=ctx.project)
    _still_literal(plan, result, ctx)
    sys.exit(max(result.exit_code, 1 if plan.refused else 0))


def _still_literal(plan, result, ctx) -> None:  # type: ignore[no-untyped-def]
    """Say what to do where the harness keeps the hand-written entry with its literal credential."""
    from ..operations.diff import display_path

    for adoption in plan.adoptions:
        if not adoption.variables:
            continue
        target = result.targets.get(adoption.target)
        for change in target.changes if target else ():
            if change.action == "conflict" and change.item == adoption.name and change.kind == adoption.kind:
                echo(
                    f"hsync: {adoption.target} keeps your {adoption.name} entry in "
                    f"{display_path(change.path, ctx.home, ctx.project)} as written (it holds the literal "
                    f"credential); once {', '.join(adoption.variables)} is set, delete that entry and run "
                    "`hsync sync` to have hsync write the reference"
                )
