"""``hsync projects add|remove|list``: the projects the daemon keeps in sync."""

from __future__ import annotations

from pathlib import Path

import click

from .common import echo, handle_errors, home_dir, hsync_home, print_json


def _registry():
    from ..store.projects import Registry

    home = home_dir()
    return Registry(hsync_home(home), home)


@click.group()
def projects() -> None:
    """The projects the daemon keeps in sync ($HSYNC_HOME/projects.json)."""


@projects.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@handle_errors
def add(path: Path | None) -> None:
    """Register PATH (default: the project of the current directory)."""
    from .common import find_project

    if path is None:
        found = find_project(None, home_dir())
        if found is None:
            raise click.UsageError(
                "the current directory is not a project; name one: hsync projects add PATH"
            )
        path = found
    project, new = _registry().add(path)
    echo(f"{'registered' if new else 'already registered'}: {project}")


@projects.command()
@click.argument("path", type=click.Path(path_type=Path))
@handle_errors
def remove(path: Path) -> None:
    """Forget PATH (it may no longer exist). Its synced files stay as they are."""
    echo(f"removed: {_registry().remove(path)}")


@projects.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@handle_errors
def list_(as_json: bool) -> None:
    """Registered projects, whether each still exists, and its last sync and result."""
    from ..store.projects import describe
    from ..store.state import StateStore

    registry = _registry()
    rows = describe(registry.paths(), StateStore(registry.document.path.parent, registry.home).load())
    if as_json:
        print_json({"projects": rows})
        return
    if not rows:
        echo("no registered projects (`hsync projects add PATH`)")
    for row in rows:
        missing = "" if row["exists"] else "  (missing: `hsync projects remove` forgets it)"
        echo(f"{row['path']}  last sync {row['last_sync'] or 'never'}, {row['result'] or '-'}{missing}")
