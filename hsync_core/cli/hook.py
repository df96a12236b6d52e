"""``hsync hook post-tool-use`` and ``hsync hook session-start``: what the hooks of hsync's Claude
Code plugin run. Both read Claude Code's hook JSON on stdin and always exit 0; the logic is in
:mod:`hsync_core.integrations.claude.post_tool_use` and :mod:`~hsync_core.integrations.claude.session_start`."""

from __future__ import annotations

import contextlib
import os
import sys

import click

from .common import home_dir, hsync_home


def _say(line: str, *, err: bool) -> None:
    with contextlib.suppress(OSError):  # Claude Code may have closed the pipe: nothing to tell
        click.echo(line, err=err)


@click.group()
def hook() -> None:
    """Entry points for Claude Code's hooks (hsync's plugin runs them; they always exit 0)."""


@hook.command(name="post-tool-use")
@click.pass_context
def post_tool_use(click_ctx: click.Context) -> None:
    """After Claude edits a file: sync in the background when it is a Claude Code source.

    Reads the PostToolUse JSON on stdin; hands the sync to the daemon, or starts a detached
    `hsync sync --debounce` and returns at once.
    """
    from ..integrations.claude.hook_input import read_stdin
    from ..integrations.claude.post_tool_use import run_post_tool_use

    home = home_dir()
    outcome = run_post_tool_use(
        read_stdin(),
        home=home,
        hsync_home=hsync_home(home),
        environ=os.environ,
        project_option=click_ctx.find_root().obj.get("project"),
    )
    if outcome.message:
        _say(outcome.message, err=True)
    sys.exit(0)


@hook.command(name="session-start")
@click.pass_context
def session_start(click_ctx: click.Context) -> None:
    """At the start of a session: one line on what is out of date, or nothing when in sync."""
    from .door import session_start as run

    run(click_ctx.find_root().obj.get("project"))
