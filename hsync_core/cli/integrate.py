"""``hsync integrate claude``: install hsync's plugin into Claude Code (or remove it).

The logic is in :mod:`hsync_core.integrations.claude.install`."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from .common import echo, find_project, handle_errors, home_dir, hsync_home


@click.group()
def integrate() -> None:
    """Install hsync's plugin into a harness that runs hsync itself (Claude Code)."""


@integrate.command()
@click.option(
    "--scope",
    type=click.Choice(["user", "project"]),
    default="user",
    show_default=True,
    help="Enable the plugin for every session (user) or only in this project (project).",
)
@click.option("--uninstall", is_flag=True, help="Remove exactly what hsync added, nothing else.")
@click.option("--dry-run", is_flag=True, help="Print the changes as diffs; write nothing.")
@click.pass_context
@handle_errors
def claude(click_ctx: click.Context, scope: str, uninstall: bool, dry_run: bool) -> None:
    """Install the hsync plugin into Claude Code: /hsync:sync, /hsync:status, /hsync:diff and
    /hsync:check, a hook that syncs after Claude edits CLAUDE.md, .mcp.json, a skill..., and a
    line at session start when something is out of date.

    The plugin ships with hsync and is registered in place as a local marketplace, with the same
    entries `claude plugin install` writes (settings.json, ~/.claude/plugins, or the folder
    CLAUDE_CONFIG_DIR names when it is set). Only hsync's own
    keys change; running it again changes nothing; --uninstall puts back what it changed.
    """
    from ..errors import UsageError
    from ..integrations.claude.entries import PLUGIN_ID, display, key_text, plugin_dir
    from ..integrations.claude.install import install
    from ..integrations.claude.install import uninstall as remove
    from ..sources.locations import claude_locations

    home = home_dir()
    project = find_project(click_ctx.find_root().obj.get("project"), home)
    if scope == "project" and project is None:
        raise UsageError("--scope project needs a project: run it inside one, or pass --project DIR")
    run = remove if uninstall else install
    result = run(
        home=home,
        hsync_home=hsync_home(home),
        scope=scope,
        project=project,
        dry_run=dry_run,
        environ=os.environ,
    )
    where = "user scope" if scope == "user" else f"project {project}"
    moved = claude_locations(home, os.environ)
    if moved.from_variable:  # Claude Code reads its settings and plugins there, not in ~/.claude
        where += f", CLAUDE_CONFIG_DIR={display(moved.config_dir, home, None)}"
    if dry_run:
        for diff in result.diffs:
            click.echo(diff, nl=False)
        if not result.changed:
            echo(f"hsync: nothing to change for {where}")
        else:
            echo("hsync: dry run; nothing was written")
    elif uninstall:
        if not result.was_installed:
            echo(f"hsync: hsync did not install its Claude Code plugin for {where}; nothing to remove")
        else:
            echo(f"hsync: removed the Claude Code plugin {PLUGIN_ID} ({where})")
            for path, key in result.removed:
                echo(f"  - {display(path, home, project)}: {key_text(key)}")
            for path in result.files_removed:
                echo(f"  - {display(path, home, project)} (hsync had created it)")
    elif result.changed:
        echo(f"hsync: installed the Claude Code plugin {PLUGIN_ID} ({where}) from {plugin_dir()}")
        for path, key in result.added:
            echo(f"  + {display(path, home, project)}: {key_text(key)}")
        echo("hsync: start a new Claude Code session to load it; then try /hsync:status")
    else:
        echo(f"hsync: the Claude Code plugin {PLUGIN_ID} is already installed ({where}); nothing changed")
    for path, key, why in result.left:
        echo(f"hsync: left {display(path, home, project)}: {key_text(key)} ({why})", err=True)
    if not uninstall and shutil.which("hsync") is None:
        bin_dir = Path(sys.executable).parent
        hint = f" (add {bin_dir} to PATH)" if (bin_dir / "hsync").exists() else ""
        echo(
            "hsync: warning: `hsync` is not on PATH; the plugin's hooks and /hsync:* commands run it "
            f"from PATH and will fail{hint}",
            err=True,
        )
