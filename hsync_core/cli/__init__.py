"""The ``hsync`` command line (click). Commands live one group per module and load on use,
so that ``hsync --help`` imports nothing but click."""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__

# name -> (module, attribute, one-line help); modules are imported only when a command runs
COMMANDS: dict[str, tuple[str, str, str]] = {
    "sync": ("hsync_core.cli.sync", "sync", "Render every target and apply the changes."),
    "diff": ("hsync_core.cli.sync", "diff", "Show what sync would change, as diffs."),
    "check": ("hsync_core.cli.sync", "check", "Exit 4 if any target is out of sync."),
    "status": ("hsync_core.cli.info", "status", "Last sync, result, changed sources and drift per target."),
    "sources": ("hsync_core.cli.info", "sources", "Every item read from the Claude Code setup."),
    "targets": ("hsync_core.cli.info", "targets", "Installed adapters and their load errors."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        spec = COMMANDS.get(name)
        if spec is None:
            return None
        module, attribute, _ = spec
        return getattr(importlib.import_module(module), attribute)

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
@click.version_option(__version__, prog_name="hsync")
@click.pass_context
def cli(ctx: click.Context, project: str | None) -> None:
    """Configure Claude Code once; use it in Codex, Gemini CLI, OpenCode and more.

    hsync reads ~/.claude, ~/.claude.json and the project's CLAUDE.md, .claude/ and .mcp.json,
    and writes the equivalent configuration for every installed harness adapter.

    Exit codes: 0 done/in sync, 1 something was not written, 2 invalid input,
    3 another sync holds the lock, 4 check found changes.
    """
    ctx.obj = {"project": project}


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="hsync", standalone_mode=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
