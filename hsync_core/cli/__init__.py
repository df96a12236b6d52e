"""The ``hsync`` command line (click). Commands live one group per module and load on use,
so that ``hsync --help`` imports nothing but click."""

from __future__ import annotations

import importlib
import os
import sys

import click

from .. import __version__

# name -> (module, attribute, one-line help); modules are imported only when a command runs
COMMANDS: dict[str, tuple[str, str, str]] = {
    "sync": ("hsync_core.cli.sync", "sync", "Render every target and apply the changes."),
    "diff": ("hsync_core.cli.sync", "diff", "Show what sync would change, as diffs."),
    "check": ("hsync_core.cli.sync", "check", "Exit 4 if any target is out of sync."),
    "status": ("hsync_core.cli.info", "status", "Last sync, result, changed sources and drift per target."),
    "drift": (
        "hsync_core.cli.drift",
        "drift",
        "Review hand edits and harness-side additions: keep, overwrite, adopt.",
    ),
    "adopt": (
        "hsync_core.cli.adopt",
        "adopt",
        "Bring a harness-side change back into the Claude Code source.",
    ),
    "log": ("hsync_core.cli.log", "log", "Query the audit log: what hsync did, when, and why."),
    "sources": ("hsync_core.cli.info", "sources", "Every item read from the Claude Code setup."),
    "targets": ("hsync_core.cli.info", "targets", "Installed adapters, where they came from, load errors."),
    "install": ("hsync_core.cli.adapters", "install", "Install adapter packages where hsync runs."),
    "uninstall": ("hsync_core.cli.adapters", "uninstall", "Uninstall adapter packages."),
    "new-adapter": ("hsync_core.cli.adapters", "new_adapter", "Create a new adapter package to start from."),
    "projects": ("hsync_core.cli.projects", "projects", "Register the projects the daemon keeps in sync."),
    "daemon": ("hsync_core.cli.daemon", "daemon", "Run, start, stop and install the background daemon."),
    "notifications": (
        "hsync_core.cli.notifications",
        "notifications",
        "What the daemon and hooks found: drift, conflicts, failures.",
    ),
    "monitor": (
        "hsync_core.cli.monitor",
        "monitor",
        "A live view of the daemon: projects, last syncs, notifications, activity.",
    ),
    "integrate": ("hsync_core.cli.integrate", "integrate", "Install the hsync plugin into Claude Code."),
    "hook": ("hsync_core.cli.hook", "hook", "Entry points for Claude Code's hooks (used by the plugin)."),
}
#: commands that print no "notifications waiting" line (they show them, or speak to a program)
NO_NOTICE = {"notifications", "hook", "daemon", "install", "uninstall", "new-adapter", "monitor"}


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
        ctx.meta["hsync.quiet"] = any(a in ("--json", "-q", "--quiet", "--help", "-h") for a in args)
        return super().invoke(ctx)

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
        ctx.call_on_close(_notice)


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


def _notice() -> None:
    """One line on stderr when notifications wait (commands with --json or -q stay silent)."""
    from .common import home_dir, hsync_home

    where = hsync_home(home_dir())
    if not os.path.exists(where / "notifications.json"):
        return  # nothing waits (and the store's models need not load)
    from ..store.notifications import pending_count

    count = pending_count(where)
    if count:
        click.echo(
            f"hsync: {count} notification{'s' if count != 1 else ''} waiting; see `hsync notifications`",
            err=True,
        )


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="hsync", standalone_mode=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
