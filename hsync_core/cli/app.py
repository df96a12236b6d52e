"""The ``hsync`` command group (click). Commands live one group per module and load on use, so
that showing the help imports nothing but click. :func:`hsync_core.cli.main` comes here only
when the front door (:mod:`.door`) could not answer from the no-op memo."""

from __future__ import annotations

import importlib
from typing import Any

import click

from .. import __version__
from .commands import COMMANDS
from .door import NO_NOTICE, notice, quiet


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        spec = COMMANDS.get(name)
        if spec is None:
            return None
        module, attribute, _ = spec
        return getattr(importlib.import_module(module), attribute)

    def invoke(self, ctx: click.Context) -> object:
        protected = getattr(ctx, "_protected_args", None)  # click 8.2+; 8.1 calls it protected_args
        args = [*(ctx.protected_args if protected is None else protected), *ctx.args]
        ctx.meta["hsync.quiet"] = quiet(args)
        return super().invoke(ctx)

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        given = list(args)  # as typed: the no-op memo's key (see hsync_core.cli.memoized)
        ctx = super().make_context(info_name, args, parent=parent, **extra)
        ctx.meta["hsync.argv"] = given
        return ctx

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, _, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=str),
    help="The project to sync (default: the git root above the current directory, or it).",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _version(ctx) if value else None,
    help="Show the version of hsync and of every installed adapter, and exit.",
)
@click.pass_context
def cli(ctx: click.Context, project: str | None) -> None:
    """Configure Claude Code once; use it in Codex, Gemini CLI, OpenCode and more.

    hsync reads ~/.claude, ~/.claude.json and the project's CLAUDE.md, .claude/ and .mcp.json,
    and writes the equivalent configuration for every installed harness adapter.

    Exit codes: 0 done/in sync, 1 something was not written, 2 invalid input,
    3 another sync holds the lock, 4 check found changes.
    """
    ctx.obj = {"project": project}
    if ctx.invoked_subcommand not in NO_NOTICE and not ctx.meta.get("hsync.quiet"):
        ctx.call_on_close(notice)


def _version(ctx: click.Context) -> None:
    """``hsync, version X`` then one line per installed adapter (target, package, version)."""
    click.echo(f"hsync, version {__version__}")
    from ..plugins import make_plugin_manager

    plugins = make_plugin_manager()
    for info in plugins.targets.values():
        click.echo(f"  {info.name}: {info.package or '?'} {info.version or '?'}")
    for problem in plugins.problems:
        click.echo(f"  {problem.name}: {problem.package or '?'} (broken: {problem.error})")
    if not plugins.targets and not plugins.problems:
        click.echo("  no adapters installed (hsync install hsync-codex)")
    ctx.exit(0)
